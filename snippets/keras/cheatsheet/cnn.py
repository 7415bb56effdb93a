# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
images = rng.random((64, 28, 28, 1)).astype("float32")  # 28x28 grey, 0..1
labels = rng.integers(0, 10, size=64)

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),  # (height, width, channels)
        # 16 filters of 3x3 -> (26, 26, 16)
        layers.Conv2D(16, 3, activation="relu"),
        layers.MaxPooling2D(2),  # the largest of each 2x2 -> (13, 13, 16)
        layers.Conv2D(32, 3, activation="relu"),  # -> (11, 11, 32)
        layers.MaxPooling2D(2),  # -> (5, 5, 32)
        layers.Flatten(),  # -> 800 numbers
        layers.Dropout(0.5),  # in training only, zero half of them at random
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam",
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(images, labels, epochs=1, batch_size=32, verbose=0)
print(model.output_shape, f"{model.count_params():,} parameters")

# GlobalAveragePooling2D for Flatten: one number per channel, a smaller head.
gap = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"),  # keeps 28x28
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, activation="relu", kernel_initializer="he_normal"),
        layers.GlobalAveragePooling2D(),  # -> 32 numbers
        layers.Dense(10, activation="softmax"),
    ]
)
print(gap.output_shape, f"{gap.count_params():,} parameters")
