# Verified on: torch
# Not on tensorflow, jax: it checks a claim about PyTorch only, and stops at once elsewhere
"""Not shown on the page: checks its claim that a SavedModel export (the default format
of model.export) fails on the PyTorch backend, inside torch.export. On TensorFlow and
JAX that export works: export.py, which the page shows, does it there."""

import os

if os.environ.get("KERAS_BACKEND") != "torch":
    raise SystemExit("a check of the PyTorch backend")

import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])
try:
    model.export(
        "served_model", verbose=False
    )  # format="tf_saved_model", the default
except Exception as err:
    where = err.__traceback__
    while where.tb_next:
        where = where.tb_next
    assert "torch/export" in where.tb_frame.f_code.co_filename, (
        where.tb_frame.f_code
    )
else:
    raise SystemExit("a SavedModel export worked on PyTorch: update the page")
