"""Weights-only files must be named `*.weights.h5` in Keras 3."""

# --8<-- [start:old]
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
try:
    model.save_weights("weights.h5")
except ValueError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
model.save_weights("model.weights.h5")
model.load_weights("model.weights.h5")
print("saved and loaded model.weights.h5")
# --8<-- [end:new]
