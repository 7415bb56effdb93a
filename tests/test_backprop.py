"""dlcourse.backprop: hand-written gradients against GradientTape and finite differences."""

import numpy as np
import pytest
import tensorflow as tf

from dlcourse.backprop import (
    backward,
    bce_loss,
    forward,
    init_mlp,
    numerical_gradients,
    sigmoid,
)


def _batch(seed=0, n=16, features=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, features)), rng.integers(0, 2, size=n)


def test_init_mlp_shapes_and_glorot_range():
    params = init_mlp(3, 5, seed=1)
    assert {name: value.shape for name, value in params.items()} == {
        "W1": (3, 5),
        "b1": (5,),
        "W2": (5, 1),
        "b2": (1,),
    }
    assert np.abs(params["W1"]).max() <= np.sqrt(6 / 8)
    assert not params["b1"].any() and not params["b2"].any()
    np.testing.assert_array_equal(params["W1"], init_mlp(3, 5, seed=1)["W1"])


def test_sigmoid_is_the_logistic_function_and_never_overflows():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    with np.errstate(all="raise"):
        assert sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]


def test_loss_equals_the_probability_form():
    x, y = _batch()
    p, cache = forward(init_mlp(3, 4), x)
    by_probabilities = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert bce_loss(cache["logits"], y) == pytest.approx(by_probabilities, rel=1e-12)
    # The logits form stays finite where log(p) would be log(0).
    assert np.isfinite(bce_loss(np.array([800.0, -800.0]), np.array([0, 1])))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_gradient_tape(seed):
    x, y = _batch(seed)
    params = init_mlp(3, 4, seed=seed)
    params = {k: v + 0.1 for k, v in params.items()}  # non-zero biases too
    _, cache = forward(params, x)
    grads = backward(params, cache, y)
    variables = {name: tf.Variable(value) for name, value in params.items()}
    with tf.GradientTape() as tape:
        h = tf.tanh(x @ variables["W1"] + variables["b1"])
        logits = (h @ variables["W2"] + variables["b2"])[:, 0]
        loss = tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(labels=y.astype(float), logits=logits)
        )
    assert bce_loss(cache["logits"], y) == pytest.approx(float(loss), rel=1e-12)
    for name, tape_grad in tape.gradient(loss, variables).items():
        assert grads[name].shape == params[name].shape
        np.testing.assert_allclose(grads[name], tape_grad.numpy(), rtol=1e-10, atol=1e-14)


def test_gradients_match_finite_differences():
    x, y = _batch(3)
    params = init_mlp(3, 4, seed=3)
    _, cache = forward(params, x)
    grads = backward(params, cache, y)
    estimates = numerical_gradients(params, x, y)
    for name in params:
        np.testing.assert_allclose(grads[name], estimates[name], rtol=1e-5, atol=1e-9)
    # The estimate leaves the weights as they were.
    np.testing.assert_array_equal(params["W1"], init_mlp(3, 4, seed=3)["W1"])


def test_gradient_descent_reduces_the_loss():
    x, y = _batch(4, n=64)
    params = init_mlp(3, 6)
    losses = []
    for _ in range(100):
        _, cache = forward(params, x)
        losses.append(bce_loss(cache["logits"], y))
        grads = backward(params, cache, y)
        for name in params:
            params[name] -= 0.5 * grads[name]
    assert losses[-1] < 0.8 * losses[0]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: init_mlp(0, 4), ValueError, "n_inputs must be at least 1, got 0"),
        (lambda: init_mlp(2, 4.0), TypeError, "n_hidden must be an int, got float 4.0"),
        (
            lambda: forward(init_mlp(2, 4), np.ones((5, 3))),
            ValueError,
            r"x must have shape \(samples, 2\), got \(5, 3\)",
        ),
        (lambda: forward(init_mlp(2, 4), np.ones(2)), ValueError, r"got \(2,\)"),
        (
            lambda: bce_loss(np.zeros(4), np.zeros(3)),
            ValueError,
            r"y must have shape \(4,\), one target per sample; got \(3,\)",
        ),
        (
            lambda: backward(
                init_mlp(2, 4), forward(init_mlp(2, 4), np.ones((5, 2)))[1], np.ones((5, 1))
            ),
            ValueError,
            r"y must have shape \(5,\)",
        ),
        (
            lambda: numerical_gradients(init_mlp(2, 4), np.ones((5, 2)), np.ones(5), eps=0),
            ValueError,
            "eps must be above 0, got 0",
        ),
    ],
)
def test_bad_input_says_what_was_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()
