"""`predict_classes` and `predict_proba` are gone: call `predict` and decide the class yourself."""

# --8<-- [start:old]
import keras
import numpy as np
from keras import layers

x = np.random.default_rng(0).normal(size=(4, 100))
model = keras.Sequential(
    [keras.Input(shape=(100,)), layers.Dense(10, activation="softmax")]
)
try:
    classes = model.predict_classes(x)
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

x = np.random.default_rng(0).normal(size=(4, 100))
model = keras.Sequential(
    [keras.Input(shape=(100,)), layers.Dense(10, activation="softmax")]
)
# Softmax: the most probable class.
classes = model.predict(x, verbose=0).argmax(axis=-1)
print(classes.shape, classes.dtype)

binary = keras.Sequential(
    [keras.Input(shape=(100,)), layers.Dense(1, activation="sigmoid")]
)
# Sigmoid: threshold at 0.5.
labels = (binary.predict(x, verbose=0) > 0.5).astype("int32")
print(labels.shape)
# --8<-- [end:new]
