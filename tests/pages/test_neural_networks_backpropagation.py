"""Claims the page "Backpropagation" makes about its code."""

import keras
import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from snippet_runner import ROOT, run_snippet

PAGE = "snippets/neural-networks/backpropagation"


def test_hand_gradients_agree_with_tape_and_finite_differences(capsys):
    ns = run_snippet(f"{PAGE}/gradcheck.py")
    assert ns["largest_gap"](ns["by_hand"], ns["by_tape"]) < 1e-12
    assert ns["largest_gap"](ns["by_hand"], ns["by_differences"]) < 1e-8
    assert sum(value.size for value in ns["params"].values()) == 33
    # The page prints True for each comparison.
    assert capsys.readouterr().out.count("True") == 3


def _run_section(path: str, name: str) -> dict:
    """Run one named section of a snippet file (here: the training, without the figure,
    which the page's block draws and the suite compares byte for byte)."""
    text = (ROOT / path).read_text()
    code = text.split(f"# --8<-- [start:{name}]")[1].split(f"# --8<-- [end:{name}]")[0]
    namespace = {"__name__": "__main__"}
    exec(compile(code, path, "exec"), namespace)
    return namespace


def test_hand_written_training_reduces_the_loss(capsys):
    ns = _run_section(f"{PAGE}/train.py", "train")  # NumPy only: a fraction of a second
    losses = ns["epoch_losses"]
    assert len(ns["batch_losses"]) == 480 and len(losses) == 60
    assert losses[-1] < losses[0] / 2.5
    # The plateau the page describes: epochs 2 to 15 stay between 0.27 and 0.31.
    assert all(0.27 < loss < 0.31 for loss in losses[1:15])
    assert np.mean((ns["p"] >= 0.5) == ns["y"]) > 0.95


def test_a_straight_border_scores_what_the_page_says():
    x, y = make_moons(n_samples=256, noise=0.2, random_state=0)
    assert LogisticRegression().fit(x, y).score(x, y) == pytest.approx(0.87, abs=0.005)


def test_keras_fit_batches_by_32_by_default():
    # The page's "mini-batch of 32 instances": fit's default batch_size.
    batches = []
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    counter = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: batches.append(b))
    model.fit(np.zeros((70, 1)), np.zeros(70), epochs=1, verbose=0, callbacks=[counter])
    assert len(batches) == 3  # 32 + 32 + 6


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{PAGE}/exercises.py")
    assert ns["batch_size"] == 32 and ns["steps"] == 480
    out = capsys.readouterr().out
    assert "backward() agrees: True" in out
    xor_line = out.splitlines()[0]
    predictions = [float(v) for v in xor_line.split("[")[1].rstrip("]").split()]
    assert np.round(predictions).tolist() == [0, 1, 1, 0]
