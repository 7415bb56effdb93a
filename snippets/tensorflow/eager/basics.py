"""What eager execution means: ops run at once and return EagerTensors. Shown on the eager page."""

# --8<-- [start:immediate]
import numpy as np
import tensorflow as tf

print("executing eagerly:", tf.executing_eagerly())

x = np.array([1, 2, 3])
y = np.array([4, 5, 6])
product = tf.multiply(x, y)  # runs now: no graph to build, no session to start
print(type(product).__name__, "| a tf.Tensor:", isinstance(product, tf.Tensor))
print(product)
print(
    "as NumPy:",
    product.numpy(),
    "| first element as a Python int:",
    int(product[0]),
)
# --8<-- [end:immediate]

# --8<-- [start:symbolic]
import tensorflow as tf


@tf.function
def double(t):
    # Python code in a tf.function runs once,
    # while TensorFlow traces it into a graph.
    print(
        "while tracing:",
        type(t).__name__,
        "| has .numpy():",
        hasattr(t, "numpy"),
    )
    return t * 2


result = double(tf.constant([1, 2, 3]))
print("returned:", type(result).__name__, result.numpy())
# --8<-- [end:symbolic]
