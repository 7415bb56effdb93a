"""Exercise 4 of "Image classification end to end": filters chosen on validation digits."""

# --8<-- [start:filters]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, y_train), _ = load_digits_images()  # the test set stays aside
x_fit, y_fit = x_train[:-300], y_train[:-300]  # the train step's split
x_val, y_val = x_train[-300:], y_train[-300:]

keras.utils.set_random_seed(0)
half = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Conv2D(8, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ]
)
half.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
half.fit(x_fit, y_fit, epochs=5, batch_size=32, verbose=0)
_, accuracy = half.evaluate(x_val, y_val, verbose=0)
print(
    f"filters 8 and 16: {half.count_params():,} parameters, "
    f"validation accuracy {accuracy:.3f}"
)
# --8<-- [end:filters]
