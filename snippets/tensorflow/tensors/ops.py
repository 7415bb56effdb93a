"""Element-wise ops, matrix products, broadcasting and reshaping. Shown on the tensors page."""

# --8<-- [start:elementwise]
import tensorflow as tf

x = tf.constant([1, 2, 3])
y = tf.constant([4, 5, 6])
print("x * y     ", (x * y).numpy())  # the same as tf.multiply(x, y)
print("x + y     ", tf.add(x, y).numpy())
print("y ** 2    ", (y**2).numpy())
print("x < 3     ", (x < 3).numpy())
print("relu      ", tf.nn.relu([-2.0, 0.0, 3.0]).numpy())
print("sum, max  ", tf.reduce_sum(x).numpy(), tf.reduce_max(y).numpy())
# --8<-- [end:elementwise]

# --8<-- [start:matmul]
import tensorflow as tf

X = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # 2 samples of 3 features
W = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]])  # 3 inputs -> 2 outputs
print("X @ W =\n", (X @ W).numpy())  # the same as tf.matmul(X, W)
print("shapes:", X.shape, "@", W.shape, "->", tf.matmul(X, W).shape)

try:
    tf.matmul(X, X)  # (2, 3) @ (2, 3): inner sizes 3 and 2 differ
except tf.errors.InvalidArgumentError as err:
    print(
        type(err).__name__, "-", err.message.split("}} ")[-1].split(" [Op")[0]
    )
# --8<-- [end:matmul]

# --8<-- [start:broadcast]
import tensorflow as tf

# X @ W from the block above, shape (2, 2)
XW = tf.constant([[4.0, -1.0], [10.0, -1.0]])
b = tf.constant([10.0, 20.0])  # one bias per output, shape (2,)
print("X @ W + b =\n", (XW + b).numpy())  # b is added to every row

column = tf.constant([[1.0], [2.0], [3.0]])  # shape (3, 1)
row = tf.constant([[10.0, 20.0, 30.0, 40.0]])  # shape (1, 4)
print("(3, 1) + (1, 4) ->", (column + row).shape)
print((column + row).numpy())
# --8<-- [end:broadcast]

# --8<-- [start:reshape]
import tensorflow as tf

t = tf.range(12)
m = tf.reshape(t, [3, 4])
print(m.numpy())
# -1: work this size out
print("reshape to [2, -1, 3]:", tf.reshape(t, [2, -1, 3]).shape)
print("transpose:\n", tf.transpose(m).numpy())

image = tf.zeros([28, 28])
print("add a channel axis:", tf.expand_dims(image, axis=-1).shape)
print("add batch and channel:", image[tf.newaxis, :, :, tf.newaxis].shape)
print("drop size-1 axes:", tf.squeeze(tf.zeros([1, 28, 28, 1])).shape)
# --8<-- [end:reshape]
