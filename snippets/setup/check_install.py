"""Checks a reader runs after installing: versions, GPU, dlcourse (the Set up page)."""

# --8<-- [start:versions]
import sys

import keras
import matplotlib
import sklearn
import tensorflow as tf
from packaging.version import Version

installed = {
    "tensorflow": tf.__version__,
    "keras": keras.__version__,
    "scikit-learn": sklearn.__version__,
    "matplotlib": matplotlib.__version__,
}
oldest = {  # the oldest release of each on which every page of this site runs
    "tensorflow": "2.20",
    "keras": "3.15",
    "scikit-learn": "1.6",
    "matplotlib": "3.9",
}
# Keras needs 3.11 or newer; TensorFlow has wheels up to 3.13
print("Python 3.11 to 3.13:", (3, 11) <= sys.version_info[:2] <= (3, 13))
for name, version in installed.items():
    print(
        f"{name} {oldest[name]} or newer:",
        Version(version) >= Version(oldest[name]),
    )  # (1)!
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
