"""Checks a reader runs after installing: versions, GPU, dlcourse (the Set up page)."""

# --8<-- [start:versions]
import sys

import keras
import matplotlib
import sklearn
import tensorflow as tf
from packaging.version import Version

verified = {  # the versions this site's code was run on
    "TensorFlow": (tf.__version__, "2.21.0"),
    "Keras": (keras.__version__, "3.15.1"),
    "scikit-learn": (sklearn.__version__, "1.9.1"),
    "matplotlib": (matplotlib.__version__, "3.11.2"),
}
print("Python 3.11 or newer:", sys.version_info >= (3, 11))
for name, (installed, tested) in verified.items():
    print(f"{name} {tested} or newer:", Version(installed) >= Version(tested))  # (1)!
print("Keras backend:", keras.config.backend())
# --8<-- [end:versions]

# --8<-- [start:gpu]
import tensorflow as tf

print(tf.config.list_physical_devices("GPU"))
# --8<-- [end:gpu]

# --8<-- [start:dlcourse]
from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_test, y_test) = load_digits_images()
print("train:", x_train.shape, "test:", x_test.shape)
# --8<-- [end:dlcourse]
