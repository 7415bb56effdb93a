# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

# Call layers on tensors; keras.Model ties inputs to outputs. Any graph of
# layers works: here two inputs, a shared trunk and two outputs.
image = keras.Input(shape=(8, 8, 1), name="image")
extra = keras.Input(shape=(3,), name="extra")
h = layers.Flatten()(image)
h = layers.Concatenate()([h, extra])
h = layers.Dense(32, activation="relu")(h)
digit = layers.Dense(10, activation="softmax", name="digit")(h)
score = layers.Dense(1, name="score")(h)
model = keras.Model(inputs=[image, extra], outputs=[digit, score])

model.compile(
    optimizer="adam",
    loss={"digit": "sparse_categorical_crossentropy", "score": "mse"},
)
rng = np.random.default_rng(0)
x = {"image": rng.random((64, 8, 8, 1)), "extra": rng.random((64, 3))}
y = {"digit": rng.integers(0, 10, 64), "score": rng.random((64, 1))}
model.fit(x, y, epochs=1, batch_size=16, verbose=0)
digit_probs, scores = model.predict(x, verbose=0)
print(digit_probs.shape, scores.shape)
