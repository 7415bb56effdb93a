"""A threshold logic unit with hand-picked weights that computes AND."""

# --8<-- [start:and]
import numpy as np

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
w = np.array([1.0, 1.0])  # one weight per input
b = -1.5  # the bias: the unit fires when x1 + x2 >= 1.5
z = inputs @ w + b  # (1)!
outputs = (z >= 0).astype(int)  # (2)!
for x, zi, out in zip(inputs, z, outputs, strict=True):
    print(f"x = {x}   z = {zi:+.1f}   output {out}")
# --8<-- [end:and]
