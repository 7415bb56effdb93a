# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

rng = np.random.default_rng(0)

# Normalization learns each feature's mean and variance from data with adapt().
features = rng.normal(loc=50.0, scale=10.0, size=(1000, 3)).astype("float32")
normalize = layers.Normalization()
normalize.adapt(features)
scaled = keras.ops.convert_to_numpy(normalize(features))
print("|mean|", np.abs(scaled.mean(axis=0)).round(2), "std", scaled.std(axis=0).round(2))

# Preprocessing layers inside a model travel with it when it is saved.
# Random augmentation (RandomFlip, RandomRotation, ...) acts only in training: in fit().
images = rng.integers(0, 256, size=(32, 28, 28, 1)).astype("float32")
labels = rng.integers(0, 10, size=32)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Rescaling(1.0 / 255),  # pixels 0..255 -> 0..1
        layers.RandomFlip("horizontal", seed=0),
        layers.Conv2D(8, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(images, labels, epochs=1, verbose=0)

flip = layers.RandomFlip("horizontal", seed=0)
for training in (True, False):
    flipped = keras.ops.convert_to_numpy(flip(images, training=training))
    print(f"training={training}: images changed: {not np.array_equal(flipped, images)}")
