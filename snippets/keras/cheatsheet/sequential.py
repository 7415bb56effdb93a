# Verified on: tensorflow, jax, torch
import keras
from keras import layers

# A stack of layers; the first entry declares the input shape.
model = keras.Sequential()
model.add(keras.Input(shape=(100,)))  # was: Dense(..., input_dim=100)
model.add(layers.Dense(64))  # was: Dense(output_dim=64)
model.add(layers.Activation("tanh"))
model.add(layers.Dense(10))
model.add(layers.Activation("softmax"))

# The same network as a list, each activation folded into its Dense layer.
same = keras.Sequential(
    [
        keras.Input(shape=(100,)),
        layers.Dense(64, activation="tanh"),
        layers.Dense(10, activation="softmax"),
    ]
)
print(model.count_params(), same.count_params())
