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
from cheatsheet_backends import section_text
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


def test_cosine_schedule_counts_batches_and_ends_at_its_floor(capsys):
    _, (x_train, _), _, _ = _split()
    ns = {"x_train": x_train}
    cosine = section_text((ROOT / SNIPPETS / "project.py").read_text(), "cosine")
    exec(cosine, ns)  # builds the schedule; trains nothing
    schedule = ns["schedule"]
    assert ns["batches_per_epoch"] == 11  # 10 full batches of 32 and one of 21
    assert schedule.decay_steps == 20 * 11

    def rate(step, of=schedule):
        return float(of(step))

    assert rate(0) == pytest.approx(0.05)
    assert rate(110) == pytest.approx(0.025)  # halfway, half the initial rate
    floor = schedule.alpha * schedule.initial_learning_rate
    assert floor == 0
    assert rate(220) == pytest.approx(floor, abs=1e-7)
    assert rate(275) == pytest.approx(floor, abs=1e-7)  # stays at the floor after
    by_epoch = [rate(step) for step in range(0, 221, 11)]
    assert (np.diff(by_epoch) < 0).all()  # falls at every epoch
    # The optimizer asks the schedule: before any step its rate is the initial one.
    assert float(ns["optimizer"].learning_rate) == pytest.approx(0.05)
    # decay_steps given in epochs (20) would reach the floor within two epochs.
    in_epochs = keras.optimizers.schedules.CosineDecay(0.05, decay_steps=20)
    assert rate(2 * 11, in_epochs) == pytest.approx(0, abs=1e-7)


def test_plateau_callback_lowered_the_rate_and_the_loss_fell_further():
    # Read from the output the page shows (compared with the run by the suite).
    shown = output_after(PAGE, "project.py:plateau")
    rows = re.findall(
        r"epochs +(\d+) to +(\d+): learning rate (\S+) +lowest validation loss (\d+\.\d+)",
        shown,
    )
    assert len(rows) == 2, shown
    (start, end, rate, loss), (lower_start, lower_end, lower_rate, lower_loss) = rows
    assert (int(start), int(lower_start), int(lower_end)) == (1, int(end) + 1, 12)
    assert float(rate) == 0.05
    assert float(lower_rate) == pytest.approx(0.1 * 0.05)  # factor=0.1, once
    # The prose: the loss stopped improving after epoch 4, patience=2 epochs before
    # the rate was lowered, and the lower rate went below the earlier best.
    assert int(end) == 4 + 2
    assert float(lower_loss) < float(loss) - 0.002
    assert "stopped improving after four epochs; two epochs later" in PAGE.read_text()
