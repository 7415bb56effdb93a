"""Solutions to the exercises on the Keras page."""

# --8<-- [start:ex1]
import keras
from keras import layers

inputs = keras.Input(shape=(8, 8, 1), name="pixels")
x = layers.Conv2D(8, kernel_size=3, activation="relu", name="conv")(inputs)
x = layers.MaxPooling2D(pool_size=2, name="pool")(x)
x = layers.Flatten(name="flatten")(x)
x = layers.Dense(32, activation="relu", name="hidden")(x)
outputs = layers.Dense(10, activation="softmax", name="digit")(x)
wider = keras.Model(inputs, outputs, name="digits_cnn_hidden")

by_hand = (3 * 3 * 1 * 8 + 8) + (72 * 32 + 32) + (32 * 10 + 10)
print("by hand:", by_hand, "Keras:", wider.count_params())
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import keras
import numpy as np
from keras import layers


def build_cnn():
    return keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1), name="pixels"),
            layers.Conv2D(8, kernel_size=3, activation="relu", name="conv"),
            layers.MaxPooling2D(pool_size=2, name="pool"),
            layers.Flatten(name="flatten"),
            layers.Dense(10, activation="softmax", name="digit"),
        ],
        name="digits_cnn",
    )


keras.utils.set_random_seed(0)
original = build_cnn()
# the name must end in .weights.h5
original.save_weights("digits_cnn.weights.h5")

keras.utils.set_random_seed(1)
copy = build_cnn()  # the same layers, other random weights
images = np.random.default_rng(0).random((4, 8, 8, 1)).astype("float32")
expected = original.predict(images, verbose=0)
print("before loading:", np.allclose(copy.predict(images, verbose=0), expected))
copy.load_weights("digits_cnn.weights.h5")
print("after loading: ", np.allclose(copy.predict(images, verbose=0), expected))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import keras

from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_test, y_test) = load_digits_images()
resumed = keras.models.load_model("digits_cnn.keras")
before = int(resumed.optimizer.iterations)
resumed.fit(
    x_train, y_train, epochs=1, batch_size=32, validation_split=0.1, verbose=0
)
after = int(resumed.optimizer.iterations)
print("optimizer steps before:", before, "| after:", after)
print("steps in one epoch:", after - before)
# --8<-- [end:ex3]
