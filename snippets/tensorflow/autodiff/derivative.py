"""A first gradient: the tape's derivative of sin(x^2) against the one from calculus."""

# --8<-- [start:check]
import math

import tensorflow as tf


def f(x):
    return tf.sin(x**2)


for value in [0.5, 1.0, 1.5]:
    x = tf.Variable(value)
    with tf.GradientTape() as tape:  # (1)!
        y = f(x)
    dy_dx = tape.gradient(y, x)  # (2)!
    analytic = 2 * value * math.cos(value**2)  # (3)!
    print(f"x = {value}:  tape {float(dy_dx):.5f}   analytic {analytic:.5f}")
# --8<-- [end:check]
