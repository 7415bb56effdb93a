"""Which Keras 1/2 import lines still work in Keras 3."""

# --8<-- [start:old]
from pathlib import Path

import keras

keras_dir = str(Path(keras.__file__).parent)  # shortened in messages below
old_imports = [
    "from keras.models import Sequential",
    "from keras.layers import Dense, Activation",
    "from keras.optimizers import SGD",
    "from keras.applications.vgg16 import VGG16",
    "from keras.layers.core import Dense",
    "from keras.layers.convolutional import Conv2D",
    "from keras.layers.experimental.preprocessing import Rescaling",
    "from keras.utils.np_utils import to_categorical",
    "from keras.preprocessing.image import ImageDataGenerator",
    "from keras.wrappers.scikit_learn import KerasClassifier",
]
for line in old_imports:
    try:
        exec(line, {})
        print(f"{line}\n    works")
    except ImportError as err:  # ModuleNotFoundError is a subclass
        message = str(err).replace(keras_dir, ".../keras")
        print(f"{line}\n    {type(err).__name__}: {message}")
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
from keras.layers import Conv2D, Dense, Rescaling
from keras.utils import to_categorical
from keras.wrappers import SKLearnClassifier  # scikit-learn's fit/predict API

print(Dense(4).units, Conv2D(8, 3).filters, Rescaling(0.5).scale)
print(to_categorical([0, 2], num_classes=3).tolist())
print(SKLearnClassifier.__name__)
# --8<-- [end:new]
