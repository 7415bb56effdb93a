"""Solutions to the exercises of "Why convolutions"."""

# --8<-- [start:rgb]
import keras
from keras import layers

side, channels = 224, 3
by_hand_dense = side * side * channels * 1000 + 1000
by_hand_conv = 3 * 3 * channels * 64 + 64

with keras.StatelessScope(initialize_variables=False):
    dense = layers.Dense(1000)
    dense.build((None, side * side * channels))
conv = layers.Conv2D(64, 3)
conv.build((None, side, side, channels))
print(f"Dense(1000): by hand {by_hand_dense:,}, Keras {dense.count_params():,}")
print(
    f"Conv2D(64, 3x3): by hand {by_hand_conv:,}, Keras {conv.count_params():,}"
)
# forget the Dense layer's unfilled weights (0.6 GB)
keras.utils.clear_session()
# --8<-- [end:rgb]

# --8<-- [start:receptive-field]
import keras
import numpy as np
from keras import layers

impulse = np.zeros((1, 15, 15, 1), "float32")
impulse[0, 7, 7, 0] = 1.0  # one bright pixel in the middle

x = impulse
for depth in (1, 2, 3):
    x = layers.Conv2D(1, 3, padding="same", kernel_initializer="ones")(x)
    reached = np.argwhere(keras.ops.convert_to_numpy(x)[0, :, :, 0] != 0)
    height, width = reached.max(axis=0) - reached.min(axis=0) + 1
    print(
        f"after {depth} layer(s) of 3x3: "
        f"the pixel reaches a {height}x{width} area"
    )
# --8<-- [end:receptive-field]
