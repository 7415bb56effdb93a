"""Solutions to the exercises of the classifier-head page."""

# --8<-- [start:ex1]
import keras
from keras import layers


def head_parameters(side, to_vector):
    inputs = keras.Input(shape=(side, side, 1))
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    scores = layers.Dense(10, activation="softmax")
    scores(to_vector()(x))
    return scores.count_params()


flatten_28 = head_parameters(28, layers.Flatten)
gap_28 = head_parameters(28, layers.GlobalAveragePooling2D)
print(
    f"28x28, Flatten: by hand {14 * 14 * 32 * 10 + 10:,}  Keras {flatten_28:,}"
)
print(
    f"28x28, GlobalAveragePooling2D: by hand {32 * 10 + 10:,}  Keras {gap_28:,}"
)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
import keras

z = np.linspace(-6, 6, 25, dtype="float32")
# scores (0, z) for classes 0 and 1
two_scores = np.stack([np.zeros_like(z), z], axis=1)
softmax_p1 = keras.ops.softmax(two_scores).numpy()[:, 1]
sigmoid_p = keras.ops.sigmoid(z).numpy()
largest_gap = np.abs(softmax_p1 - sigmoid_p).max()
print(
    "softmax of (0, z), class 1, equals sigmoid(z):", bool(largest_gap < 1e-6)
)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import keras
from keras import layers

hidden = layers.Dense(64, activation="relu")
scores = layers.Dense(10, activation="softmax")
vector = keras.Input(shape=(32,))  # what GlobalAveragePooling2D hands the head
scores(hidden(vector))
print(
    f"hidden layer {hidden.count_params():,} "
    f"+ output layer {scores.count_params():,}"
)
print(f"by hand: {32 * 64 + 64:,} + {64 * 10 + 10:,}")
# --8<-- [end:ex3]
