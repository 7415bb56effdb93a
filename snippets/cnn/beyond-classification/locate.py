"""Exercise 4 of "Beyond classification": a small network learns where a digit is."""

# --8<-- [start:locate]
import keras
import numpy as np
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, _), _ = load_digits_images()
rng = np.random.default_rng(0)
offsets = rng.integers(0, 9, size=(len(x_train), 2))  # top-left row, column
canvases = np.zeros((len(x_train), 16, 16, 1), "float32")
# each digit somewhere on 16x16
for canvas, digit, (row, col) in zip(canvases, x_train, offsets, strict=True):
    canvas[row : row + 8, col : col + 8] = digit

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(16, 16, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Flatten(),
        layers.Dense(2),  # the box's top-left corner: a regression head
    ]
)
model.compile(optimizer=keras.optimizers.Adam(0.003), loss="mse")
history = model.fit(
    canvases,
    offsets.astype("float32"),
    epochs=5,
    validation_split=0.2,  # the last 20% of the canvases validate
    verbose=0,
)
error = np.sqrt(history.history["val_loss"][-1])  # root mean squared error
guess = np.sqrt(np.mean((offsets - offsets.mean(axis=0)) ** 2))
print(f"guessing the average position: off by {guess:.1f} pixels")
print(f"trained network, validation:  off by {error:.1f} pixels")
# --8<-- [end:locate]
