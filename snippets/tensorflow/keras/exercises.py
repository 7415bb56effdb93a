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

from dlcourse.datasets import load_digits_images

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1), name="pixels"),
        layers.Conv2D(8, kernel_size=3, activation="relu", name="conv"),
        layers.MaxPooling2D(pool_size=2, name="pool"),
        layers.Flatten(name="flatten"),
        layers.Dense(10, activation="softmax", name="digit"),
    ],
    name="digits_cnn",
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=3, batch_size=32, verbose=0)

model.save("digits_cnn.keras")  # (1)!
restored = keras.models.load_model("digits_cnn.keras")
same = np.allclose(model.predict(x_test, verbose=0), restored.predict(x_test, verbose=0))
print("restored:", restored.name, "- same predictions:", same)
steps = int(model.optimizer.iterations)
print("optimizer steps saved too:", int(restored.optimizer.iterations) == steps)
# --8<-- [end:ex2]
