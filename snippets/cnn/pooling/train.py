"""Exercise 3 of "Pooling": the same small CNN trained with and without pooling."""

# --8<-- [start:train]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, y_train), _ = load_digits_images()
# keep the last 300 training digits aside to compare the two models on
x_fit, y_fit = x_train[:-300], y_train[:-300]
x_val, y_val = x_train[-300:], y_train[-300:]

for pooling in ([], [layers.MaxPooling2D(2)]):
    keras.utils.set_random_seed(0)
    conv = layers.Conv2D(8, 3, activation="relu")
    output = layers.Dense(10, activation="softmax")
    model = keras.Sequential(
        [keras.Input(shape=(8, 8, 1)), conv, *pooling, layers.Flatten(), output]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_fit, y_fit, epochs=5, batch_size=32, verbose=0)
    _, accuracy = model.evaluate(x_val, y_val, verbose=0)
    name = "with pooling:   " if pooling else "without pooling:"
    print(
        f"{name} {model.count_params():>5,} parameters, "
        f"validation accuracy {accuracy:.2f}"
    )
# --8<-- [end:train]
