"""The tape records operations on variables by itself; constants need watch()."""

# --8<-- [start:watch]
import tensorflow as tf

x = tf.constant(3.0)

with tf.GradientTape() as tape:
    y = x**2
print("not watched:", tape.gradient(y, x))

with tf.GradientTape() as tape:
    tape.watch(x)  # record what happens to this constant too
    y = x**2
print("watched:", tape.gradient(y, x))
# --8<-- [end:watch]
