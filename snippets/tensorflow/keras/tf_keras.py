"""`tf.keras` and `keras`: one installed Keras 3, reached by two names."""

# --8<-- [start:same]
import keras
import tensorflow as tf

print("Keras major version:", keras.__version__.split(".")[0])
print(
    "tf.keras.Sequential is keras.Sequential:",
    tf.keras.Sequential is keras.Sequential,
)
print(
    "tf.keras.layers.Dense is keras.layers.Dense:",
    tf.keras.layers.Dense is keras.layers.Dense,
)
print(
    "tf.keras.optimizers is keras.optimizers:",
    tf.keras.optimizers is keras.optimizers,
)
print("tf.keras is keras:", tf.keras is keras)
print("tf.keras is loaded from:", tf.keras.__name__)
# --8<-- [end:same]
