"""Export a Keras model as a SavedModel, the format TensorFlow Serving loads. Keras page."""

# --8<-- [start:export]
import os

import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(3, activation="relu"),
        layers.Dense(1),
    ]
)

# "1": the model version
model.export("my_model/1", format="tf_saved_model", verbose=False)
print(sorted(os.listdir("my_model/1")))

reloaded = tf.saved_model.load("my_model/1")  # no Keras needed from here on
print(sorted(reloaded.signatures))
x = np.array([[1.0, 2.0], [-1.0, 0.5]], dtype="float32")
print(
    "same predictions:",
    np.allclose(reloaded.serve(x).numpy(), model.predict(x, verbose=0)),
)
# --8<-- [end:export]
