"""Solutions to the first TensorFlow page's exercises."""

# --8<-- [start:ex1]
import keras
import tensorflow as tf


def release(version):
    # "2.21.0" -> (2, 21)
    return tuple(int(part) for part in version.split(".")[:2])


print("TensorFlow 2.20 or newer:", release(tf.__version__) >= (2, 20))
print("Keras 3.15 or newer:", release(keras.__version__) >= (3, 15))
print("compared as strings, 2.9 >= 2.19:", "2.9" >= "2.19")
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(1)
x = np.array([[0.5, -1.0, 2.0]], dtype="float32")
layer = layers.Dense(2, activation="sigmoid")
by_keras = layer(x)
by_hand = tf.sigmoid(x @ layer.kernel + layer.bias)
print(by_keras.shape, np.allclose(by_keras, by_hand))
# --8<-- [end:ex2]
