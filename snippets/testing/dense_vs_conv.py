"""Parameter counts of a dense and a convolutional layer as images grow (testing page)."""

# --8<-- [start:count]
from dlcourse.params import conv2d_params, dense_params

for side in (50, 1024):
    dense = dense_params(side * side, 1000)
    conv = conv2d_params(3, in_channels=1, filters=32)
    print(
        f"{side}x{side} grey image: Dense(1000) {dense:>13,}   "
        f"Conv2D(32, 3x3) {conv:,}"
    )
# --8<-- [end:count]

# --8<-- [start:check]
import keras

dense = keras.layers.Dense(1000)
dense.build((None, 50 * 50))
assert dense.count_params() == dense_params(50 * 50, 1000)

conv = keras.layers.Conv2D(32, 3)
conv.build((None, 50, 50, 1))
assert conv.count_params() == conv2d_params(3, in_channels=1, filters=32)
print("formulas match Keras")
# --8<-- [end:check]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

sides = [8, 16, 32, 64, 128, 256, 512, 1024]
fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.plot(
    sides,
    [dense_params(s * s, 1000) for s in sides],
    "o-",
    label="Dense(1000), flattened image",
)
ax.plot(
    sides,
    [conv2d_params(3, 1, 32) for _ in sides],
    "s-",
    label="Conv2D(32 filters, 3x3)",
)
ax.set(
    xscale="log",
    yscale="log",
    xlabel="image side in pixels (grey, square)",
    ylabel="trainable parameters",
    title="One layer's parameters, computed by formula",
)
ax.legend()
fig.tight_layout()
fig.savefig("dense_vs_conv_params.png", dpi=100)
# --8<-- [end:figure]
