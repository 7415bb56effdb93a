"""Solutions to the eager page's exercises."""

# --8<-- [start:ex1]
import tensorflow as tf

values = tf.constant([40.0, 3.0, 17.0])
halvings = 0
while tf.reduce_max(values) >= 1.0:  # the loop reads the tensor's current value
    values = values / 2
    halvings += 1
print(halvings, values.numpy())
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import tensorflow as tf

seen = []


@tf.function
def square(t):
    seen.append(type(t).__name__)
    return t * t


square(tf.constant(3.0))
square(tf.constant(4.0))
tf.config.run_functions_eagerly(True)
try:
    square(tf.constant(5.0))
finally:
    tf.config.run_functions_eagerly(False)
print(seen)
# --8<-- [end:ex2]
