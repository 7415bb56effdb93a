"""What a convolution is and is not invariant to, with an untrained Conv2D layer."""

# --8<-- [start:shift]
import keras
import numpy as np

keras.utils.set_random_seed(0)
conv = keras.layers.Conv2D(
    4, kernel_size=3, padding="same", use_bias=False
)  # (1)!
image = np.zeros((1, 12, 12, 1), dtype="float32")
image[0, 3:7, 3:6, 0] = 1.0  # a small bright rectangle


def features(img):
    return keras.ops.convert_to_numpy(conv(img))


shifted = np.roll(image, shift=(2, 3), axis=(1, 2))  # move it 2 down, 3 right
rotated = np.rot90(image, axes=(1, 2))  # turn it a quarter
print(
    "shift the image, the feature maps shift with it:",
    np.allclose(
        features(shifted), np.roll(features(image), shift=(2, 3), axis=(1, 2))
    ),
)
print(
    "rotate the image, the feature maps rotate with it:",
    np.allclose(features(rotated), np.rot90(features(image), axes=(1, 2))),
)
# --8<-- [end:shift]
