"""Claims the page "The workflow of a deep-learning project" makes about its code.

The page's blocks train the network once and show its numbers, which the suite
compares exactly; these tests check the split, the preprocessing and the claims
around them without training again.
"""

import math
import re

import keras
import numpy as np
import pytest
from shown import output_after
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from snippet_runner import ROOT, run_snippet

SNIPPETS = "snippets/neural-networks/workflow"
PAGE = ROOT / "docs" / "neural-networks" / "workflow.md"


def _split():
    features, labels = load_breast_cancer(return_X_y=True)
    x_rest, x_test, y_rest, y_test = train_test_split(
        features, labels, test_size=0.2, stratify=labels, random_state=0
    )
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=0
    )
    return features, (x_train, y_train), (x_val, y_val), (x_test, y_test)


def test_three_disjoint_parts_cover_the_data():
    features, (x_train, _), (x_val, _), (x_test, _) = _split()
    assert (len(x_train), len(x_val), len(x_test)) == (341, 114, 114)
    rows = [tuple(row) for part in (x_train, x_val, x_test) for row in part]
    assert len(set(rows)) == len(features)  # no tumour in two parts, none left out


def test_feature_scales_differ_by_more_than_200000():
    means = load_breast_cancer().data.mean(axis=0)
    assert means.max() / means.min() > 200_000


def test_normalization_layer_learns_from_the_training_set_only():
    _, (x_train, _), _, (x_test, _) = _split()
    layer = keras.layers.Normalization()
    layer.adapt(x_train.astype("float32"))
    standardized = keras.ops.convert_to_numpy(layer(x_train.astype("float32")))
    np.testing.assert_allclose(standardized.mean(axis=0), 0, atol=1e-3)
    np.testing.assert_allclose(standardized.std(axis=0), 1, atol=1e-3)
    # The test set is transformed with the training statistics, so it is not exactly 0/1.
    test_means = keras.ops.convert_to_numpy(layer(x_test.astype("float32"))).mean(axis=0)
    assert np.abs(test_means).max() > 0.05
    assert layer.count_params() == 30 + 30 + 1


def test_parameter_count_on_the_page():
    assert 30 * 16 + 16 + 16 + 1 == 513
    model = keras.Sequential(
        [keras.Input(shape=(30,)), keras.layers.Dense(16), keras.layers.Dense(1)]
    )
    assert model.count_params() == 513


def test_save_refuses_other_extensions(tmp_path):
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="extension"):
        model.save(tmp_path / "model")
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        model.save_weights(tmp_path / "weights.h5")


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{SNIPPETS}/exercises.py")
    assert ns["matrix"].sum() == 114


def _numbers(marker):
    return [float(x) for x in re.findall(r"\d+\.\d+", output_after(PAGE, marker))]


def test_too_large_learning_rate_log_jumps_around():
    # Read from the log the page shows (compared with the run by the suite).
    shown = output_after(PAGE, "project.py:fast")
    losses = [float(x) for x in re.findall(r" loss: (\d+\.\d+)", shown)]
    val_losses = [float(x) for x in re.findall(r"val_loss: (\d+\.\d+)", shown)]
    assert losses[0] > 2 * math.log(2)  # far above a constant guess of 0.5
    steps = np.diff(val_losses)
    assert (steps > 0).any() and (steps < 0).any()  # up and down, not falling


def test_early_stopping_exercise_keeps_the_lowest_point():
    lowest, last, kept = _numbers("project.py:overfit")
    assert last > lowest + 0.02
    assert kept == pytest.approx(lowest, abs=0.01)
