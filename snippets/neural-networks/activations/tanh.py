"""tanh(z) = 2 sigmoid(2z) - 1, checked numerically, and what it means for the outputs."""

# --8<-- [start:identity]
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


z = np.linspace(-10, 10, 2001)
gap = np.max(np.abs(np.tanh(z) - (2 * sigmoid(2 * z) - 1)))
print("tanh(z) = 2 sigmoid(2z) - 1 to 1e-15:", gap < 1e-15)

z = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])  # (1)!
print("sigmoid:", sigmoid(z).round(2))
print("tanh:   ", np.tanh(z).round(2))
# --8<-- [end:identity]
