# Verified on: tensorflow, jax, torch
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(100,)),
        layers.Dense(64, activation="tanh", name="hidden"),
        layers.Dense(10, activation="softmax", name="output"),
    ],
    name="classifier",
)
# Layers, shapes, parameter counts; width fixed, not the terminal's.
model.summary(line_length=72)

config = model.get_config()  # a dict: enough to rebuild the architecture
print(config["name"], [layer["class_name"] for layer in config["layers"]])
print([w.shape for w in model.get_weights()])  # every weight array, as NumPy

kernel, bias = model.get_layer("hidden").get_weights()  # one layer's weights
print(kernel.shape, bias.shape)
print(model.layers[-1].get_config()["activation"])
print(model.input_shape, model.output_shape)  # None: any batch size
