"""A rehearsal of the CIFAR-10 assignment on the 8x8 digits: train, save, grade."""

# --8<-- [start:rehearsal]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images
from dlcourse.grade import grade

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),  # (1)!
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Flatten(),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(
    x_train, y_train, validation_split=0.1, epochs=10, verbose=0
)
print(f"validation accuracy: {history.history['val_accuracy'][-1]:.2f}")
model.save("digits_model.keras")
report = grade("digits_model.keras", data="digits")  # (2)!
# --8<-- [end:rehearsal]

# --8<-- [start:broken]
import keras
from keras import layers

from dlcourse.grade import grade

keras.utils.set_random_seed(0)
broken = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Flatten(),
        layers.Dense(10),  # (1)!
    ]
)
broken.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
report = grade(broken, data="digits")
# --8<-- [end:broken]
