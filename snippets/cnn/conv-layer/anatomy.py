"""The weights and output of one Conv2D layer."""

# --8<-- [start:shapes]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)  # the same random kernels on every run
# 2 RGB 8x8 images
images = np.random.default_rng(0).random((2, 8, 8, 3), dtype="float32")
conv = layers.Conv2D(filters=4, kernel_size=3)
maps = conv(images)

print("input:  ", images.shape, "(batch, height, width, channels)")
print(
    "kernel: ",
    conv.kernel.shape,
    "(kernel height, kernel width, input channels, filters)",
)
print("bias:   ", conv.bias.shape, "(one per filter)")
print(
    "output: ",
    maps.shape,
    "(batch, height, width, filters): 4 feature maps per image",
)
# --8<-- [end:shapes]

# --8<-- [start:one-value]
# One output value by hand: the top-left 3x3x3 patch of image 0,
# times filter 2, summed.
kernel, bias = conv.get_weights()
patch = images[0, 0:3, 0:3, :]
by_hand = np.sum(patch * kernel[:, :, :, 2]) + bias[2]
print(f"by hand {by_hand:.4f}, Keras {float(maps[0, 0, 0, 2]):.4f}")
# --8<-- [end:one-value]
