"""The digits CNN as a subclass of keras.Model: layers in __init__, the forward pass in call."""

# --8<-- [start:model]
import keras
from keras import layers


class DigitsCNN(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(
            8, kernel_size=3, activation="relu", name="conv"
        )
        self.pool = layers.MaxPooling2D(pool_size=2, name="pool")
        self.flatten = layers.Flatten(name="flatten")
        self.digit = layers.Dense(10, activation="softmax", name="digit")

    def call(self, images):  # (1)!
        x = self.pool(self.conv(images))
        return self.digit(self.flatten(x))


model = DigitsCNN(name="digits_cnn_subclassed")
model(keras.Input(shape=(8, 8, 1)))  # (2)!
model.summary()
# --8<-- [end:model]
