"""Neurons in NumPy: the threshold logic unit, the perceptron's learning rule, a dense layer.

The page "From neuron to network" teaches short versions of these functions; the ones
here compute the same and also check their arguments:

* a threshold logic unit computes ``step(x @ w + b)``;
* the perceptron rule nudges ``w`` and ``b`` by ``learning_rate * (target - prediction)``
  after every sample it gets wrong;
* a dense layer computes ``activation(x @ kernel + bias)`` for a whole batch, as
  ``keras.layers.Dense`` does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike


def step(z: ArrayLike) -> np.ndarray:
    """The Heaviside step function of the first artificial neurons.

    Args:
        z: A number or array of weighted sums.

    Returns:
        A float array shaped like ``z``: 1.0 where ``z >= 0``, else 0.0.
    """
    return (np.asarray(z) >= 0).astype(float)


def train_perceptron(
    x: ArrayLike,
    y: ArrayLike,
    *,
    learning_rate: float = 1.0,
    max_epochs: int = 100,
) -> tuple[np.ndarray, float, list[int]]:
    """Train one threshold logic unit with Rosenblatt's perceptron rule.

    The samples are visited in order, once per epoch. After each one, the
    weights and the bias move by ``learning_rate * (target - prediction)``
    times the input (times 1 for the bias); a correct prediction changes
    nothing. Training stops after the first epoch with no mistakes, or after
    ``max_epochs``.

    Args:
        x: Inputs, shape ``(samples, features)``.
        y: Targets, 0 or 1, shape ``(samples,)``.
        learning_rate: Size of each correction, above 0.
        max_epochs: Most passes over the data, at least 1.

    Returns:
        ``(w, b, errors)``: the weights, shape ``(features,)``, the bias, and
            a list with the number of mistakes made in each epoch.

    Raises:
        ValueError: If the shapes do not match, a target is not 0 or 1, or
            ``learning_rate`` or ``max_epochs`` is out of range.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 2 or y.shape != (len(x),):
        raise ValueError(
            f"need x of shape (samples, features), y of shape (samples,); "
            f"got x {x.shape}, y {y.shape}"
        )
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(f"targets must be 0 or 1, got {np.unique(y)}")
    if not learning_rate > 0 or max_epochs < 1:
        rule = "need learning_rate > 0 and max_epochs >= 1"
        raise ValueError(f"{rule}, got {learning_rate} and {max_epochs}")
    w, b = np.zeros(x.shape[1]), 0.0
    errors = []
    for _ in range(max_epochs):
        mistakes = 0
        for xi, target in zip(x, y, strict=True):
            prediction = step(xi @ w + b)  # the unit's answer: 0 or 1
            correction = learning_rate * (target - prediction)  # 0 if right
            w = w + correction * xi
            b = b + correction
            mistakes += int(correction != 0)
        errors.append(mistakes)
        if mistakes == 0:  # a whole epoch without a mistake: converged
            break
    return w, b, errors


def dense_forward(
    x: ArrayLike,
    kernel: ArrayLike,
    bias: ArrayLike,
    activation: Callable | None = None,
) -> np.ndarray:
    """A dense layer's forward pass, ``activation(x @ kernel + bias)``.

    It computes the same as Keras' ``Dense`` layer.

    Args:
        x: A batch of inputs, shape ``(samples, inputs)``.
        kernel: Weights, shape ``(inputs, units)``: one column per unit.
        bias: Biases, shape ``(units,)``.
        activation: A function applied element by element, or None for none
            (the identity, Keras' "linear").

    Returns:
        The layer's outputs, shape ``(samples, units)``.

    Raises:
        ValueError: If the shapes do not fit together.
        TypeError: If ``activation`` is neither None nor callable.
    """
    x, kernel, bias = (np.asarray(a, dtype=float) for a in (x, kernel, bias))
    if x.ndim != 2 or kernel.ndim != 2 or x.shape[1] != kernel.shape[0]:
        raise ValueError(
            f"need x (samples, inputs) and kernel (inputs, units); "
            f"got x {x.shape}, kernel {kernel.shape}"
        )
    if bias.shape != (kernel.shape[1],):
        raise ValueError(
            f"need bias of shape ({kernel.shape[1]},), got {bias.shape}",
        )
    if activation is not None and not callable(activation):
        raise TypeError(
            f"activation must be a function or None, got {activation!r}",
        )
    z = x @ kernel + bias  # one weighted sum per sample and unit
    return z if activation is None else activation(z)
