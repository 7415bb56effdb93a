# Verified on: jax
import os

os.environ["KERAS_BACKEND"] = "jax"  # or "tensorflow" (the default) or "torch"

import keras  # the backend is fixed when keras is first imported

print(keras.config.backend())
