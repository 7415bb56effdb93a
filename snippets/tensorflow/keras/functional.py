"""The digits CNN with the Functional API: call layers on symbolic tensors."""

# --8<-- [start:model]
import keras
from keras import layers

inputs = keras.Input(shape=(8, 8, 1), name="pixels")  # (1)!
x = layers.Conv2D(8, kernel_size=3, activation="relu", name="conv")(inputs)
x = layers.MaxPooling2D(pool_size=2, name="pool")(x)
x = layers.Flatten(name="flatten")(x)
outputs = layers.Dense(10, activation="softmax", name="digit")(x)
model = keras.Model(
    inputs=inputs, outputs=outputs, name="digits_cnn_functional"
)  # (2)!
model.summary()
# --8<-- [end:model]
