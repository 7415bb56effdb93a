"""Hand-written gradients against GradientTape and finite differences."""

import numpy as np
from sklearn.datasets import make_moons

from dlcourse.backprop import backward, bce_loss, forward, init_mlp

x, y = make_moons(n_samples=256, noise=0.2, random_state=0)
params = init_mlp(n_inputs=2, n_hidden=8, seed=0)

# --8<-- [start:check]
import tensorflow as tf

batch_x, batch_y = x[:32], y[:32]  # one mini-batch
p, cache = forward(params, batch_x)
by_hand = backward(params, cache, batch_y)

variables = {name: tf.Variable(value) for name, value in params.items()}  # (1)!
with tf.GradientTape() as tape:
    h = tf.tanh(batch_x @ variables["W1"] + variables["b1"])
    logits = (h @ variables["W2"] + variables["b2"])[:, 0]
    loss = tf.reduce_mean(
        tf.nn.sigmoid_cross_entropy_with_logits(
            labels=batch_y.astype(float), logits=logits
        )
    )
by_tape = tape.gradient(loss, variables)  # (2)!
# --8<-- [end:check]

# --8<-- [start:compare]
from dlcourse.backprop import numerical_gradients

by_differences = numerical_gradients(params, batch_x, batch_y)


def largest_gap(a, b):
    return max(
        float(np.max(np.abs(a[name] - np.asarray(b[name])))) for name in a
    )


print("parameters:", sum(value.size for value in params.values()))
print(
    "same loss as TensorFlow:",
    abs(bce_loss(cache["logits"], batch_y) - float(loss)) < 1e-12,
)
print(
    "hand vs GradientTape, largest gap below 1e-12:",
    largest_gap(by_hand, by_tape) < 1e-12,
)
print(
    "hand vs finite differences, below 1e-8:",
    largest_gap(by_hand, by_differences) < 1e-8,
)
# --8<-- [end:compare]
