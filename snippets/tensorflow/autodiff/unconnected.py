"""A variable the result does not use gets a None gradient, or zero if you ask."""

# --8<-- [start:unconnected]
import tensorflow as tf

w = tf.Variable(2.0)
b = tf.Variable(1.0)  # never used below

with tf.GradientTape(persistent=True) as tape:
    loss = (3.0 * w) ** 2
print("default:", tape.gradient(loss, [w, b]))
zero = tf.UnconnectedGradients.ZERO
print("ZERO:   ", tape.gradient(loss, [w, b], unconnected_gradients=zero))
del tape
# --8<-- [end:unconnected]
