"""Optimizers' `lr` became `learning_rate`; Keras 3 no longer accepts the old name."""

# --8<-- [start:old]
from keras.optimizers import SGD

try:
    SGD(lr=0.01, momentum=0.9, nesterov=True)
except ValueError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras

sgd = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)
print(round(float(sgd.learning_rate), 6), sgd.momentum, sgd.nesterov)
# --8<-- [end:new]
