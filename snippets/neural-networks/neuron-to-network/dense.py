"""The NumPy dense layer gives what keras.layers.Dense gives with the same weights."""

# --8<-- [start:keras]
import keras
import numpy as np


def dense_forward(x, kernel, bias, activation=None):
    z = x @ kernel + bias  # one weighted sum per sample and unit
    return z if activation is None else activation(z)


rng = np.random.default_rng(0)
x = rng.normal(size=(5, 2))  # a batch of 5 samples with 2 features
kernel = rng.normal(size=(2, 3))  # 2 inputs, 3 units: one column per unit
bias = rng.normal(size=3)

layer = keras.layers.Dense(3, activation="sigmoid")
layer.build((None, 2))  # (1)!
layer.set_weights([kernel, bias])
from_keras = keras.ops.convert_to_numpy(layer(x))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


ours = dense_forward(x, kernel, bias, sigmoid)
print(
    "Keras kernel:",
    tuple(layer.kernel.shape),
    " bias:",
    tuple(layer.bias.shape),
)
print("outputs:", ours.shape, " dtype:", ours.dtype, "vs", from_keras.dtype)
print("equal to 6 decimals:", np.allclose(ours, from_keras, rtol=0, atol=1e-6))
# --8<-- [end:keras]
