# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(100,)),
        layers.Dense(64, activation="tanh"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="categorical_crossentropy")
rng = np.random.default_rng(0)
x = rng.normal(size=(32, 100)).astype("float32")
y = keras.utils.to_categorical(rng.integers(0, 10, 32), 10)
model.fit(x, y, epochs=1, verbose=0)

# One file: architecture, weights, compile settings, optimizer.
model.save("classifier.keras")
restored = keras.models.load_model("classifier.keras")

# Architecture only, as JSON: fresh, untrained weights.
json_string = model.to_json()
rebuilt = keras.models.model_from_json(json_string)

# Weights only: the name must end in .weights.h5.
model.save_weights("classifier.weights.h5")
rebuilt.load_weights("classifier.weights.h5")

weights = model.get_weights()
for other in (restored, rebuilt):
    pairs = zip(weights, other.get_weights(), strict=True)
    print(all(np.array_equal(u, v) for u, v in pairs))
