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

# --8<-- [start:ex3]
import keras
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(2,), name="features"), layers.Dense(1)])
model.export("exported/1", verbose=False)

serving = tf.saved_model.load("exported/1").signatures["serving_default"]
print("inputs:", list(serving.structured_input_signature[1]))
print("outputs:", list(serving.structured_outputs))
result = serving(features=tf.constant([[1.0, 2.0]]))
print({name: tuple(value.shape) for name, value in result.items()})
# --8<-- [end:ex3]
