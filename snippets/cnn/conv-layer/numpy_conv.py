"""dlcourse.convolution.conv2d against keras.layers.Conv2D with the same weights."""

# --8<-- [start:compare]
import keras
import numpy as np
from keras import layers

from dlcourse.convolution import conv2d

rng = np.random.default_rng(0)
images = rng.normal(size=(2, 9, 10, 3)).astype("float32")
for strides in (1, 2):
    for padding in ("valid", "same"):
        conv = layers.Conv2D(4, 3, strides=strides, padding=padding)
        conv.build(images.shape)
        kernel = rng.normal(size=(3, 3, 3, 4)).astype("float32")
        bias = rng.normal(size=4).astype("float32")
        conv.set_weights([kernel, bias])  # the same weights for both

        keras_out = keras.ops.convert_to_numpy(conv(images))
        numpy_out = conv2d(
            images, kernel, bias, strides=strides, padding=padding
        )
        same = np.allclose(keras_out, numpy_out, atol=1e-5)
        print(
            f"strides {strides}, {padding:5}: output {numpy_out.shape}, "
            f"equal to Keras: {same}"
        )
# --8<-- [end:compare]

# --8<-- [start:flip]
import keras
import numpy as np
from keras import layers
from scipy.signal import convolve2d, correlate2d

rng = np.random.default_rng(1)
image = rng.normal(size=(6, 7)).astype("float32")
kernel = rng.normal(size=(3, 3)).astype("float32")  # not symmetric

conv = layers.Conv2D(1, 3, use_bias=False)
conv.build((None, 6, 7, 1))
conv.set_weights([kernel.reshape(3, 3, 1, 1)])
out = keras.ops.convert_to_numpy(conv(image.reshape(1, 6, 7, 1)))[0, :, :, 0]

flipped = kernel[::-1, ::-1]  # turned by 180 degrees
checks = {
    "cross-correlation (correlate2d)": correlate2d(image, kernel, "valid"),
    "convolution (convolve2d)": convolve2d(image, kernel, "valid"),
    "convolution with the kernel flipped": convolve2d(image, flipped, "valid"),
}
for name, expected in checks.items():
    print(f"Conv2D = {name}: {np.allclose(out, expected, atol=1e-5)}")
# --8<-- [end:flip]
