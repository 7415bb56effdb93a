"""Hand-set vertical and horizontal edge filters on a photograph."""

# --8<-- [start:photo]
import numpy as np
from sklearn.datasets import load_sample_image

photo = load_sample_image("china.jpg")  # uint8, shape (427, 640, 3)
grey = photo.mean(axis=2) / 255.0  # average the three channels, scale to [0, 1]
# Shrink 4 times: average each 4x4 block of pixels (drops rows 424 to 426).
h, w = grey.shape[0] // 4, grey.shape[1] // 4
small = grey[: h * 4, : w * 4].reshape(h, 4, w, 4).mean(axis=(1, 3))
print("photo", photo.shape, "-> grey, 4 times smaller", small.shape)
# --8<-- [end:photo]

# --8<-- [start:filters]
import keras
from keras import layers

vertical = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]])  # left minus right
horizontal = vertical.T  # top minus bottom

conv = layers.Conv2D(filters=2, kernel_size=3, use_bias=False)
conv.build((None, h, w, 1))
# Conv2D.kernel's shape: (kernel height, kernel width, input channels, filters)
kernel = np.stack([vertical, horizontal], axis=-1)[:, :, np.newaxis, :]
conv.set_weights([kernel.astype("float32")])

maps = keras.ops.convert_to_numpy(conv(small[np.newaxis, :, :, np.newaxis]))
print("kernel", conv.kernel.shape, "-> feature maps", maps.shape)
# --8<-- [end:filters]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 3, figsize=(7.5, 1.9))
axes[0].imshow(small, cmap="gray", interpolation="nearest")
axes[0].set_title(f"input, grey, {h} x {w}", fontsize=9)
titles = ["vertical-edge filter", "horizontal-edge filter"]
for f, (ax, title) in enumerate(zip(axes[1:], titles, strict=True)):
    m = np.abs(maps[0, :, :, f]).max()
    ax.imshow(
        maps[0, :, :, f],
        cmap="RdBu_r",
        vmin=-m,
        vmax=m,
        interpolation="nearest",
    )
    ax.set_title(title, fontsize=9)
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
fig.savefig("edge_filters.png", dpi=100)
# --8<-- [end:figure]
