"""Exercise 3 of "The convolutional layer": how many filters does the first layer need?"""

# --8<-- [start:sweep]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, y_train), _ = load_digits_images()
# train on 300 digits, as above; the other training digits validate
x_fit, y_fit = x_train[:300], y_train[:300]
x_val, y_val = x_train[300:], y_train[300:]

for filters in (1, 4, 16):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Conv2D(filters, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_fit, y_fit, epochs=10, batch_size=32, verbose=0)
    _, accuracy = model.evaluate(x_val, y_val, verbose=0)
    print(
        f"Conv2D({filters:>2}, 3): {model.count_params():>5,} parameters, "
        f"validation accuracy {accuracy:.2f}"
    )
# --8<-- [end:sweep]
