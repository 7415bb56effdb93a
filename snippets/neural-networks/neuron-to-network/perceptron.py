"""The perceptron rule learns AND (the page shows the code of step and train_perceptron)."""

import numpy as np

from dlcourse.neurons import step, train_perceptron

# --8<-- [start:and]
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
and_targets = np.array([0, 0, 0, 1])
w, b, errors = train_perceptron(inputs, and_targets)
print("mistakes per epoch:", errors)
print("w =", w, "  b =", b)
print("outputs:", step(inputs @ w + b), "  targets:", and_targets)
# --8<-- [end:and]
