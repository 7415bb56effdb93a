"""Solutions to the exercises of "Pooling"."""

# --8<-- [start:sizes]
import numpy as np
from keras import layers

x = np.zeros((1, 7, 7, 1), "float32")
for padding in ("valid", "same"):
    pool = layers.MaxPooling2D(pool_size=3, strides=2, padding=padding)
    print(padding, "->", tuple(pool(x).shape))
# --8<-- [end:sizes]

# --8<-- [start:numpy]
import keras
import numpy as np
from keras import layers

rng = np.random.default_rng(0)
maps = rng.random((6, 8, 3), dtype="float32")  # height 6, width 8, 3 channels

# Split each axis into (blocks, 2) and take the max over each 2x2 block.
by_numpy = maps.reshape(3, 2, 4, 2, 3).max(axis=(1, 3))
pooled = layers.MaxPooling2D(2)(maps[np.newaxis])
by_keras = keras.ops.convert_to_numpy(pooled)[0]
print(by_numpy.shape, "equal to Keras:", np.array_equal(by_numpy, by_keras))
# --8<-- [end:numpy]
