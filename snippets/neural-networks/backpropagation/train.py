"""A few hundred steps of mini-batch gradient descent with the hand-written backward pass."""

# --8<-- [start:train]
import numpy as np
from dlcourse.backprop import backward, bce_loss, forward, init_mlp
from sklearn.datasets import make_moons

x, y = make_moons(n_samples=256, noise=0.2, random_state=0)
params = init_mlp(n_inputs=2, n_hidden=8, seed=0)
rng = np.random.default_rng(0)
learning_rate, batch_size, epochs = 1.0, 32, 60

batch_losses, epoch_losses = [], []
for epoch in range(1, epochs + 1):
    order = rng.permutation(len(x))  # (1)!
    for start in range(0, len(x), batch_size):
        batch = order[start : start + batch_size]
        p, cache = forward(params, x[batch])  # forward pass
        batch_losses.append(bce_loss(cache["logits"], y[batch]))  # loss
        grads = backward(params, cache, y[batch])  # backward pass
        for name in params:  # gradient-descent step
            params[name] -= learning_rate * grads[name]
    p, cache = forward(params, x)  # (2)!
    epoch_losses.append(bce_loss(cache["logits"], y))
    if epoch in (1, 5, 10, 20, 40, 60):
        accuracy = np.mean((p >= 0.5) == y)
        print(
            f"epoch {epoch:2d}  loss {epoch_losses[-1]:.3f}  "
            f"accuracy {accuracy:.3f}"
        )
print("steps:", len(batch_losses))
# --8<-- [end:train]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

fig, (curve, regions) = plt.subplots(1, 2, figsize=(9, 3.4))
steps_per_epoch = len(batch_losses) // epochs
curve.plot(
    np.arange(1, len(batch_losses) + 1) / steps_per_epoch,
    batch_losses,
    color="lightgray",
    label="mini-batch loss, every step",
)
curve.plot(
    range(1, epochs + 1),
    epoch_losses,
    color="C0",
    label="loss on all 256 points, per epoch",
)
curve.set_xlabel("epoch")
curve.set_ylabel("binary cross-entropy")
curve.set_ylim(bottom=0)
curve.legend()

grid = np.stack(
    np.meshgrid(np.linspace(-1.6, 2.6, 200), np.linspace(-1.2, 1.7, 150)), -1
)
p_grid, _ = forward(params, grid.reshape(-1, 2))  # (1)!
regions.contourf(
    grid[..., 0],
    grid[..., 1],
    p_grid.reshape(grid.shape[:2]),
    levels=[0, 0.5, 1],
    colors=["#cfe2f3", "#fce5cd"],
)
regions.scatter(x[:, 0], x[:, 1], c=y, cmap="coolwarm", s=10)
regions.set_title("predicted class after training", fontsize=10)
fig.tight_layout()
fig.savefig("backprop-training.png", dpi=100)
# --8<-- [end:figure]
