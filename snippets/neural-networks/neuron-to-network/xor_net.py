"""Two layers of threshold units, with hand-picked weights, compute XOR."""

# --8<-- [start:net]
import numpy as np
from dlcourse.neurons import dense_forward, step

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
hidden_kernel = np.array([[1.0, -1.0], [1.0, -1.0]])  # (1)!
hidden_bias = np.array([-0.5, 1.5])
output_kernel = np.array([[1.0], [1.0]])  # (2)!
output_bias = np.array([-1.5])

hidden = dense_forward(inputs, hidden_kernel, hidden_bias, step)
output = dense_forward(hidden, output_kernel, output_bias, step)
for x, h, out in zip(inputs, hidden, output[:, 0], strict=True):
    print(f"x = {x}   hidden (OR, NAND) = {h}   output {out:.0f}")
# --8<-- [end:net]
