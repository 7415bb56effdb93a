"""tf.Variable versus an immutable constant. Shown on the tensors page."""

# --8<-- [start:variable]
import tensorflow as tf

w = tf.Variable([1.0, 2.0, 3.0], name="w")
w.assign([4.0, 5.0, 6.0])  # new values, same shape and dtype
w.assign_add([1.0, 1.0, 1.0])
w[0].assign(0.0)  # assign to a slice
print(w.name, w.shape, w.dtype.name, "trainable:", w.trainable)
print("values:", w.numpy())
print("w * 2 is a plain tensor:", type(w * 2).__name__)

try:
    w.assign([1.0, 2.0])  # a variable's shape is fixed
except ValueError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:variable]

# --8<-- [start:constant]
import tensorflow as tf

c = tf.constant([1.0, 2.0, 3.0])
try:
    c[0] = 0.0
except TypeError as err:
    print(f"{type(err).__name__}: {err}")
try:
    c.assign([4.0, 5.0, 6.0])
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")

# A constant never changes; ops build new tensors instead.
new = tf.tensor_scatter_nd_update(c, indices=[[0]], updates=[0.0])
print("new:", new.numpy(), " c is unchanged:", c.numpy())
# --8<-- [end:constant]
