"""Tensors from NumPy arrays and back. Shown on the tensors page."""

# --8<-- [start:from-numpy]
import numpy as np
import tensorflow as tf

a = np.array([[1.0, 2.0], [3.0, 4.0]])  # NumPy's default float is float64
t = tf.constant(a)
print("from a NumPy array:", t.dtype.name, t.shape)
print("from a Python list:", tf.constant([[1.0, 2.0], [3.0, 4.0]]).dtype.name)

t32 = tf.constant(a, dtype=tf.float32)  # or tf.cast(t, tf.float32)
back = t32.numpy()
print("back to NumPy:", type(back).__name__, back.dtype, back.tolist())
print("NumPy function on a tensor:", type(np.sqrt(t32)).__name__)
print("TensorFlow op on an array: ", type(tf.sqrt(a)).__name__)
# --8<-- [end:from-numpy]

# --8<-- [start:mixed-dtypes]
import numpy as np
import tensorflow as tf

t64 = tf.constant(np.array([1.0, 2.0]))  # float64, from NumPy
t32 = tf.constant([1.0, 2.0])  # float32, from Python floats
try:
    t64 + t32  # TensorFlow does not promote one dtype to the other
except tf.errors.InvalidArgumentError as err:
    print(f"{type(err).__name__}: {err.message}")

print((tf.cast(t64, tf.float32) + t32).dtype.name)
# --8<-- [end:mixed-dtypes]
