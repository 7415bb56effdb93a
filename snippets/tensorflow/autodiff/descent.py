"""Gradient descent by hand: fit y = 3x + 2 with two variables."""

# --8<-- [start:data]
import tensorflow as tf

x = tf.linspace(-1.0, 1.0, 21)  # 21 points from -1 to 1
y = 3.0 * x + 2.0  # the line to recover
# --8<-- [end:data]

# --8<-- [start:by-hand]
w = tf.Variable(0.0)
b = tf.Variable(0.0)
learning_rate = 0.2

for step in range(1, 61):
    with tf.GradientTape() as tape:
        prediction = w * x + b  # forward pass
        loss = tf.reduce_mean((prediction - y) ** 2)  # mean squared error
    dw, db = tape.gradient(loss, [w, b])  # backward pass
    w.assign_sub(learning_rate * dw)  # step downhill
    b.assign_sub(learning_rate * db)
    if step % 10 == 0:
        print(
            f"step {step:2d}  loss {float(loss):.4f}  "
            f"w {float(w):.3f}  b {float(b):.3f}"
        )
# --8<-- [end:by-hand]

# --8<-- [start:keras]
import keras

keras.utils.set_random_seed(0)  # the Dense layer starts from random weights
model = keras.Sequential(
    [keras.Input(shape=(1,)), keras.layers.Dense(1, name="line")]
)
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.SGD(learning_rate=0.2)
features, targets = tf.reshape(x, (-1, 1)), tf.reshape(y, (-1, 1))  # (1)!

for _ in range(60):
    with tf.GradientTape() as tape:
        loss = loss_fn(targets, model(features, training=True))
    gradients = tape.gradient(loss, model.trainable_variables)  # (2)!
    optimizer.apply_gradients(
        zip(gradients, model.trainable_variables, strict=True)
    )  # (3)!

kernel, bias = model.get_layer("line").get_weights()
print(f"loss {float(loss):.4f}  kernel {kernel[0, 0]:.3f}  bias {bias[0]:.3f}")
# --8<-- [end:keras]
