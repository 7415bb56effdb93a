"""The perceptron rule never learns XOR, however many epochs it gets."""

# --8<-- [start:xor]
import numpy as np
from dlcourse.neurons import step, train_perceptron

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
xor_targets = np.array([0, 1, 1, 0])
w, b, errors = train_perceptron(inputs, xor_targets, max_epochs=1000)
print("epochs run:", len(errors))
print("fewest mistakes in any epoch:", min(errors))
print(
    "outputs after the last epoch:",
    step(inputs @ w + b),
    "  targets:",
    xor_targets,
)
# --8<-- [end:xor]
