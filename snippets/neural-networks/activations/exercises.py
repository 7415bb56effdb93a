"""Solutions to the exercises on the page "Activation functions"."""

# --8<-- [start:ex1]
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


z = np.linspace(-6, 6, 13)
first_class = np.array([softmax(np.array([zi, 0.0]))[0] for zi in z])
print("softmax([z, 0])[0] == sigmoid(z):", np.allclose(first_class, sigmoid(z)))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import keras
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
x, y = digits.data[:256] / 16, digits.target[:256]
loss_fn = keras.losses.SparseCategoricalCrossentropy()
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [keras.Input(shape=(64,))]
    + [layers.Dense(32, activation="tanh") for _ in range(10)]
    + [layers.Dense(10, activation="softmax")]
)
with tf.GradientTape() as tape:
    loss = loss_fn(y, model(x))
kernels = [layer.kernel for layer in model.layers]
tanh_norms = [float(tf.norm(g)) for g in tape.gradient(loss, kernels)]
print(
    f"tanh stack: layer 1 {tanh_norms[0]:.1e}   layer 11 {tanh_norms[-1]:.1e}"
)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
layer = layers.Dense(100, activation="relu")
x = np.random.default_rng(0).normal(size=(500, 20))
layer.build((None, 20))
kernel, bias = layer.get_weights()
for shift in (0.0, -2.0):
    layer.set_weights([kernel, bias + shift])
    out = keras.ops.convert_to_numpy(layer(x))
    dead = np.mean(
        (out == 0).all(axis=0)
    )  # units that output 0 for all 500 inputs
    print(f"bias {shift:+.0f}: {dead:.0%} of the units are 0 for every input")
# --8<-- [end:ex3]
