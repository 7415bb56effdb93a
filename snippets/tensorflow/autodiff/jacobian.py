"""Jacobians: every output's gradient with respect to every input."""

# --8<-- [start:jacobian]
import numpy as np
import tensorflow as tf


def f(x):  # R^2 -> R^3
    return tf.stack([x[0] * x[1], tf.sin(x[0]), x[1] ** 2])


x = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    y = f(x)
jacobian = tape.jacobian(y, x)  # (1)!
print("shape:", jacobian.shape)
print(jacobian.numpy().round(4))

x0, x1 = x.numpy()
by_hand = [[x1, x0], [np.cos(x0), 0.0], [0.0, 2 * x1]]
print("matches the analytic Jacobian:", np.allclose(jacobian, by_hand))
# --8<-- [end:jacobian]

# --8<-- [start:batch]
import tensorflow as tf

x = tf.reshape(tf.range(12.0), [4, 3]) / 10  # a batch of 4 inputs of 3 features
w = tf.constant([[1.0, -1.0], [0.5, 0.0], [0.0, 2.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = tf.tanh(x @ w)  # a batch of 4 outputs of 2 values
full = tape.jacobian(y, x)  # every output against every input of the batch
per_example = tape.batch_jacobian(y, x)  # each output against its own input
del tape
print("jacobian:      ", full.shape)
print("batch_jacobian:", per_example.shape)
# output i against input i
diagonal = tf.stack([full[i, :, i, :] for i in range(4)])
print(
    "batch_jacobian is jacobian's diagonal:",
    bool(tf.reduce_all(per_example == diagonal)),
)
# 1 where output and input share an example
same = tf.eye(4)[:, tf.newaxis, :, tf.newaxis]
print(
    "elsewhere jacobian is zero:", bool(tf.reduce_all(full * (1 - same) == 0))
)
# --8<-- [end:batch]
