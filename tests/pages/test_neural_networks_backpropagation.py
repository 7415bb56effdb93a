"""Claims the page "Backpropagation" makes about its code."""

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from snippet_runner import ROOT, run_snippet

from dlcourse import backprop

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


def test_the_short_functions_on_the_page_equal_dlcourse_backprop(capsys):
    ns = run_snippet(f"{PAGE}/network.py")
    x, y, params = ns["x"], ns["y"], ns["params"]
    p, cache = ns["forward"](params, x)
    p_lib, cache_lib = backprop.forward(params, x)
    np.testing.assert_array_equal(p, p_lib)
    assert ns["bce_loss"](cache["logits"], y) == backprop.bce_loss(cache_lib["logits"], y)
    taught, library = ns["backward"](params, cache, y), backprop.backward(params, cache_lib, y)
    for name in params:
        np.testing.assert_array_equal(taught[name], library[name])


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


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{PAGE}/exercises.py")
    assert ns["batch_size"] == 32 and ns["steps"] == 480
    out = capsys.readouterr().out
    assert "backward() agrees: True" in out
    xor_line = out.splitlines()[0]
    predictions = [float(v) for v in xor_line.split("[")[1].rstrip("]").split()]
    assert np.round(predictions).tolist() == [0, 1, 1, 0]
