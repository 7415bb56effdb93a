"""The gradient that reaches each layer of a deep sigmoid stack and a deep ReLU stack."""

# --8<-- [start:norms]
import keras
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
x, y = digits.data[:256] / 16, digits.target[:256]  # (1)!
loss_fn = keras.losses.SparseCategoricalCrossentropy()

norms = {}
for activation in ("sigmoid", "relu"):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input(shape=(64,))]
        + [layers.Dense(32, activation=activation) for _ in range(10)]  # (2)!
        + [layers.Dense(10, activation="softmax")]
    )
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    kernels = [layer.kernel for layer in model.layers]
    norms[activation] = [
        float(tf.norm(g)) for g in tape.gradient(loss, kernels)
    ]  # (3)!

print("layer   sigmoid     ReLU")
for number, (s, r) in enumerate(
    zip(norms["sigmoid"], norms["relu"], strict=True), 1
):
    print(f"{number:5d}   {s:.1e}   {r:.1e}")
# --8<-- [end:norms]
