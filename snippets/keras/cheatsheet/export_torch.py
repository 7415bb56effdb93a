# Verified on: torch
# Not on tensorflow, jax: format="torch" needs the PyTorch backend
import keras
import numpy as np
from keras import layers

model = keras.Sequential(
    [keras.Input(shape=(4,)), layers.Dense(8, activation="relu"), layers.Dense(1)]
)
x = np.random.default_rng(0).normal(size=(1, 4)).astype("float32")

# A PyTorch ExportedProgram (.pt2): a graph of PyTorch operations, no Keras needed.
model.export("model.pt2", format="torch", verbose=False)

import torch  # loading the program needs PyTorch only

program = torch.export.load("model.pt2")
result = program.module()(torch.from_numpy(x)).detach().numpy()
print(np.allclose(result, model.predict(x, verbose=0), atol=1e-5))
