"""Python print runs while tracing; tf.print runs on every call. Shown on the graphs page."""

# --8<-- [start:print]
from pathlib import Path

import tensorflow as tf

log = Path("tf_print.log").resolve()  # (1)!


@tf.function
def double(x):
    print("print:   ", x)  # Python: runs while the function is traced
    tf.print("tf.print:", x, output_stream=f"file://{log}")  # a graph op
    return 2 * x


for value in [1, 2, 3]:
    double(tf.constant(value))
print(log.read_text(), end="")
# --8<-- [end:print]
