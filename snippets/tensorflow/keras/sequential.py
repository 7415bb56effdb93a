"""The digits CNN as a Sequential model: a list of layers, applied in order."""

# --8<-- [start:model]
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1), name="pixels"),
        layers.Conv2D(8, kernel_size=3, activation="relu", name="conv"),
        layers.MaxPooling2D(pool_size=2, name="pool"),
        layers.Flatten(name="flatten"),
        layers.Dense(10, activation="softmax", name="digit"),
    ],
    name="digits_cnn",
)
model.summary()
# --8<-- [end:model]
