"""Solutions to the exercises on the automatic differentiation page."""

# --8<-- [start:ex1]
import tensorflow as tf

x = tf.Variable(3.0)
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        y = x**3
    dy_dx = inner.gradient(y, x)  # computed while the outer tape records
d2y_dx2 = outer.gradient(dy_dx, x)
print("first derivative:", float(dy_dx), " second derivative:", float(d2y_dx2))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import tensorflow as tf

z = tf.linspace(-6.0, 6.0, 121)
with tf.GradientTape() as tape:
    tape.watch(z)
    s = tf.sigmoid(z)
from_tape = tape.gradient(s, z)
from_formula = s * (1 - s)
largest_gap = float(tf.reduce_max(tf.abs(from_tape - from_formula)))
print("tape and formula agree:", largest_gap < 1e-6)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import keras
import tensorflow as tf

x = tf.linspace(-1.0, 1.0, 21)
y = 3.0 * x + 2.0
w, b = tf.Variable(0.0), tf.Variable(0.0)
optimizer = keras.optimizers.Adam(learning_rate=0.1)
for step in range(1, 151):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((w * x + b - y) ** 2)
    optimizer.apply_gradients(
        zip(tape.gradient(loss, [w, b]), [w, b], strict=True)
    )
    if step % 25 == 0:
        print(f"step {step:3d}  w {float(w):.2f}  b {float(b):.2f}")
# --8<-- [end:ex3]
