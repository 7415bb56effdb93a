"""Exercise 4: a small Keras network learns XOR from examples."""

# --8<-- [start:fit]
import keras
import numpy as np
from keras import layers

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
xor_targets = np.array([0, 1, 1, 0])

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(8, activation="tanh"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss="binary_crossentropy",
)
x, y = np.tile(inputs, (64, 1)), np.tile(xor_targets, 64)  # (1)!
model.fit(x, y, epochs=10, batch_size=16, verbose=0)
probabilities = model.predict(inputs, verbose=0)[:, 0]
print("P(class 1):", probabilities.round(2), "  targets:", xor_targets)
# --8<-- [end:fit]
