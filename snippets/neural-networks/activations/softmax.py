"""Softmax, computed naively and from the logits minus their maximum."""

# --8<-- [start:softmax]
import keras
import numpy as np

logits = np.array([1000.0, 1001.0, 1002.0])


def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum()


def softmax(z):
    e = np.exp(z - z.max())  # (1)!
    return e / e.sum()


with np.errstate(over="ignore", invalid="ignore"):  # (2)!
    print("exp(1000):      ", np.exp(1000.0))
    print("naive softmax:  ", naive_softmax(logits))
print("logits minus max:", softmax(logits).round(4))
print("small logits:    ", softmax(logits - 1000).round(4))
print(
    "Keras softmax:   ",
    keras.ops.convert_to_numpy(keras.activations.softmax(logits)).round(4),
)
# --8<-- [end:softmax]
