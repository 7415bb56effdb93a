# Verified on: tensorflow, jax
# Not on torch: fails inside torch.export with the pinned versions; see export_torch.py
import keras
import numpy as np
import tensorflow as tf
from keras import layers

model = keras.Sequential(
    [keras.Input(shape=(4,)), layers.Dense(8, activation="relu"), layers.Dense(1)]
)
x = np.random.default_rng(0).normal(size=(2, 4)).astype("float32")

# A TensorFlow SavedModel for TF Serving, TFLite conversion or tf.saved_model.load:
# inference only, no Python code of the model needed.
model.export("served_model", verbose=False)

served = tf.saved_model.load("served_model")
print(np.allclose(served.serve(x), model.predict(x, verbose=0), atol=1e-5))
