# Verified on: tensorflow, jax, torch
import keras  # Keras 3: its own package, running on TensorFlow, JAX or PyTorch
from keras import layers  # Dense, Activation, Conv2D, Dropout, ...
from keras import optimizers  # SGD, Adam, RMSprop, ...

print("Keras", keras.__version__.split(".")[0], "on", keras.config.backend())  # "3.15.1" -> "3"
print(layers.Dense.__name__, optimizers.SGD.__name__)
