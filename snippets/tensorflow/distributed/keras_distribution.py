"""The Keras 3 distribution API, on the JAX backend, with the CPU split into two devices."""

# --8<-- [start:data-parallel]
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=2"  # (1)!

import keras
from keras import layers

from dlcourse.datasets import load_digits_images

devices = keras.distribution.list_devices()
print("devices:", devices)
keras.distribution.set_distribution(
    keras.distribution.DataParallel(devices=devices)
)  # (2)!

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Flatten(),
        layers.Dense(32, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
usable = len(x_train) // 64 * 64  # (3)!
model.fit(
    x_train[:usable], y_train[:usable], epochs=3, batch_size=64, verbose=0
)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print("kernel sharding:", model.layers[-1].kernel.value.sharding.spec)  # (4)!
print(f"test accuracy: {accuracy:.2f}")
# --8<-- [end:data-parallel]
