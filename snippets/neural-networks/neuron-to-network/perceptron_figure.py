"""Where the trained unit outputs 1, for AND and XOR, and its mistakes per epoch."""

# --8<-- [start:figure]
import matplotlib.pyplot as plt
import numpy as np
from dlcourse.neurons import step, train_perceptron

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
problems = {"AND": np.array([0, 0, 0, 1]), "XOR": np.array([0, 1, 1, 0])}
grid = np.stack(
    np.meshgrid(np.linspace(-0.5, 1.5, 101), np.linspace(-0.5, 1.5, 101)),
    axis=-1,
)

fig, axes = plt.subplots(1, 3, figsize=(10, 3.3))
for ax, (name, targets) in zip(axes, problems.items(), strict=False):
    w, b, errors = train_perceptron(inputs, targets, max_epochs=30)
    region = step(grid @ w + b)  # (1)!
    ax.contourf(
        grid[..., 0],
        grid[..., 1],
        region,
        levels=[-0.5, 0.5, 1.5],
        colors=["#dddddd", "#ffcc99"],
    )
    for target, marker in ((0, "o"), (1, "s")):
        points = inputs[targets == target]
        ax.scatter(
            points[:, 0],
            points[:, 1],
            marker=marker,
            s=90,
            edgecolors="black",
            facecolors="white" if target == 0 else "black",
            label=f"target {target}",
        )
    ax.set_title(
        f"{name} after {len(errors)} epochs: 1 in the orange area", fontsize=10
    )
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    axes[2].plot(range(1, len(errors) + 1), errors, marker=".", label=name)
axes[0].legend(loc="center")
axes[2].set_title("mistakes per epoch", fontsize=10)
axes[2].set_xlabel("epoch")
axes[2].set_ylim(-0.2, 4.2)
axes[2].legend()
fig.tight_layout()
fig.savefig("perceptron-and-xor.png", dpi=100)
# --8<-- [end:figure]
