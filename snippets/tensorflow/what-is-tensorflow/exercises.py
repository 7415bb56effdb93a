"""Solutions to the first TensorFlow page's exercises."""

# --8<-- [start:ex1]
import keras
import tensorflow as tf

tf_major = int(tf.__version__.split(".")[0])
keras_major = int(keras.__version__.split(".")[0])
print("TensorFlow 2:", tf_major == 2, "| Keras 3:", keras_major == 3)
print("tf.keras.Sequential is keras.Sequential:", tf.keras.Sequential is keras.Sequential)
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
