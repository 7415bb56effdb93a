# Verified on: tensorflow, jax, torch
import keras  # Keras 3: its own package, running on TensorFlow, JAX or PyTorch
from keras import layers  # Dense, Activation, Conv2D, Dropout, ...
from keras import optimizers  # SGD, Adam, RMSprop, ...

major = keras.__version__.split(".")[0]  # "3.15.1" -> "3"
print("Keras", major, "on", keras.config.backend())
print(layers.Dense.__name__, optimizers.SGD.__name__)
