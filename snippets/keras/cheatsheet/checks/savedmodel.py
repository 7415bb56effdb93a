# Verified on: tensorflow, jax
# Not on torch: fails inside torch.export with the pinned versions
"""Not shown on the page: checks the page's claim that a SavedModel export fails on the
PyTorch backend (and works on the other two), which is why export.py branches."""

import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])
model.export("served_model", verbose=False)  # format="tf_saved_model", the default
