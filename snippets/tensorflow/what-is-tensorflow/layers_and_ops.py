"""A Keras layer computes with TensorFlow operations. Shown on the first page."""

# --8<-- [start:same]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(0)
# 2 samples, 2 features
x = np.array([[1.0, 2.0], [-1.0, 0.5]], dtype="float32")

layer = layers.Dense(3, activation="relu")  # high level: Keras
by_keras = layer(x)
# low level: TensorFlow ops
by_hand = tf.nn.relu(tf.matmul(x, layer.kernel) + layer.bias)

print("shapes:", layer.kernel.shape, layer.bias.shape, "->", by_keras.shape)
print("Keras returned:", type(by_keras).__name__)
print("same numbers:", np.allclose(by_keras.numpy(), by_hand.numpy()))
# --8<-- [end:same]
