"""Claims the page "Automatic differentiation" makes about its code."""

import math

import numpy as np
import pytest
import tensorflow as tf
from snippet_runner import run_snippet


@pytest.mark.parametrize("value", [-2.0, -0.5, 0.5, 1.0, 1.5, 3.0])
def test_tape_matches_the_chain_rule(value, capsys):
    f = run_snippet("snippets/tensorflow/autodiff/derivative.py")["f"]
    x = tf.Variable(value)
    with tf.GradientTape() as tape:
        y = f(x)
    assert float(tape.gradient(y, x)) == pytest.approx(2 * value * math.cos(value**2), abs=1e-4)


def test_printed_derivatives_agree(capsys):
    run_snippet("snippets/tensorflow/autodiff/derivative.py")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    for line in lines:
        tape, analytic = float(line.split()[4]), float(line.split()[6])
        assert tape == pytest.approx(analytic, abs=1e-5)


def test_watch_and_persistent_tapes(capsys):
    run_snippet("snippets/tensorflow/autodiff/watch.py")
    run_snippet("snippets/tensorflow/autodiff/persistent.py")
    out = capsys.readouterr().out
    # A constant is invisible to the tape until watched; then d(x^2)/dx at 3 is 6.
    assert "not watched: None\nwatched: tf.Tensor(6.0," in out
    assert "RuntimeError" in out and "dz/dx = 12.0" in out


def test_relu_gradient_at_zero_is_zero(capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/relu.py")
    assert ns["tape"].gradient(ns["relu"], ns["z"]).numpy().tolist() == [0.0, 0.0, 1.0]
    assert ns["tape"].gradient(ns["step"], ns["z"]) is None


def test_gradient_descent_recovers_the_line(capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/descent.py")
    # The hand-written loop ends at w = 3, b = 2 ...
    assert float(ns["w"]) == pytest.approx(3.0, abs=1e-3)
    assert float(ns["b"]) == pytest.approx(2.0, abs=1e-3)
    # ... and so does the Keras layer trained by the Keras optimizer.
    assert ns["kernel"][0, 0] == pytest.approx(3.0, abs=1e-3)
    assert ns["bias"][0] == pytest.approx(2.0, abs=1e-3)
    # The printed loss falls at every report.
    losses = [float(line.split()[3]) for line in capsys.readouterr().out.splitlines()[:6]]
    assert losses == sorted(losses, reverse=True) and losses[0] > 0.1


def test_exercise_solutions(tmp_path, capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/exercises.py", tmp_path)
    assert [float(ns[g]) for g in ("g_frozen", "g_float", "g_tf")] == [6.0] * 3
    # The three versions the exercise starts from give None, as it says.
    frozen, integer, x = tf.Variable(3.0, trainable=False), tf.constant(3), tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(integer)
        y_frozen, y_integer = frozen**2, integer**2
        y_numpy = tf.constant(np.square(x.numpy()))
    assert tape.gradient(y_frozen, frozen) is None
    assert tape.gradient(y_integer, integer) is None
    assert tape.gradient(y_numpy, x) is None
    assert ns["largest_gap"] < 1e-6
    assert float(ns["w"]) == pytest.approx(3.0, abs=0.01)
    assert float(ns["b"]) == pytest.approx(2.0, abs=0.01)


def test_figure_snippet_draws_the_three_derivatives(tmp_path, capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/activations_figure.py", tmp_path)
    assert (tmp_path / "autodiff-activations.png").is_file()
    lines = [line for line in ns["right"].get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in lines] == ["ReLU", "sigmoid", "tanh"]
    # matplotlib 3.9 keeps the tensors it was given; float() reads each one on every release.
    peaks = [float(max(line.get_ydata())) for line in lines]
    assert peaks == pytest.approx([1.0, 0.25, 1.0], abs=1e-3)


def test_jacobians_are_the_analytic_ones(capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/jacobian.py")
    assert "matches the analytic Jacobian: True" in capsys.readouterr().out
    # f at another point: rows (x1, x0), (cos x0, 0), (0, 2 x1).
    x0, x1 = -0.7, 2.5
    x = tf.Variable([x0, x1])
    with tf.GradientTape() as tape:
        y = ns["f"](x)
    analytic = [[x1, x0], [math.cos(x0), 0.0], [0.0, 2 * x1]]
    assert tape.jacobian(y, x).numpy().tolist() == [pytest.approx(r, abs=1e-6) for r in analytic]
    # The batch: d tanh(x w)_i / dx_j = (1 - y_i^2) w_ji for each example.
    y, w = ns["y"].numpy(), ns["w"].numpy()
    analytic = (1 - y**2)[:, :, None] * w.T[None, :, :]
    assert ns["per_example"].numpy() == pytest.approx(analytic, abs=1e-6)


def test_unconnected_variable_gets_none_and_the_optimizer_skips_it(capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/unconnected.py")
    w, b = ns["w"], ns["b"]
    with tf.GradientTape() as tape:
        loss = (3.0 * w) ** 2
    grads = tape.gradient(loss, [w, b])
    assert float(grads[0]) == pytest.approx(36.0) and grads[1] is None
    import keras

    with pytest.warns(UserWarning, match="Gradients do not exist for variables"):
        keras.optimizers.SGD(0.01).apply_gradients(zip(grads, [w, b], strict=True))
    assert float(b) == 1.0 and float(w) == pytest.approx(2.0 - 0.36)


def test_stopped_gradients(capsys):
    ns = run_snippet("snippets/tensorflow/autodiff/stopping.py")
    out = capsys.readouterr().out
    assert "gradients: 6.0 3.0" in out and "d(y_cubed)/dx: None" in out
    assert ns["straight"].numpy().tolist() == ns["rounded"].numpy().tolist() == [0.0, 2.0]
