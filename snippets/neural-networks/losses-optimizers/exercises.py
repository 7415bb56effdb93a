"""Solutions to the exercises on the losses, optimizers and metrics page."""

# --8<-- [start:ex1]
import keras
import numpy as np
import tensorflow as tf

gradients = [np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([-1.0, 0.0])]
learning_rate, momentum = 0.1, 0.9

w_keras = tf.Variable([0.0, 0.0])
optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=momentum)
w_hand, velocity = np.zeros(2), np.zeros(2)
for g in gradients:
    optimizer.apply_gradients([(tf.constant(g, dtype="float32"), w_keras)])
    velocity = momentum * velocity - learning_rate * g
    w_hand = w_hand + velocity
    print("Keras", w_keras.numpy().round(4), "  by hand", w_hand.round(4))
print("same:", np.allclose(w_keras.numpy(), w_hand, atol=1e-6))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import keras
import numpy as np

logits = np.array(
    [[-100.0], [-2.0], [0.0], [2.0], [100.0]], dtype="float32"
)  # (1)!
labels = np.ones_like(logits)  # every example is of class 1
per_example = keras.losses.BinaryCrossentropy(from_logits=True, reduction=None)
from_keras = per_example(labels, logits).numpy()
from_formula = np.logaddexp(
    0.0, -logits[:, 0]
)  # log(1 + e^(-z)), without overflow
print("Keras   :", from_keras.round(4))
print("formula :", from_formula.round(4))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import numpy as np

rng = np.random.default_rng(0)
n = 200
features = np.column_stack([rng.normal(size=n), 0.2 * rng.normal(size=n)])
targets = features @ np.array([2.0, -3.0]) + 0.1 * rng.normal(size=n)
rescaled = features / features.std(axis=0)  # (1)!

for name, x in [("raw", features), ("rescaled", rescaled)]:
    low, high = np.linalg.eigvalsh(2 / n * x.T @ x)
    learning_rate = 2 / (low + high)  # (2)!
    floor = np.mean(
        (x @ np.linalg.lstsq(x, targets, rcond=None)[0] - targets) ** 2
    )
    w, steps = np.zeros(2), 0
    while (
        np.mean((x @ w - targets) ** 2) > 1.01 * floor
    ):  # plain gradient descent
        w -= learning_rate * 2 / n * x.T @ (x @ w - targets)
        steps += 1
    print(
        f"{name:<8} curvature ratio {high / low:4.1f}, limit {2 / high:.2f}, "
        f"rate {learning_rate:.2f}: {steps} steps to within 1%"
    )
# --8<-- [end:ex3]
