"""Solutions to the tensors page's exercises."""

# --8<-- [start:ex1]
import tensorflow as tf

images = tf.zeros([8, 32, 32, 3])  # batch, height, width, channels
first = images[0]
red = images[0, :, :, 0]
print("batch:", images.ndim, images.shape)
print("first image:", first.ndim, first.shape)
print("its red channel:", red.ndim, red.shape)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import tensorflow as tf

data = tf.constant([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
mean = tf.reduce_mean(data, axis=0)  # shape (2,): one mean per column
std = tf.math.reduce_std(data, axis=0)
scaled = (data - mean) / std  # (3, 2) with (2,): broadcast over the rows
print("mean", mean.numpy(), "std", std.numpy().round(3))
print(scaled.numpy().round(3))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import tensorflow as tf

readings = tf.constant([3.0, -1.0, 4.0, -1.5, 5.0])
# a new tensor; readings is unchanged
clean = tf.where(readings < 0, 0.0, readings)
print(clean.numpy(), readings.numpy())

total = tf.Variable(0.0)
for value in clean:
    total.assign_add(value)
print("total:", total.numpy())
# --8<-- [end:ex3]
