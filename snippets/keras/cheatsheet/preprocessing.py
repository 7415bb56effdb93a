# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

rng = np.random.default_rng(0)
images = rng.integers(0, 256, size=(8, 28, 28, 1)).astype("float32")

# Preprocessing layers inside a model travel with it when it is saved.
# Random augmentation (RandomFlip, RandomRotation, ...) acts only in
# training: in fit().
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Rescaling(1.0 / 255),  # pixels 0..255 -> 0..1
        layers.RandomFlip("horizontal", seed=0),
        layers.RandomRotation(0.1, seed=0),  # up to 10% of a turn, either way
        layers.Conv2D(8, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(10, activation="softmax"),
    ]
)
print(model.output_shape)

flip = layers.RandomFlip("horizontal", seed=0)
for training in (True, False):
    flipped = keras.ops.convert_to_numpy(flip(images, training=training))
    changed = not np.array_equal(flipped, images)
    print(f"training={training}: images changed: {changed}")
