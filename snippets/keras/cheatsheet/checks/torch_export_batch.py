# Verified on: torch
# Not on tensorflow, jax: it checks a claim about PyTorch only, and stops at once elsewhere
"""Not shown on the page: checks export.py's comment that the PyTorch program, exported
as there, takes one example at a time (a batch of 2 fails its guard)."""

import os

if os.environ.get("KERAS_BACKEND") != "torch":
    raise SystemExit("a check of the PyTorch backend")

import keras
import numpy as np
import torch
from keras import layers

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])
model.export("model.pt2", format="torch", verbose=False)
program = torch.export.load("model.pt2").module()
assert program(torch.zeros(1, 4)).shape == (1, 1)
try:
    program(torch.from_numpy(np.zeros((2, 4), dtype="float32")))
except AssertionError as err:  # "Guard failed: args_0.size()[0] == 1"
    assert "Guard failed" in str(err), err
else:
    raise SystemExit("a batch of 2 went through: update export.py's comment")
