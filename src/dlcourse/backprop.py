"""Backpropagation written out in NumPy for a network with one hidden layer.

The network is the smallest one that needs the chain rule through a hidden layer:

* hidden layer: ``h = tanh(x @ W1 + b1)``;
* output layer: one logit ``z = h @ W2 + b2`` and a probability ``p = sigmoid(z)``;
* loss: the mean binary cross-entropy between ``p`` and the 0/1 targets ``y``.

[`forward`][dlcourse.backprop.forward] keeps what the backward pass needs,
[`backward`][dlcourse.backprop.backward] applies the chain rule layer by layer, and
[`numerical_gradients`][dlcourse.backprop.numerical_gradients] estimates the same
derivatives by finite differences, to check them. The page "Backpropagation" teaches
short versions of these functions (the ones here also check their arguments) and checks
them against ``tf.GradientTape``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def init_mlp(n_inputs: int, n_hidden: int, *, seed: int = 0) -> dict[str, np.ndarray]:
    """Random starting weights for the network, as Keras' ``Dense`` layers would draw them.

    Kernels are drawn from the Glorot (Xavier) uniform distribution, Keras' default,
    and biases start at zero.

    Args:
        n_inputs: Number of input features.
        n_hidden: Number of units in the hidden layer.
        seed: Seed of the random generator.

    Returns:
        A dict of float64 arrays: ``W1`` of shape ``(n_inputs, n_hidden)``, ``b1``
            ``(n_hidden,)``, ``W2`` ``(n_hidden, 1)`` and ``b2`` ``(1,)``.

    Raises:
        TypeError: If a size is not an int.
        ValueError: If a size is below 1.
    """
    for name, value in (("n_inputs", n_inputs), ("n_hidden", n_hidden)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be at least 1, got {value}")
    rng = np.random.default_rng(seed)

    def glorot(fan_in: int, fan_out: int) -> np.ndarray:
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, size=(fan_in, fan_out))

    return {
        "W1": glorot(n_inputs, n_hidden),
        "b1": np.zeros(n_hidden),
        "W2": glorot(n_hidden, 1),
        "b2": np.zeros(1),
    }


def sigmoid(z: ArrayLike) -> np.ndarray:
    """The logistic function 1 / (1 + e^-z), written so it never overflows.

    It is computed as (1 + tanh(z/2)) / 2, which is the same function.

    Args:
        z: A number or array.

    Returns:
        An array shaped like ``z``, with values between 0 and 1.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def forward(
    params: dict,
    x: ArrayLike,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Forward pass: the network's predictions and what the backward pass needs.

    Args:
        params: ``W1``, ``b1``, ``W2``, ``b2``, as made by ``init_mlp``.
        x: A batch of inputs, shape ``(samples, features)``.

    Returns:
        ``(p, cache)``: the predicted probabilities, shape ``(samples,)``, and
            a dict with the inputs ``x``, the hidden activations ``h`` and the
            ``logits``.

    Raises:
        ValueError: If ``x`` is not 2-D with one column per row of ``W1``.
    """
    x = np.asarray(x, dtype=float)
    n_features = params["W1"].shape[0]
    if x.ndim != 2 or x.shape[1] != n_features:
        raise ValueError(
            f"x must have shape (samples, {n_features}), got {x.shape}",
        )
    # hidden layer, (samples, hidden)
    h = np.tanh(x @ params["W1"] + params["b1"])
    logits = (h @ params["W2"] + params["b2"])[:, 0]  # output layer, (samples,)
    return sigmoid(logits), {"x": x, "h": h, "logits": logits}


def bce_loss(logits: ArrayLike, y: ArrayLike) -> float:
    """Mean binary cross-entropy of the targets given the logits.

    Computes ``mean(log(1 + e^z) - y * z)``, which equals
    ``-mean(y * log(p) + (1 - y) * log(1 - p))`` with ``p = sigmoid(z)`` but
    cannot take the log of 0.

    Args:
        logits: The output layer's values ``z``, shape ``(samples,)``.
        y: The 0/1 targets, shape ``(samples,)``.

    Returns:
        The loss, a float.

    Raises:
        ValueError: If ``y`` does not have one target per logit.
    """
    logits, y = np.asarray(logits, dtype=float), np.asarray(y, dtype=float)
    if y.shape != logits.shape:
        expected = f"y must have shape {logits.shape}, one target per sample"
        raise ValueError(f"{expected}; got {y.shape}")
    return float(np.mean(np.logaddexp(0.0, logits) - y * logits))


def backward(params: dict, cache: dict, y: ArrayLike) -> dict[str, np.ndarray]:
    """Backward pass: the gradient of ``bce_loss`` for every weight and bias.

    Args:
        params: The weights the forward pass used.
        cache: The dict ``forward`` returned.
        y: The 0/1 targets, shape ``(samples,)``.

    Returns:
        A dict with the same keys and shapes as ``params``: dL/dW1, dL/db1,
            dL/dW2, dL/db2.

    Raises:
        ValueError: If ``y`` does not have one target per sample of the
            forward pass.
    """
    x, h, logits = cache["x"], cache["h"], cache["logits"]
    y = np.asarray(y, dtype=float)
    if y.shape != logits.shape:
        expected = f"y must have shape {logits.shape}, one target per sample"
        raise ValueError(f"{expected}; got {y.shape}")
    n = len(y)
    # dL/dz for each sample, (samples, 1)
    dz = ((sigmoid(logits) - y) / n)[:, None]
    grads = {"W2": h.T @ dz, "b2": dz.sum(axis=0)}  # output layer
    dh = dz @ params["W2"].T  # back through W2: dL/dh, (samples, hidden)
    dz1 = dh * (1.0 - h**2)  # back through tanh, whose derivative is 1 - tanh^2
    grads["W1"] = x.T @ dz1  # hidden layer
    grads["b1"] = dz1.sum(axis=0)
    return grads


def numerical_gradients(
    params: dict, x: ArrayLike, y: ArrayLike, eps: float = 1e-6
) -> dict[str, np.ndarray]:
    """Estimate the same gradients by central finite differences, one parameter at a time.

    Each weight is moved by ``+eps`` and ``-eps`` and the loss recomputed:
    ``(L(w + eps) - L(w - eps)) / (2 * eps)``. Slow (two forward passes per
    parameter) but independent of the chain rule, so it checks ``backward``.

    Args:
        params: The network's weights (left unchanged).
        x: A batch of inputs, shape ``(samples, features)``.
        y: The 0/1 targets, shape ``(samples,)``.
        eps: The step, above 0.

    Returns:
        A dict with the same keys and shapes as ``params``.

    Raises:
        ValueError: If ``eps`` is not above 0, or as ``forward`` and ``bce_loss`` do.
    """
    if not eps > 0:
        raise ValueError(f"eps must be above 0, got {eps}")
    estimates = {}
    for name, value in params.items():
        estimate = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            shifted = {key: array.copy() for key, array in params.items()}
            losses = []
            for delta in (eps, -eps):
                shifted[name][index] = value[index] + delta
                losses.append(bce_loss(forward(shifted, x)[1]["logits"], y))
            estimate[index] = (losses[0] - losses[1]) / (2 * eps)
        estimates[name] = estimate
    return estimates
