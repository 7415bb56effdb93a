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
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
model.save("my_model.keras")  # to load back into Keras
model.export("my_model", verbose=False)  # a SavedModel folder, for serving
print(keras.models.load_model("my_model.keras").output_shape)
# --8<-- [end:new]
