"""The output-size and parameter formulas, checked against Keras over a grid of settings."""

# --8<-- [start:output-size]
import numpy as np
from keras import layers

from dlcourse.convolution import conv_output_size

checked = 0
for kernel_size in (1, 2, 3, 5):
    for stride in (1, 2, 3):
        for padding in ("valid", "same"):
            conv = layers.Conv2D(
                1, kernel_size, strides=stride, padding=padding
            )
            for height in range(5, 13):
                width = height + 3
                out = conv(np.zeros((1, height, width, 1), "float32")).shape
                formula = [
                    conv_output_size(n, kernel_size, stride, padding)
                    for n in (height, width)
                ]
                assert list(out[1:3]) == formula
                checked += 1
print(f"Keras and the formula agree on all {checked} settings")
# --8<-- [end:output-size]

# --8<-- [start:examples]
from dlcourse.convolution import conv_output_size

print("on 7 pixels:")
for kernel_size, stride in [(3, 1), (3, 2), (5, 2), (2, 3)]:
    valid = conv_output_size(7, kernel_size, stride, "valid")
    same = conv_output_size(7, kernel_size, stride, "same")
    print(
        f"  kernel {kernel_size}, stride {stride}: valid {valid}, same {same}"
    )
# --8<-- [end:examples]

# --8<-- [start:params]
from keras import layers

from dlcourse.params import conv2d_params

checked = 0
for kernel_size in (1, 3, 5, (3, 5)):
    for in_channels in (1, 3, 16):
        for filters in (1, 8, 32):
            conv = layers.Conv2D(filters, kernel_size)
            conv.build((None, 28, 28, in_channels))
            assert conv.count_params() == conv2d_params(
                kernel_size, in_channels, filters
            )
            checked += 1
print(
    "count_params() = (kh * kw * in_channels + 1) * filters "
    f"for all {checked} layers"
)
# --8<-- [end:params]
