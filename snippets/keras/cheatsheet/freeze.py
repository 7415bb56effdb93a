# Verified on: tensorflow, jax, torch
import keras
from keras import layers

frozen_layer = layers.Dense(32, trainable=False)  # frozen from the start

model = keras.Sequential(
    [
        keras.Input(shape=(100,)),
        layers.Dense(64, activation="relu", name="features"),
        frozen_layer,
        layers.Dense(10, activation="softmax", name="head"),
    ]
)
model.get_layer("features").trainable = False  # freeze a layer after building
print(
    len(model.trainable_weights),
    "trainable,",
    len(model.non_trainable_weights),
    "frozen",
)

model.get_layer("features").trainable = True  # unfreeze it again
# Compile after changing `trainable`: fit() uses the setting from compile time.
model.compile(optimizer="adam", loss="categorical_crossentropy")
print(
    len(model.trainable_weights),
    "trainable,",
    len(model.non_trainable_weights),
    "frozen",
)
