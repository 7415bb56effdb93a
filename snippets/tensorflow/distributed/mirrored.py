"""MirroredStrategy on one machine: here two logical CPUs stand in for two GPUs."""

# --8<-- [start:devices]
import tensorflow as tf

cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(  # (1)!
    cpus[0],
    [
        tf.config.LogicalDeviceConfiguration(),
        tf.config.LogicalDeviceConfiguration(),
    ],
)
print([device.name for device in tf.config.list_logical_devices("CPU")])
# --8<-- [end:devices]

# --8<-- [start:strategy]
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])  # (1)!
print("replicas in sync:", strategy.num_replicas_in_sync)
# --8<-- [end:strategy]

# --8<-- [start:model]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()

with strategy.scope():  # (1)!
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
print("weights are", type(model.layers[-1].kernel.value).__name__)
# --8<-- [end:model]

# --8<-- [start:fit]
history = model.fit(
    x_train, y_train, epochs=3, batch_size=64, verbose=0
)  # (1)!
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print("loss per epoch:", [round(value, 2) for value in history.history["loss"]])
print(f"test accuracy: {accuracy:.2f}")
# --8<-- [end:fit]
