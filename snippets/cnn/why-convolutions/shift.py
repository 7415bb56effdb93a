"""A convolution commutes with shifts: a shifted input gives a shifted feature map."""

# --8<-- [start:shift]
import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_digits

digit = load_digits().images[0] / 16.0  # an 8x8 zero, pixels in [0, 1]
image = np.zeros((20, 20))
image[2:10, 2:10] = digit
shifted = np.roll(image, (5, 6), axis=(0, 1))  # 5 rows down, 6 columns right

keras.utils.set_random_seed(0)
conv = layers.Conv2D(4, 3, activation="relu")
batch = np.stack([image, shifted])[..., np.newaxis].astype("float32")
maps = keras.ops.convert_to_numpy(conv(batch))  # shape (2, 18, 18, 4)

moved = np.roll(maps[0], (5, 6), axis=(0, 1))
print(
    "feature maps of the shifted image = shifted feature maps:",
    np.allclose(moved, maps[1]),
)
print(
    "largest response per filter, original:", maps[0].max(axis=(0, 1)).round(2)
)
print(
    "largest response per filter, shifted: ", maps[1].max(axis=(0, 1)).round(2)
)
# --8<-- [end:shift]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 4, figsize=(8, 2.3))
panels = [
    (image, "input"),
    (maps[0, :, :, 0], "feature map 0"),
    (shifted, "input shifted (5, 6)"),
    (maps[1, :, :, 0], "its feature map 0"),
]
for ax, (data, title) in zip(axes, panels, strict=True):
    # Each map value sits at the centre of its 3x3 patch: one pixel in.
    inset = (len(image) - len(data)) / 2
    right = len(image) - inset - 0.5
    ax.imshow(
        data, cmap="gray_r", extent=(inset - 0.5, right, right, inset - 0.5)
    )
    ax.set(xlim=(-0.5, len(image) - 0.5), ylim=(len(image) - 0.5, -0.5))
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
fig.savefig("shift_equivariance.png", dpi=100)
# --8<-- [end:figure]
