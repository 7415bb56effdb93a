"""A variable the result does not use gets a None gradient, or zero if you ask."""

# --8<-- [start:unconnected]
import tensorflow as tf

w = tf.Variable(2.0)
b = tf.Variable(1.0)  # never used below

with tf.GradientTape(persistent=True) as tape:
    loss = (3.0 * w) ** 2
dw, db = tape.gradient(loss, [w, b])
print("default: dw =", dw.numpy(), " db =", db)
zero = tf.UnconnectedGradients.ZERO
dw, db = tape.gradient(loss, [w, b], unconnected_gradients=zero)
print("ZERO:    dw =", dw.numpy(), " db =", db.numpy())
del tape
# --8<-- [end:unconnected]
