"""A dense layer's parameter count by formula, against Keras' count_params()."""

# --8<-- [start:count]
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(2,)),  # (1)!
        layers.Dense(4, activation="relu", name="hidden"),
        layers.Dense(3, activation="softmax", name="output"),
    ]
)
inputs = 2
for layer in model.layers:
    # a weight per input and unit, a bias per unit
    formula = inputs * layer.units + layer.units
    print(
        f"{layer.name:6}  {inputs} x {layer.units} + {layer.units} = "
        f"{formula:2d}   count_params() = {layer.count_params()}"
    )
    inputs = layer.units
print(
    "layers:", len(model.layers), "  parameters in all:", model.count_params()
)
# --8<-- [end:count]
