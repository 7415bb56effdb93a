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
model.fit(x, keras.utils.to_categorical(rng.integers(0, 10, 32), 10), epochs=1, verbose=0)

# Whole model: architecture, weights, compile settings and optimizer state, in one file.
model.save("classifier.keras")
restored = keras.models.load_model("classifier.keras")

# Architecture only, as JSON: the rebuilt model has fresh, untrained weights.
json_string = model.to_json()
rebuilt = keras.models.model_from_json(json_string)

# Weights only: the name must end in .weights.h5.
model.save_weights("classifier.weights.h5")
rebuilt.load_weights("classifier.weights.h5")


def same_weights(a, b):
    return all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights(), strict=True))


print(same_weights(model, restored), same_weights(model, rebuilt))
