"""`fit_generator`, `evaluate_generator` and `predict_generator` merged into `fit` and friends."""

# --8<-- [start:old]
import keras
import numpy as np
from keras import layers


def batches():
    while True:
        yield np.zeros((32, 100)), np.zeros((32, 10))


model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
model.compile(optimizer="sgd", loss="mse")
try:
    model.fit_generator(batches(), steps_per_epoch=4, epochs=2)
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers


def batches():
    while True:
        yield np.zeros((32, 100)), np.zeros((32, 10))


model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
model.compile(optimizer="sgd", loss="mse")
# shuffle=False: a generator yields batches in its own order
# (Keras warns otherwise).
history = model.fit(
    batches(), steps_per_epoch=4, epochs=2, shuffle=False, verbose=0
)
print(len(history.history["loss"]), "epochs")
# --8<-- [end:new]
