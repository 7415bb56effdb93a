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


def _section(name):
    return section_text((ROOT / SNIPPETS / "project.py").read_text(), name)


def _rate(section):
    """The one learning rate a section of the program sets."""
    (rate,) = re.findall(r"(?:learning_rate=|fresh_model\()([\d.]+)", _section(section))
    return float(rate)


def test_learning_rate_ratios_in_the_prose_match_the_code():
    step6, slow, fast = _rate("compile"), _rate("log"), _rate("fast")
    text = PAGE.read_text()
    assert f"{round(step6 / slow)} times smaller than\nstep 6's" in text
    assert f"{round(fast / step6)} times larger than step 6's" in text
    assert 0.05 / step6 == 2.5 and "two and a half times the\nrate of [step 6]" in text


def test_early_stopping_ended_patience_epochs_after_the_best():
    shown = output_after(PAGE, "project.py:fit")
    stopped, best = map(int, re.search(r"after epoch (\d+);.* at epoch (\d+)", shown).groups())
    patience = int(re.search(r"patience=(\d+)", _section("fit")).group(1))
    assert stopped - best == patience == 3 and stopped < 100  # early stopping decided
    assert "three epochs before training stopped" in PAGE.read_text()


def test_baseline_comparison_in_the_prose_matches_the_table():
    shown = output_after(PAGE, "project.py:evaluate")
    rows = dict(
        (name, [float(x) for x in numbers.split()])
        for name, numbers in re.findall(r"^(\S.*?) {2,}([\d. ]+)$", shown, re.M)
    )
    (always,) = rows["always benign"]
    (lr_accuracy, lr_loss), (net_accuracy, net_loss) = rows["logistic regression"], rows["network"]
    assert round(always * 114) == 72  # the benign share of the test set
    assert (round(lr_accuracy * 114), round(net_accuracy * 114)) == (111, 110)
    assert lr_loss < net_loss  # the prose: the logistic regression has the lower cross-entropy
    text = PAGE.read_text()
    assert "gets 111 of the 114 tumours right (0.974) and the network 110 (0.965)" in text
    assert "(test accuracy 0.974 against 0.965)" in text


def test_too_small_learning_rate_log_barely_moves():
    # Read from the log the page shows (compared with the run by the suite).
    shown = output_after(PAGE, "project.py:log")
    losses = [float(x) for x in re.findall(r" loss: (\d+\.\d+)", shown)]
    val_losses = [float(x) for x in re.findall(r"val_loss: (\d+\.\d+)", shown)]
    assert len(losses) == len(val_losses) == 4
    assert (np.diff(losses) < 0).all() and (np.diff(val_losses) < 0).all()  # both fall
    # but barely: still worse than a constant guess of 0.5 (log 2) after four epochs
    assert losses[-1] > 0.9 * losses[0] and losses[-1] > math.log(2)


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
    assert (int(start), int(lower_start), int(lower_end)) == (1, int(end) + 1, 10)
    assert float(rate) == 0.05
    assert float(lower_rate) == pytest.approx(0.1 * 0.05)  # factor=0.1, once
    # The prose: the loss stopped improving after epoch 4, patience=2 epochs before
    # the rate was lowered, and the lower rate went below the earlier best.
    assert int(end) == 4 + 2
    assert float(lower_loss) < float(loss) - 0.002
    assert "stopped improving after four epochs; two epochs later" in PAGE.read_text()
