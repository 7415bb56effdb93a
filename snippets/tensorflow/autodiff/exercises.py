"""Solutions to the exercises on the automatic differentiation page."""

# --8<-- [start:ex1]
import tensorflow as tf

frozen = tf.Variable(3.0, trainable=False)
with tf.GradientTape() as tape:
    tape.watch(frozen)  # (a) not trainable: watch it
    y = frozen**2
g_frozen = tape.gradient(y, frozen)

x_float = tf.constant(3.0)  # (b) a float, not the integer 3
with tf.GradientTape() as tape:
    tape.watch(x_float)
    y = x_float**2
g_float = tape.gradient(y, x_float)

x = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = tf.square(x)  # (c) a TensorFlow operation, not np.square(x.numpy())
g_tf = tape.gradient(y, x)
print("(a)", float(g_frozen), "(b)", float(g_float), "(c)", float(g_tf))
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
