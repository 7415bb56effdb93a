# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
y = rng.integers(0, 3, size=512)  # integer labels 0, 1, 2
x = rng.normal(size=(512, 20)).astype("float32")
x[np.arange(512), y] += 3.0  # class k raises feature k

model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(3, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam",
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x, y, epochs=10, batch_size=32, verbose=0)

probabilities = model.predict(x[:5], verbose=0)  # a row per example
classes = probabilities.argmax(axis=-1)  # replaces model.predict_classes(...)
print(probabilities.shape, probabilities.sum(axis=1).round(3))
print("predicted:", classes, "true:", y[:5])
