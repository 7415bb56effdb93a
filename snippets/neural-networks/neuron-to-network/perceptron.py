"""The perceptron rule, as the page teaches it, learns AND.

dlcourse.neurons holds the same functions with their arguments checked; the rest of
the page imports them from there.
"""

# --8<-- [start:rule]
import numpy as np


def step(z):
    return (np.asarray(z) >= 0).astype(float)  # 1 where z >= 0, else 0


def train_perceptron(x, y, learning_rate=1.0, max_epochs=100):
    """Return the weights, the bias and the mistakes made in each epoch."""
    w, b = np.zeros(x.shape[1]), 0.0
    errors = []
    for _ in range(max_epochs):
        mistakes = 0
        for xi, target in zip(x, y, strict=True):  # one sample at a time
            prediction = step(xi @ w + b)  # the unit's answer: 0 or 1
            correction = learning_rate * (target - prediction)  # 0 if right
            w = w + correction * xi
            b = b + correction
            mistakes += int(correction != 0)
        errors.append(mistakes)
        if mistakes == 0:  # a whole epoch without a mistake: done
            break
    return w, b, errors


# --8<-- [end:rule]

# --8<-- [start:and]
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
and_targets = np.array([0, 0, 0, 1])
w, b, errors = train_perceptron(inputs, and_targets)
print("mistakes per epoch:", errors)
print("w =", w, "  b =", b)
print("outputs:", step(inputs @ w + b), "  targets:", and_targets)
# --8<-- [end:and]
