"""Indexing and slicing tensors; what needs tf.gather or a variable. Shown on the tensors page."""

# --8<-- [start:one-axis]
import tensorflow as tf

v = tf.range(10)  # [0 1 2 ... 9]
print("v[3]    ", v[3].numpy())
print("v[-1]   ", v[-1].numpy())  # negative indices count from the end
print("v[2:5]  ", v[2:5].numpy())  # start included, stop excluded
print("v[-3:]  ", v[-3:].numpy())  # the last three
print("v[1:8:3]", v[1:8:3].numpy())  # start, stop, step
print("v[::-1] ", v[::-1].numpy())  # a negative step runs backwards
print("v[8:20] ", v[8:20].numpy())  # a slice may run past the end ...
try:
    v[20]  # ... an index may not
except tf.errors.InvalidArgumentError as err:
    print(
        type(err).__name__, "-", err.message.split("}} ")[-1].split(" [Op")[0]
    )
# --8<-- [end:one-axis]

# --8<-- [start:axes]
import tensorflow as tf

t = tf.reshape(tf.range(24), [2, 3, 4])  # 2 blocks of 3 rows of 4 columns
print("t[1, 2, 3]      ", t[1, 2, 3].numpy())  # one index per axis: one number
print("t[1]            ", t[1].shape)  # an integer removes its axis ...
print("t[1:]           ", t[1:].shape)  # ... a slice keeps it
print("t[0, 1:, ::2]   ", t[0, 1:, ::2].numpy().tolist())
print("t[:, 0, :]      ", t[:, 0, :].numpy().tolist())  # row 0 of each block
print("t[..., 0]       ", t[..., 0].numpy().tolist())  # `...`: all other axes
print("t[tf.newaxis]   ", t[tf.newaxis].shape)  # a new axis of length 1
print("t[..., None]    ", t[..., None].shape)  # tf.newaxis is None
# --8<-- [end:axes]

# --8<-- [start:gather]
import tensorflow as tf

m = tf.reshape(tf.range(12), [3, 4])
print(m.numpy())
print("rows 2, 0, 2:    ", tf.gather(m, [2, 0, 2]).numpy().tolist())
print("columns 3 and 0: ", tf.gather(m, [3, 0], axis=1).numpy().tolist())
print("even elements:   ", m[m % 2 == 0].numpy())  # a boolean tensor as index
print(
    "rows with m[:, 0] > 0:", tf.boolean_mask(m, m[:, 0] > 0).numpy().tolist()
)

try:
    m[:, [3, 0]]  # NumPy picks columns 3 and 0; TensorFlow refuses
except TypeError as err:
    print(f"TypeError: {err}")
# a list counts as one index per axis: m[0, 2]
print("m[[0, 2]]:       ", m[[0, 2]].numpy())
print("NumPy's m[[0, 2]]:", m.numpy()[[0, 2]].tolist())  # rows 0 and 2
# --8<-- [end:gather]

# --8<-- [start:write]
import tensorflow as tf

m = tf.zeros([3, 4])
try:
    m[0, 1:] = 1.0
except TypeError as err:
    print(f"TypeError: {err}")

w = tf.Variable(tf.zeros([3, 4]))
w[0, 1:].assign([1.0, 2.0, 3.0])  # write through a slice of a variable
w[:, 0].assign([7.0, 8.0, 9.0])
w[1:, ::2].assign(tf.fill([2, 2], -1.0))
print(w.numpy())
# --8<-- [end:write]
