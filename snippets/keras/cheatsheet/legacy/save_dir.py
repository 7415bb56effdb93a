"""`model.save("name")` without an extension wrote a TensorFlow SavedModel in Keras 2."""

# --8<-- [start:old]
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
try:
    model.save("my_model")
except ValueError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
# Every backend: one file that loads back into Keras.
model.save("my_model.keras")
print(keras.models.load_model("my_model.keras").output_shape)

# For serving without Keras, export. The SavedModel folder Keras 2 wrote needs
# the TensorFlow or JAX backend; on PyTorch, export a PyTorch program instead.
if keras.config.backend() == "torch":
    # For torch.export.load().
    model.export("my_model.pt2", format="torch", verbose=False)
else:
    # For tf.saved_model.load(), TF Serving, TFLite.
    model.export("my_model", verbose=False)
print("exported for", keras.config.backend())
# --8<-- [end:new]
