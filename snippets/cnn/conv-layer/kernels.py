"""What the first-layer kernels of a small CNN trained on digits look like."""

# --8<-- [start:train]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_test, y_test) = load_digits_images()
# 300 images are enough for this
x_small, y_small = x_train[:300], y_train[:300]

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Conv2D(8, 3, activation="relu", name="conv"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# the random start, shape (3, 3, 1, 8)
before = model.get_layer("conv").get_weights()[0]
model.fit(x_small, y_small, epochs=10, batch_size=32, verbose=0)
after = model.get_layer("conv").get_weights()[0]
_, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(
    f"trained on {len(x_small)} digits; "
    f"accuracy on {len(x_test)} test digits: {accuracy:.2f}"
)
# --8<-- [end:train]

# --8<-- [start:figure]
import matplotlib.pyplot as plt
import numpy as np

digit = x_test[0]
responses = keras.ops.convert_to_numpy(
    model.get_layer("conv")(digit[np.newaxis])
)[0]

fig, axes = plt.subplots(3, 9, figsize=(8, 3.1))
rows = [(before, "random start"), (after, "after training")]
for r, (kernels, label) in enumerate(rows):
    for f in range(8):
        w = kernels[:, :, 0, f]
        m = np.abs(w).max()
        axes[r, f + 1].imshow(w, cmap="RdBu_r", vmin=-m, vmax=m)
    axes[r, 0].text(0.5, 0.5, label, ha="center", va="center", fontsize=9)
axes[2, 0].imshow(digit[:, :, 0], cmap="gray_r")
axes[2, 0].set_title(f"a test {y_test[0]}", fontsize=8)
for f in range(8):
    axes[2, f + 1].imshow(responses[:, :, f], cmap="gray_r", vmin=0)
    axes[0, f + 1].set_title(f"filter {f}", fontsize=8)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
for ax in axes[:2, 0]:
    ax.axis("off")
fig.tight_layout()
fig.savefig("digit_kernels.png", dpi=100)
# --8<-- [end:figure]
