"""Choosing the backend: set KERAS_BACKEND before the first `import keras`."""

# --8<-- [start:jax]
import os

os.environ["KERAS_BACKEND"] = "jax"  # must happen before keras is imported

import jax
import keras

print("backend:", keras.config.backend())
x = keras.ops.linspace(0.0, 1.0, 5)  # (1)!
print("a JAX array:", isinstance(x, jax.Array))
print(keras.ops.convert_to_numpy(keras.ops.square(x)))
# --8<-- [end:jax]
