# Verified on: tensorflow, jax, torch
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

# A folder per class, as image_dataset_from_directory expects:
# photos/cat/*.png, photos/dog/*.png. Here 8 made-up 32x32 images.
rng = np.random.default_rng(0)
for label in ("cat", "dog"):
    Path("photos", label).mkdir(parents=True)
    for i in range(4):
        pixels = rng.integers(0, 256, size=(32, 32, 3), dtype=np.uint8)
        tf.io.write_file(f"photos/{label}/{i}.png", tf.io.encode_png(pixels))

# Labels from the folder names (0 cat, 1 dog); a tf.data.Dataset of batches,
# resized, shuffled, and with 25% held out for validation.
train, val = keras.utils.image_dataset_from_directory(
    "photos",
    image_size=(32, 32),
    batch_size=4,
    validation_split=0.25,
    subset="both",
    seed=0,
)
print(train.class_names)
images, labels = next(iter(train))
print(images.shape, images.dtype, labels.numpy().tolist())

# A CSV file: a header line, then one row per example, the label last.
table = np.column_stack([rng.normal(size=(20, 3)), rng.integers(0, 2, 20)])
np.savetxt("data.csv", table, delimiter=",", header="a,b,c,label", comments="")
data = np.loadtxt("data.csv", delimiter=",", skiprows=1)  # skip the header
x, y = data[:, :-1], data[:, -1]
model = keras.Sequential(
    [keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")]
)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
print(x.shape, y.shape)
