"""Claims the page "Activation functions" makes about its code."""

import itertools
import math
import re
from pathlib import Path

import keras
import numpy as np
import pytest
from shown import output_after
from snippet_runner import run_snippet

PAGE = "snippets/neural-networks/activations"
SHOWN = Path(__file__).resolve().parents[2] / "docs/neural-networks/activations.md"


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-20, 20, 4001)
    sigmoid_2z = 1 / (1 + np.exp(-2 * z))
    np.testing.assert_allclose(np.tanh(z), 2 * sigmoid_2z - 1, rtol=0, atol=1e-15)
    # In float32 with Keras' own functions as well.
    z32 = z.astype("float32")
    keras_tanh = keras.ops.convert_to_numpy(keras.activations.tanh(z32))
    keras_rhs = 2 * keras.ops.convert_to_numpy(keras.activations.sigmoid(2 * z32)) - 1
    np.testing.assert_allclose(keras_tanh, keras_rhs, rtol=0, atol=1e-6)


def test_keras_activations_are_the_formulas_in_the_table():
    z = np.linspace(-4, 4, 81)

    def keras_fn(name):
        return keras.ops.convert_to_numpy(getattr(keras.activations, name)(z))

    np.testing.assert_allclose(keras_fn("relu"), np.maximum(z, 0))
    np.testing.assert_allclose(keras_fn("leaky_relu"), np.where(z >= 0, z, 0.2 * z))
    np.testing.assert_allclose(keras_fn("elu"), np.where(z > 0, z, np.exp(z) - 1), atol=1e-7)
    gelu = np.array([v * 0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z])
    np.testing.assert_allclose(keras_fn("gelu"), gelu, atol=1e-6)
    tanh_form = 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))
    approximate = keras.activations.gelu(z, approximate=True)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(approximate), tanh_form, atol=1e-6)
    # GELU's lowest value, "about -0.17".
    fine = np.linspace(-3, 0, 30001)
    lowest = min(v * 0.5 * (1 + math.erf(v / math.sqrt(2))) for v in fine)
    assert lowest == pytest.approx(-0.17, abs=0.005)
    # The Leaky ReLU layer's default slope differs from the function's.
    assert keras.layers.LeakyReLU().negative_slope == pytest.approx(0.3)


def test_recurrent_cells_use_tanh_and_sigmoid_gates():
    lstm = keras.layers.LSTM(2)
    assert lstm.activation.__name__ == "tanh"
    assert lstm.recurrent_activation.__name__ == "sigmoid"
    assert keras.layers.Dense(2).activation.__name__ == "linear"


def test_exp_overflow_thresholds():
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(709.0)) and not np.isfinite(np.exp(710.0))
        assert np.isfinite(np.exp(np.float32(88.0)))
        assert not np.isfinite(np.exp(np.float32(89.0)))


def test_stable_softmax(capsys):
    ns = run_snippet(f"{PAGE}/softmax.py")
    logits = ns["logits"]
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(ns["naive_softmax"](logits)).all()
    stable = ns["softmax"](logits)
    assert stable.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(stable, ns["naive_softmax"](logits - 1000), rtol=1e-12)
    np.testing.assert_allclose(
        stable, keras.ops.convert_to_numpy(keras.activations.softmax(logits)), rtol=1e-6
    )


def test_two_linear_layers_are_one(capsys):
    ns = run_snippet(f"{PAGE}/linear.py")
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(ns["single"](ns["x"])), ns["stacked"], atol=1e-5
    )
    assert not np.allclose(keras.ops.convert_to_numpy(ns["single"](ns["x"])), ns["with_relu"])
    assert "f(g(x)):   [-9.  1. 21.]" in capsys.readouterr().out


def test_gradients_vanish_in_the_sigmoid_stack_not_in_the_relu_stack():
    # The suite checks that the table on the page is what the block printed in this run;
    # read its numbers back from the page instead of building the two stacks again.
    rows = [
        line.split()
        for line in SHOWN.read_text().splitlines()
        if re.fullmatch(r"\s+\d+\s+\S+e-\d\d\s+\S+e-\d\d", line)
    ]
    assert [int(row[0]) for row in rows] == list(range(1, 12))
    sigmoid = [float(row[1]) for row in rows]
    relu = [float(row[2]) for row in rows]
    ratios = [later / earlier for earlier, later in itertools.pairwise(sigmoid)]
    assert all(2 <= ratio <= 6 for ratio in ratios)  # "a factor of 2 to 6 at every layer"
    assert 1e-7 < sigmoid[0] / sigmoid[-1] < 1e-5  # "about a millionth"
    assert max(relu) / min(relu) < 3  # "a gradient of the same order"


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{PAGE}/exercises.py")
    np.testing.assert_allclose(ns["first_class"], ns["sigmoid"](ns["z"]))
    assert ns["tanh_norms"][0] > ns["tanh_norms"][-1]
    assert ns["dead"] > 0.5
    out = capsys.readouterr().out
    assert "bias +0: 0% of the units" in out


def test_relu_stack_trains_where_the_sigmoid_stack_does_not():
    # Read from the output the page shows (the suite compared it with the run).
    shown = output_after(SHOWN, "deep_fit.py:ex4")
    accuracy = dict(re.findall(r"(\w+)\s+validation accuracy (\d\.\d+)", shown))
    assert float(accuracy["sigmoid"]) < 0.15  # "no better than a guess among ten"
    assert float(accuracy["relu"]) > float(accuracy["sigmoid"]) + 0.5
