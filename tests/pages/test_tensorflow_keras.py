"""Claims the page "Keras in TensorFlow" makes about its code."""

import math
import re
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf
from shown import output_after
from snippet_runner import ROOT, run_snippet

from dlcourse.datasets import load_digits_images

PAGE = ROOT / "docs" / "tensorflow" / "keras.md"


def test_tf_keras_shares_classes_with_keras():
    # The page says the classes are the same objects, but the modules are not.
    assert tf.keras.Sequential is keras.Sequential
    assert tf.keras.Model is keras.Model
    assert tf.keras.layers.Dense is keras.layers.Dense
    assert tf.keras is not keras
    assert keras.__version__.startswith("3.")


def _shown_workflow_output() -> str:
    """The outputs the page shows under the first model's blocks (the suite compares
    each with what its block printed, so reading them here reads the run without
    training the model a second time)."""
    steps = ("load", "define", "fit", "evaluate", "predict", "save")
    return "\n".join(
        output_after(PAGE, f"snippets/tensorflow/keras/workflow.py:{step}") for step in steps
    )


def test_workflow_learns_the_digits():
    (x_train, y_train), (x_test, y_test) = load_digits_images()
    assert x_train.shape == (1347, 8, 8, 1) and x_test.shape == (450, 8, 8, 1)
    assert y_train.shape == (1347,) and y_test.shape == (450,)
    out = _shown_workflow_output()
    params = int(re.search(r"^([\d,]+) parameters$", out, re.M).group(1).replace(",", ""))
    assert params == (3 * 3 * 1 * 8 + 8) + (3 * 3 * 8 * 10 + 10)
    assert "epochs run: 10" in out
    # The model does far better than chance (0.10) on the test images.
    assert float(re.search(r"test accuracy: ([\d.]+)", out).group(1)) > 0.85
    assert float(re.search(r"validation accuracy ([\d.]+)", out).group(1)) > 0.85


def test_predictions_are_digits_for_the_first_test_images():
    (_, _), (_, y_test) = load_digits_images()
    out = _shown_workflow_output()
    predicted = re.search(r"predicted: \[([\d ]+)\]", out).group(1).split()
    true = re.search(r"true: +\[([\d ]+)\]", out).group(1).split()
    assert [int(d) for d in true] == y_test[:8].tolist()
    assert sum(p == t for p, t in zip(predicted, true, strict=True)) >= 6
    assert "first row sums to 1.00" in out  # softmax output


def test_reloaded_model_is_the_same_model():
    out = _shown_workflow_output()
    assert "reloaded: digits_cnn | same predictions: True" in out
    # 10 epochs over the 1,213 training images left after validation_split=0.1 (Keras
    # rounds the training part up), in batches of 32: the optimizer state was saved.
    steps = 10 * math.ceil(math.ceil(1347 * 0.9) / 32)
    assert f"optimizer steps: {steps} | reloaded: {steps}" in out


def test_savedmodel_export_reloads_with_same_predictions(tmp_path):
    ns = run_snippet("snippets/tensorflow/keras/export.py", tmp_path)
    assert (tmp_path / "my_model" / "1" / "saved_model.pb").is_file()
    assert "serving_default" in ns["reloaded"].signatures
    x = ns["x"]
    np.testing.assert_allclose(ns["reloaded"].serve(x).numpy(), ns["model"](x).numpy(), rtol=1e-6)


def _layer_summary(model):
    return [(layer.name, type(layer).__name__, layer.count_params()) for layer in model.layers]


def test_three_ways_build_the_same_network(capsys):
    sequential = run_snippet("snippets/tensorflow/keras/sequential.py")["model"]
    functional = run_snippet("snippets/tensorflow/keras/functional.py")["model"]
    subclassed = run_snippet("snippets/tensorflow/keras/subclassing.py")["model"]
    expected = [
        ("conv", "Conv2D", 80),
        ("pool", "MaxPooling2D", 0),
        ("flatten", "Flatten", 0),
        ("digit", "Dense", 730),
    ]
    assert _layer_summary(sequential) == expected
    # A Functional model lists its Input as a layer.
    assert _layer_summary(functional) == [("pixels", "InputLayer", 0), *expected]
    assert _layer_summary(subclassed) == expected
    # The same input gives outputs of the same shape from all three.
    x = keras.ops.zeros((2, 8, 8, 1))
    for model in (sequential, functional, subclassed):
        assert tuple(model(x).shape) == (2, 10)


def test_summaries_do_not_depend_on_what_ran_before(capsys):
    # Explicit names keep the printed summaries identical however many layers
    # the process has made already.
    run_snippet("snippets/tensorflow/keras/functional.py")
    first = capsys.readouterr().out
    keras.layers.Dense(3)  # bump Keras' automatic name counters
    run_snippet("snippets/tensorflow/keras/functional.py")
    assert capsys.readouterr().out == first


def _section(name: str) -> str:
    text = (ROOT / "snippets" / "tensorflow" / "keras" / "exercises.py").read_text("utf-8")
    return text.split(f"# --8<-- [start:{name}]\n")[1].split(f"# --8<-- [end:{name}]")[0]


def test_exercise_solutions(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    ns = {}
    exec(_section("ex1"), ns)
    assert ns["wider"].count_params() == ns["by_hand"] == 2746
    exec(_section("ex2"), ns)
    np.testing.assert_allclose(ns["copy"].predict(ns["images"], verbose=0), ns["expected"])
    assert (tmp_path / "digits_cnn.weights.h5").is_file()
    # The solution's remark: a model with other layer shapes refuses the weights file.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError):
            ns["wider"].load_weights("digits_cnn.weights.h5")
    # Exercise 3 trains the saved model further; the page shows the step counts, which
    # the suite compares with what the solution printed (no second training here).
    out = output_after(PAGE, "snippets/tensorflow/keras/exercises.py:ex3")
    per_epoch = math.ceil(math.ceil(1347 * 0.9) / 32)
    assert per_epoch == 38 and f"steps in one epoch: {per_epoch}" in out
    before = 10 * per_epoch  # where the page's fit step stopped
    assert f"optimizer steps before: {before} | after: {before + per_epoch}" in out
