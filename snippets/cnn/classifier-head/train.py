"""Exercise 4 of "The classifier head": the digits CNN trained with each head."""

# --8<-- [start:heads]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, y_train), _ = load_digits_images()
# keep the last 300 training digits aside to compare the two heads on
x_fit, y_fit = x_train[:-300], y_train[:-300]
x_val, y_val = x_train[-300:], y_train[-300:]

for head in (layers.Flatten(), layers.GlobalAveragePooling2D()):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Conv2D(16, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            head,
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_fit, y_fit, epochs=5, batch_size=32, verbose=0)
    _, accuracy = model.evaluate(x_val, y_val, verbose=0)
    print(
        f"{type(head).__name__:22} {model.count_params():>5,} parameters, "
        f"validation accuracy {accuracy:.2f}"
    )
# --8<-- [end:heads]
