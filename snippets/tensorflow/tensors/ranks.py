"""Tensors of rank 0 to 4: shapes and dtypes. Shown on the tensors page."""

# --8<-- [start:ranks]
import tensorflow as tf

examples = {
    "scalar": tf.constant(7.0),
    "vector": tf.constant([1.0, 2.0, 3.0, 4.0]),
    "matrix": tf.constant([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]),
    "3-D": tf.zeros([2, 3, 4]),
    "4-D": tf.zeros([3, 2, 3, 4], dtype=tf.uint8),
}
for name, t in examples.items():
    size = tf.size(t).numpy()  # how many numbers the tensor holds
    print(
        f"{name:<7} rank {t.ndim}  shape {t.shape!s:<13} "
        f"{t.dtype.name:<8} {size} numbers"
    )
# --8<-- [end:ranks]
