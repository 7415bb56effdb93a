"""Parameter counts of a dense and a convolutional layer on the same grey images."""

# --8<-- [start:dense]
import keras
from keras import layers

for side in (50, 1024):
    # Record the weights' shapes without filling them in memory.
    with keras.StatelessScope(initialize_variables=False):
        dense = layers.Dense(1000)
        dense.build((None, side * side))
    n = dense.count_params()
    print(
        f"{side:>4}x{side:<4} image, Dense(1000): {n:>13,} parameters, "
        f"{n * 4 / 1e6:>7,.1f} MB"
    )
# Keras remembers the unfilled weights and fills them (4.2 GB) the next time
# a model is built, unless its global state is cleared.
keras.utils.clear_session()
# --8<-- [end:dense]

# --8<-- [start:conv]
import keras
from keras import layers

for side in (50, 1024):
    conv = layers.Conv2D(filters=32, kernel_size=3)
    conv.build((None, side, side, 1))
    out = conv.compute_output_shape((None, side, side, 1))[1:]
    n = conv.count_params()
    print(
        f"{side:>4}x{side:<4} image, Conv2D(32, 3x3): {n} parameters, "
        f"output {out}"
    )
# --8<-- [end:conv]

# --8<-- [start:sharing]
import keras
from keras import layers

side, k, filters = 50, 3, 32
out = side - k + 1  # 48 positions per row and per column
outputs = out * out * filters  # a 48x48x32 block of outputs

with keras.StatelessScope(initialize_variables=False):
    dense = layers.Dense(outputs)  # every output sees every pixel
    dense.build((None, side * side))
conv = layers.Conv2D(filters, k)  # each output sees a 3x3 patch; weights shared
conv.build((None, side, side, 1))
# a 3x3 patch, own weights per position
local = out * out * (k * k * 1 * filters + filters)

print(f"every output sees every pixel (Dense):     {dense.count_params():>11,}")
print(f"3x3 patch, own weights at each position:   {local:>11,}")
print(f"3x3 patch, one set of weights (Conv2D):    {conv.count_params():>11,}")
# forget the Dense layer's unfilled weights (0.7 GB)
keras.utils.clear_session()
# --8<-- [end:sharing]
