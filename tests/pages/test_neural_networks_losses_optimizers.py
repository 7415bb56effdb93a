"""Claims the page "Losses, optimizers and metrics" makes about its code.

The trained numbers (optimizer comparison, learning-rate sweep) are carried by the
outputs shown on the page, which the suite compares exactly; the tests here check the
formulas and claims behind them, cheaply.
"""

import math
import re

import keras
import numpy as np
import pytest
import tensorflow as tf
from shown import output_after
from snippet_runner import ROOT, run_snippet

SNIPPETS = "snippets/neural-networks/losses-optimizers"
PAGE = ROOT / "docs" / "neural-networks" / "losses-optimizers.md"


def test_regression_losses_match_their_formulas(capsys):
    ns = run_snippet(f"{SNIPPETS}/regression.py")
    errors = ns["predictions"] - ns["targets"]
    assert float(ns["mse"]) == pytest.approx(np.mean(errors**2))
    assert float(ns["mae"]) == pytest.approx(np.mean(np.abs(errors)))


def test_cross_entropy_forms_agree_and_a_plain_array_is_clipped_flat(capsys):
    ns = run_snippet(f"{SNIPPETS}/cross_entropy.py")
    # The two forms of cross-entropy agree with the formula.
    assert float(ns["sparse"]) == pytest.approx(float(ns["dense"]), abs=1e-6)
    assert float(ns["sparse"]) == pytest.approx(ns["by_hand"], abs=1e-6)
    # The output-layer rule: a softmax output gives the exact loss, as the logits do;
    # a plain array of the same probabilities is clipped at -log(epsilon), with no slope.
    assert keras.config.epsilon() == pytest.approx(1e-7)
    label, loss = ns["label"], ns["loss"]
    assert float(loss(label, ns["probabilities"])) == pytest.approx(200.0)
    assert float(ns["from_logits"](label, ns["logits"])) == pytest.approx(200.0)
    p = tf.Variable(ns["plain"])
    with tf.GradientTape() as tape:
        clipped = loss(label, p)
    assert float(clipped) == pytest.approx(-math.log(keras.config.epsilon()), rel=1e-4)
    assert np.all(tape.gradient(clipped, p).numpy() == 0)


def test_tensorflow_backend_recovers_logits_from_a_keras_softmax():
    # The page's note: on the TensorFlow backend, probabilities straight out of a Keras
    # softmax carry their logits, and the cross-entropy uses them.
    assert keras.config.backend() == "tensorflow"
    logits = tf.constant([[0.0, 200.0]])
    probabilities = keras.activations.softmax(logits)
    loss = keras.losses.SparseCategoricalCrossentropy()(np.array([0]), probabilities)
    assert float(loss) == pytest.approx(200.0)
    # The same probabilities as a plain array are clipped.
    loss = keras.losses.SparseCategoricalCrossentropy()(np.array([0]), probabilities.numpy())
    assert float(loss) == pytest.approx(-math.log(1e-7), rel=1e-4)


def test_adam_follows_the_formula_on_the_page():
    gradients = [np.array([1.0, -2.0]), np.array([0.5, 3.0]), np.array([-1.0, 0.1])]
    eta, beta_1, beta_2, eps = 0.1, 0.9, 0.999, 1e-7
    w = tf.Variable([0.0, 0.0])
    optimizer = keras.optimizers.Adam(learning_rate=eta)
    assert (optimizer.beta_1, optimizer.beta_2, optimizer.epsilon) == (beta_1, beta_2, eps)
    w_hand, m, s = np.zeros(2), np.zeros(2), np.zeros(2)
    for t, g in enumerate(gradients, start=1):
        optimizer.apply_gradients([(tf.constant(g, dtype="float32"), w)])
        m = beta_1 * m + (1 - beta_1) * g
        s = beta_2 * s + (1 - beta_2) * g**2
        w_hand -= eta * math.sqrt(1 - beta_2**t) / (1 - beta_1**t) * m / (np.sqrt(s) + eps)
        np.testing.assert_allclose(w.numpy(), w_hand, rtol=1e-5, atol=1e-6)


def test_sgd_diverges_exactly_above_two_over_the_largest_curvature():
    # The learning-rate section's rule, checked with NumPy gradient descent on the
    # page's problem (the page's own run shows 1.0 converging and 1.2 diverging).
    rng = np.random.default_rng(0)
    n = 200
    x = np.column_stack([rng.normal(size=n), 0.2 * rng.normal(size=n)])
    y = x @ np.array([2.0, -3.0]) + 0.1 * rng.normal(size=n)
    limit = 2 / np.linalg.eigvalsh(2 / n * x.T @ x)[-1]
    assert limit == pytest.approx(1.08, abs=0.005)

    def final_loss(rate):
        w = np.zeros(2)
        for _ in range(300):
            w -= rate * 2 / n * x.T @ (x @ w - y)
        return np.mean((x @ w - y) ** 2)

    assert final_loss(0.98 * limit) < 0.011
    assert final_loss(1.02 * limit) > 1e6


def test_metric_snippets(capsys):
    ns = run_snippet(f"{SNIPPETS}/metrics.py")
    assert ns["tape"].gradient(ns["accuracy"], ns["logits"]) is None
    assert float(ns["accuracy"]) == 0.75


def test_old_lr_argument_is_refused():
    # The page's "If you have seen SGD(lr=0.01)" note.
    with pytest.raises(ValueError, match="lr"):
        keras.optimizers.SGD(lr=0.01)


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{SNIPPETS}/exercises.py")
    np.testing.assert_allclose(ns["w_keras"].numpy(), ns["w_hand"], atol=1e-6)
    np.testing.assert_allclose(ns["from_keras"], ns["from_formula"], atol=1e-4)


def test_learning_rate_exercise_picks_the_middle_rate():
    # Read from the output the page shows (the suite compared it with the run).
    shown = output_after(PAGE, "lr_sweep.py:ex3")
    losses = {
        float(rate): float(loss)
        for rate, loss in re.findall(r"learning rate (\S+)\s+validation loss (\S+)", shown)
    }
    assert list(losses) == [0.01, 0.3, 10.0]
    assert losses[0.3] < 0.5 * min(losses[0.01], losses[10.0])
    assert "pick: 0.3" in shown
