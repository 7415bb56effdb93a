# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 10)).astype("float32")


# The same body for every task: only the last layer and the loss differ.
def hidden_layers():
    return [keras.Input(shape=(10,)), layers.Dense(16, activation="relu")]


# Binary classification: one sigmoid unit, the probability of class 1.
y = (x[:, 0] > 0).astype("float32")  # labels 0 or 1
binary = keras.Sequential(
    [*hidden_layers(), layers.Dense(1, activation="sigmoid")]
)
auc = keras.metrics.AUC()
binary.compile(
    optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", auc]
)
history = binary.fit(x, y, epochs=1, verbose=0)
# binary.predict gives P(class 1): threshold it at 0.5.
print("binary:", sorted(history.history))

# Multi-class on logits: no activation on the last layer; the loss applies
# the softmax (or activation="softmax" with "sparse_categorical_crossentropy").
y = rng.integers(0, 3, size=64)  # labels 0, 1, 2
multi = keras.Sequential([*hidden_layers(), layers.Dense(3)])
multi.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    # The largest logit is the most probable class either way.
    metrics=["accuracy"],
)
history = multi.fit(x, y, epochs=1, verbose=0)
logits = multi.predict(x[:4], verbose=0)  # shape (4, 3), any real numbers
probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(logits))
sums = probabilities.sum(axis=1).round(3)
print("multi-class:", sorted(history.history), "sums:", sums)

# Regression: one linear unit, no activation; mean squared/absolute error.
y = x[:, :3].sum(axis=1)
regression = keras.Sequential([*hidden_layers(), layers.Dense(1)])
regression.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = regression.fit(x, y, epochs=1, verbose=0)
print("regression:", sorted(history.history))
