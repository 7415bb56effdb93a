"""Python print runs while tracing; tf.print runs on every call. Shown on the graphs page."""

# --8<-- [start:print]
import tensorflow as tf


@tf.function
def double(x):
    print("print:   ", x)  # Python: runs while the function is traced
    tf.print("tf.print:", x)  # (1)!
    return 2 * x


for value in [1, 2, 3]:
    double(tf.constant(value))
# --8<-- [end:print]
