"""Keeping parts of a computation out of the gradient."""

# --8<-- [start:stop-gradient]
import tensorflow as tf

x = tf.Variable(3.0)
with tf.GradientTape(persistent=True) as tape:
    y = x * x
    y_stopped = x * tf.stop_gradient(x)  # the second x counts as a constant
print("values:   ", float(y), float(y_stopped))
print(
    "gradients:", float(tape.gradient(y, x)), float(tape.gradient(y_stopped, x))
)

# Straight-through rounding: the value of round(v), the gradient of v.
v = tf.Variable([0.2, 1.7])
with tf.GradientTape(persistent=True) as tape:
    rounded = tf.round(v)
    straight = v + tf.stop_gradient(tf.round(v) - v)
print("round:           ", rounded.numpy(), tape.gradient(rounded, v))
print("straight-through:", straight.numpy(), tape.gradient(straight, v).numpy())
del tape
# --8<-- [end:stop-gradient]

# --8<-- [start:stop-recording]
import tensorflow as tf

x = tf.Variable(3.0)
with tf.GradientTape(persistent=True) as tape:
    y = x**2
    with tape.stop_recording():  # nothing in here goes on the tape
        y_cubed = x**3  # say, a number you only want to print
print("y_cubed:", float(y_cubed))
print("dy/dx:", float(tape.gradient(y, x)))
print("d(y_cubed)/dx:", tape.gradient(y_cubed, x))
del tape
# --8<-- [end:stop-recording]
