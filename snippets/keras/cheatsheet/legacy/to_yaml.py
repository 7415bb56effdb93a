"""`to_yaml` was removed (loading YAML could run arbitrary code); JSON remains."""

# --8<-- [start:old]
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
try:
    yaml_string = model.to_yaml()
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(10)])
json_string = model.to_json()
same_architecture = keras.models.model_from_json(json_string)
print(same_architecture.output_shape)
# --8<-- [end:new]
