"""A tape gives one set of gradients, unless it is persistent."""

# --8<-- [start:once]
import tensorflow as tf

x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = x**2
    z = x**3
print("dy/dx =", float(tape.gradient(y, x)))
try:
    tape.gradient(z, x)
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:once]

# --8<-- [start:persistent]
with tf.GradientTape(persistent=True) as tape:
    y = x**2
    z = x**3
print("dy/dx =", float(tape.gradient(y, x)))
print("dz/dx =", float(tape.gradient(z, x)))
del tape  # a persistent tape holds its recording until it is deleted
# --8<-- [end:persistent]
