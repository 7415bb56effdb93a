"""The network of the backpropagation page, written short, and its loss before training.

dlcourse.backprop holds the same functions with their arguments checked; a page test
holds the two equal.
"""

# --8<-- [start:forward]
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # 1 / (1 + e^-z), never overflows


def forward(params, x):
    """The predicted probabilities, and what the backward pass needs."""
    h = np.tanh(x @ params["W1"] + params["b1"])  # hidden layer, (samples, 8)
    logits = (h @ params["W2"] + params["b2"])[:, 0]  # output layer, (samples,)
    return sigmoid(logits), {"x": x, "h": h, "logits": logits}


def bce_loss(logits, y):
    """Mean binary cross-entropy, from the logits: log(1 + e^z) - y z."""
    return float(np.mean(np.logaddexp(0.0, logits) - y * logits))


# --8<-- [end:forward]

# --8<-- [start:data]
from dlcourse.backprop import init_mlp
from sklearn.datasets import make_moons

x, y = make_moons(n_samples=256, noise=0.2, random_state=0)  # (1)!
params = init_mlp(n_inputs=2, n_hidden=8, seed=0)  # (2)!

p, cache = forward(params, x)
print("x:", x.shape, " y:", y.shape, " share of class 1:", y.mean())
print({name: value.shape for name, value in params.items()})
print(f"loss before training: {bce_loss(cache['logits'], y):.4f}")
# --8<-- [end:data]


# --8<-- [start:backward]
def backward(params, cache, y):
    """The gradient of bce_loss for every weight and bias."""
    x, h, logits = cache["x"], cache["h"], cache["logits"]
    dz = ((sigmoid(logits) - y) / len(y))[:, None]  # dL/dz, (samples, 1)
    grads = {"W2": h.T @ dz, "b2": dz.sum(axis=0)}  # output layer
    dh = dz @ params["W2"].T  # back through W2: dL/dH, (samples, hidden)
    dz1 = dh * (1.0 - h**2)  # back through tanh: its derivative is 1 - tanh^2
    grads["W1"] = x.T @ dz1  # hidden layer
    grads["b1"] = dz1.sum(axis=0)
    return grads


# --8<-- [end:backward]
