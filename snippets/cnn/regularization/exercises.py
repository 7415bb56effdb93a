"""Solutions to the exercises of "Dropout and regularization"."""

# --8<-- [start:where]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(20,)), layers.Dropout(0.5)])
x = np.ones((1, 20), "float32")


def call(**kwargs):
    return keras.ops.convert_to_numpy(model(x, **kwargs))


print("model(x) leaves x alone:", np.array_equal(call(), x))
print("predict leaves x alone:", np.array_equal(model.predict(x, verbose=0), x))
print(
    "two calls with training=True agree:",
    np.array_equal(call(training=True), call(training=True)),
)
# --8<-- [end:where]

# --8<-- [start:count]
import keras
from keras import layers

bn = layers.BatchNormalization()
bn.build((None, 28, 28, 16))  # after a Conv2D with 16 filters
print("trainable:    ", [w.path.split("/")[-1] for w in bn.trainable_weights])
print(
    "non-trainable:", [w.path.split("/")[-1] for w in bn.non_trainable_weights]
)
print("count_params():", bn.count_params())
# --8<-- [end:count]
