"""`input_dim=` on the first layer still works in Keras 3, with a warning."""

# --8<-- [start:old]
import warnings

import keras
from keras.layers import Dense

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential([Dense(64, input_dim=100)])
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(64)])
print(model.input_shape)
# --8<-- [end:new]
