# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        layers.Dense(8, activation="relu"),
        layers.Dense(1),
    ]
)
rng = np.random.default_rng(0)
x = rng.normal(size=(1, 4)).astype("float32")  # one example

if keras.config.backend() == "torch":
    # A PyTorch ExportedProgram (.pt2): a graph of PyTorch operations,
    # no Keras needed. As exported here it takes one example at a time
    # (a batch of 2 fails its guard).
    model.export("model.pt2", format="torch", verbose=False)
    import torch

    program = torch.export.load("model.pt2")
    served = program.module()(torch.from_numpy(x)).detach().numpy()
else:
    # A TensorFlow SavedModel for TF Serving, TFLite conversion or
    # tf.saved_model.load: inference only, no Python code of the model needed.
    model.export("served_model", verbose=False)
    import tensorflow as tf

    reloaded = tf.saved_model.load("served_model")
    served = reloaded.serve(x)
print(np.allclose(served, model.predict(x, verbose=0), atol=1e-5))
