"""Max, average and global-average pooling on one small feature map."""

# --8<-- [start:worked]
import keras
import numpy as np
from keras import layers

fmap = np.array(
    [
        [1, 3, 2, 0],
        [5, 6, 1, 2],
        [7, 2, 9, 4],
        [0, 1, 3, 8],
    ],
    dtype="float32",
)
batch = fmap.reshape(1, 4, 4, 1)  # one map: (batch, height, width, channels)

for layer in (
    layers.MaxPooling2D(pool_size=2),
    layers.AveragePooling2D(pool_size=2),
):
    out = keras.ops.convert_to_numpy(layer(batch))
    print(f"{type(layer).__name__}, shape {out.shape}:\n{out[0, :, :, 0]}")
out = keras.ops.convert_to_numpy(layers.GlobalAveragePooling2D()(batch))
print(f"GlobalAveragePooling2D, shape {out.shape}: {out}")
# --8<-- [end:worked]

# --8<-- [start:no-weights]
from keras import layers

for layer in (
    layers.MaxPooling2D(2),
    layers.AveragePooling2D(2),
    layers.GlobalAveragePooling2D(),
    layers.GlobalMaxPooling2D(),
):
    layer.build((None, 32, 32, 16))
    name = type(layer).__name__
    print(
        f"{name:23} weights: {layer.weights}, "
        f"parameters: {layer.count_params()}"
    )
# --8<-- [end:no-weights]
