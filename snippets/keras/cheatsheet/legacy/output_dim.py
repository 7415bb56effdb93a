"""Keras 1 named a Dense layer's size `output_dim`; Keras 2 renamed it `units`."""

# --8<-- [start:old]
from keras.layers import Dense

try:
    Dense(output_dim=64, input_dim=100)
except TypeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(64)])
print(model.output_shape)
# --8<-- [end:new]
