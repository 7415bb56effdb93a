# Verified on: torch
# Not on tensorflow, jax: format="torch" needs the PyTorch backend
"""Not shown on the page: checks export.py's comment that the PyTorch program, exported
as there, takes one example at a time (a batch of 2 fails its guard)."""

import keras
import numpy as np
from keras import layers

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])
model.export("model.pt2", format="torch", verbose=False)  # fails here on TF and JAX

import torch  # only once the export worked: the other workers need not load PyTorch

program = torch.export.load("model.pt2").module()
assert program(torch.zeros(1, 4)).shape == (1, 1)
try:
    program(torch.from_numpy(np.zeros((2, 4), dtype="float32")))
except AssertionError as err:  # "Guard failed: args_0.size()[0] == 1"
    assert "Guard failed" in str(err), err
else:
    raise SystemExit("a batch of 2 went through: update export.py's comment")
