"""Python control flow inside a tf.function becomes graph control flow. Shown on the graphs page."""

# --8<-- [start:autograph]
import tensorflow as tf


@tf.function
def collatz_steps(n):
    steps = tf.constant(0)
    # n is a tensor, so AutoGraph turns this loop into a graph loop
    while n != 1:
        n = tf.where(n % 2 == 0, n // 2, 3 * n + 1)
        steps += 1
    return steps


print("steps from 27 to 1:", collatz_steps(tf.constant(27)).numpy())
graph = collatz_steps.get_concrete_function(tf.TensorSpec([], tf.int32)).graph
print(
    "top-level operations:", sorted({op.type for op in graph.get_operations()})
)
# --8<-- [end:autograph]
