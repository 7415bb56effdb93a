"""The installed TensorFlow and Keras, and the devices TensorFlow sees. Shown on the first page."""

# --8<-- [start:versions]
import keras
import tensorflow as tf

tf_major = tf.__version__.split(".")[0]  # "2.21.0" -> "2"
keras_major = keras.__version__.split(".")[0]
backend = keras.config.backend()
print(f"TensorFlow {tf_major}, Keras {keras_major} | backend: {backend}")
print("tf.keras is this Keras:", tf.keras.layers.Dense is keras.layers.Dense)
# --8<-- [end:versions]

# --8<-- [start:devices]
import tensorflow as tf

devices = tf.config.list_physical_devices()
print([device.device_type for device in devices])
print("GPUs:", len(tf.config.list_physical_devices("GPU")))
# --8<-- [end:devices]

# --8<-- [start:cpp]
import os

import tensorflow as tf

# C and C++ headers ship inside the pip package
include = tf.sysconfig.get_include()
print(
    "C API header:",
    os.path.isfile(os.path.join(include, "tensorflow", "c", "c_api.h")),
)
print(
    "C++ API headers:",
    os.path.isdir(os.path.join(include, "tensorflow", "cc", "ops")),
)
# the compiled runtime Python loads
libraries = os.listdir(tf.sysconfig.get_lib())
print(
    "runtime library:",
    any(name.startswith("libtensorflow") for name in libraries),
)
# --8<-- [end:cpp]
