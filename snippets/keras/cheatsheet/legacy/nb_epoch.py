"""Keras 1's `nb_epoch` became `epochs` in Keras 2."""

# --8<-- [start:old]
import keras
import numpy as np
from keras import layers

x, y = np.zeros((8, 100)), np.zeros((8, 10))
model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
model.compile(optimizer="sgd", loss="mse")
try:
    model.fit(x, y, nb_epoch=5, batch_size=32)
except TypeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

x, y = np.zeros((8, 100)), np.zeros((8, 10))
model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
model.compile(optimizer="sgd", loss="mse")
history = model.fit(x, y, epochs=5, batch_size=32, verbose=0)
print(len(history.history["loss"]), "epochs")
# --8<-- [end:new]
