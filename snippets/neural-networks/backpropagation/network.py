"""The data and the network of the backpropagation page, and its loss before training."""

from dlcourse.backprop import bce_loss, forward

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
