"""Solutions to the exercises of "The convolutional layer"."""

# --8<-- [start:stack]
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(16, 5, strides=2, padding="same"),
        layers.Conv2D(32, 3),
    ]
)
by_hand = [
    ((16, 16, 16), (5 * 5 * 3 + 1) * 16),
    ((14, 14, 32), (3 * 3 * 16 + 1) * 32),
]
for layer, (shape, params) in zip(model.layers, by_hand, strict=True):
    keras_shape = layer.output.shape[1:]
    print(
        f"by hand {shape} {params:>5}   "
        f"Keras {keras_shape} {layer.count_params():>5}"
    )
# --8<-- [end:stack]

# --8<-- [start:true-convolution]
import keras
import numpy as np
from keras import layers
from scipy.signal import convolve2d, correlate2d

vertical = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype="float32")
image = np.random.default_rng(0).random((6, 6), dtype="float32")

conv = layers.Conv2D(1, 3, use_bias=False)
conv.build((None, 6, 6, 1))
# flip the kernel first
conv.set_weights([vertical[::-1, ::-1].reshape(3, 3, 1, 1)])
out = keras.ops.convert_to_numpy(conv(image.reshape(1, 6, 6, 1)))[0, :, :, 0]

true_conv = convolve2d(image, vertical, "valid")
print("flipped kernel in Conv2D = convolve2d:", np.allclose(out, true_conv))
print(
    "the flipped edge filter is its negative:",
    np.array_equal(vertical[::-1, ::-1], -vertical),
)
cross = correlate2d(image, vertical, "valid")
print("so here convolve2d = -correlate2d:", np.allclose(true_conv, -cross))
# --8<-- [end:true-convolution]
