# Verified on: tensorflow
# Not on jax, torch: TFSMLayer runs a TensorFlow graph, so it needs that backend
import keras
import numpy as np
import tensorflow as tf

# Stand-in for a SavedModel folder written by Keras 2's model.save("my_model")
# or by tf.saved_model.save: here a TensorFlow function y = 2x + 1.
module = tf.Module()
module.serve = tf.function(
    lambda x: {"y": 2.0 * x + 1.0},
    input_signature=[tf.TensorSpec([None, 3], tf.float32)],
)
tf.saved_model.save(
    module, "my_model", signatures={"serving_default": module.serve}
)

# load_model reads .keras (and legacy .h5) files only.
try:
    keras.models.load_model("my_model")
except ValueError as err:
    print(f"{type(err).__name__}: {err}")

# Keras 3 wraps the SavedModel as a layer: inference only, TensorFlow only.
reloaded = keras.layers.TFSMLayer("my_model", call_endpoint="serving_default")
inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, reloaded(inputs)["y"])
print(keras.ops.convert_to_numpy(model(np.ones((2, 3), dtype="float32"))))
