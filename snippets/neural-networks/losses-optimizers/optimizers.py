"""SGD, momentum and Adam on one small, badly scaled least-squares problem."""

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
n = 200
features = np.column_stack(
    [rng.normal(size=n), 0.2 * rng.normal(size=n)]
)  # (1)!
targets = features @ np.array([2.0, -3.0]) + 0.1 * rng.normal(size=n)
x = tf.constant(features, dtype="float32")
y = tf.constant(targets, dtype="float32")

best_w = np.linalg.lstsq(features, targets, rcond=None)[0]  # (2)!
best_loss = np.mean((features @ best_w - targets) ** 2)


def train(optimizer, steps=200):
    """Fit y = x @ w from w = 0 with full-batch steps.

    Returns the loss before each step, and the final weights.
    """
    w = tf.Variable([0.0, 0.0])

    @tf.function  # (3)!
    def step():
        with tf.GradientTape() as tape:
            # mean squared error
            loss = tf.reduce_mean((tf.linalg.matvec(x, w) - y) ** 2)
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
        return loss

    losses = np.array([float(step()) for _ in range(steps)])
    return losses, w.numpy()


# --8<-- [end:data]


# --8<-- [start:compare]
print(
    f"least-squares weights [{best_w[0]:.2f}, {best_w[1]:.2f}], "
    f"lowest loss {best_loss:.4f}"
)
optimizers = {
    "SGD": keras.optimizers.SGD(learning_rate=0.1),
    "SGD, momentum 0.9": keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
    "Adam": keras.optimizers.Adam(learning_rate=0.1),
}
curves = {}
for name, optimizer in optimizers.items():
    curves[name], w = train(optimizer)
    print(
        f"{name:<18} loss at step 50 {curves[name][49]:.4f}, "
        f"at step 200 {curves[name][-1]:.4f}"
        f"   w [{w[0]:.2f}, {w[1]:.2f}]"
    )
# --8<-- [end:compare]

# --8<-- [start:plot]
import matplotlib.pyplot as plt


def plot_losses(curves, title, filename):
    """One line per run on a log scale.

    A dashed line marks the floor that no weights can beat.
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for label, losses in curves.items():
        ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    ax.axhline(
        best_loss,
        color="grey",
        linestyle="--",
        linewidth=1,
        label="lowest possible",
    )
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("training loss (MSE, log scale)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(filename, dpi=100)


# --8<-- [end:plot]

# --8<-- [start:figure]
plot_losses(
    curves,
    "Same problem, same learning rate 0.1",
    "losses-optimizers-compare.png",
)
# --8<-- [end:figure]

# --8<-- [start:learning-rate]
curvatures = np.linalg.eigvalsh(2 / n * features.T @ features)  # (1)!
print(f"curvatures {curvatures[0]:.3f} and {curvatures[1]:.3f}")
limit = 2 / curvatures[1]
print(
    "plain SGD diverges for learning rates above "
    f"2 / {curvatures[1]:.3f} = {limit:.2f}"
)

sweep = {}
labels = {
    0.01: "0.01: too small",
    1.0: "1.0: about right",
    1.2: "1.2: too large",
}
for learning_rate, label in labels.items():
    sweep[label], _ = train(
        keras.optimizers.SGD(learning_rate=learning_rate), steps=100
    )
    print(
        f"learning rate {learning_rate:<4}  "
        f"loss at step 100: {sweep[label][-1]:.3g}"
    )

plot_losses(
    sweep,
    "Plain SGD at three learning rates",
    "losses-optimizers-learning-rate.png",
)
# --8<-- [end:learning-rate]
