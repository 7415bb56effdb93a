"""Solutions to the exercises on the page "Backpropagation"."""

# --8<-- [start:ex1]
import numpy as np
from dlcourse.backprop import backward, bce_loss, forward, init_mlp

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([0, 1, 1, 0])
params = init_mlp(n_inputs=2, n_hidden=4, seed=0)
for _ in range(500):  # full batch: all four samples in every step
    p, cache = forward(params, x)
    grads = backward(params, cache, y)
    for name in params:
        params[name] -= 1.0 * grads[name]
p, cache = forward(params, x)
print(f"loss {bce_loss(cache['logits'], y):.3f}  predictions {p.round(2)}")
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
from dlcourse.backprop import backward, forward, init_mlp
from sklearn.datasets import make_moons

x, y = make_moons(n_samples=256, noise=0.2, random_state=0)
params = init_mlp(n_inputs=2, n_hidden=8, seed=0)
p, cache = forward(params, x)
db2 = np.mean(p - y)  # dL/db2 = sum over samples of (p - y) / n
print(
    "backward() agrees:", np.isclose(db2, backward(params, cache, y)["b2"][0])
)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import numpy as np
from dlcourse.backprop import backward, bce_loss, forward, init_mlp
from sklearn.datasets import make_moons

x, y = make_moons(n_samples=256, noise=0.2, random_state=0)
for batch_size in (256, 32):
    params = init_mlp(n_inputs=2, n_hidden=8, seed=0)
    rng = np.random.default_rng(0)
    steps = 0
    for _ in range(60):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            p, cache = forward(params, x[batch])
            grads = backward(params, cache, y[batch])
            for name in params:
                params[name] -= 1.0 * grads[name]
            steps += 1
    p, cache = forward(params, x)
    loss = bce_loss(cache["logits"], y)
    print(f"batch size {batch_size:3d}: {steps} steps, loss {loss:.3f}")
# --8<-- [end:ex3]
