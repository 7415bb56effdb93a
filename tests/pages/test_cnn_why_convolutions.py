"""Claims the page "Why convolutions" makes about its code."""

import re
from pathlib import Path

import keras
import numpy as np
import pytest
from application_models import unfilled_variables
from shown import output_after
from snippet_runner import run_snippet

from dlcourse.params import conv2d_params, dense_params


def test_counts_follow_the_formulas(capsys):
    ns = run_snippet("snippets/cnn/why-convolutions/counts.py")
    assert unfilled_variables() == 0  # nothing left for Keras to fill at the next build
    # The loops leave the 1024x1024 layers behind; the formulas give the same counts.
    assert ns["dense"].count_params() == dense_params(50 * 50, 48 * 48 * 32)
    assert ns["conv"].count_params() == conv2d_params(3, 1, 32) == 320
    assert ns["local"] == 48 * 48 * conv2d_params(3, 1, 32)
    out = capsys.readouterr().out
    assert f"{dense_params(1024 * 1024, 1000):,} parameters" in out
    assert f"{dense_params(50 * 50, 1000):,} parameters" in out


def test_stateless_scope_leaves_the_weights_unallocated_until_cleared():
    with keras.StatelessScope(initialize_variables=False):
        dense = keras.layers.Dense(1000)
        dense.build((None, 1024 * 1024))
    assert dense.count_params() == dense_params(1024 * 1024, 1000)
    assert dense.kernel._value is None  # shape only: the 4.2 GB were never allocated
    # ...but Keras still means to fill them when it next builds a model: the page's
    # clear_session() is what makes them go away.
    assert unfilled_variables() == 2
    keras.utils.clear_session()
    assert unfilled_variables() == 0


def test_keras_3_has_no_locally_connected_layer():
    assert not hasattr(keras.layers, "LocallyConnected2D")


@pytest.fixture(scope="module")
def shift(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shift")
    ns = run_snippet("snippets/cnn/why-convolutions/shift.py", tmp)
    assert (tmp / "shift_equivariance.png").is_file()
    return ns


def test_the_digit_stays_inside_the_canvas(shift):
    # The page's claim is exact only because nothing reaches the border.
    image, shifted = shift["image"], shift["shifted"]
    for canvas in (image, shifted):
        assert not canvas[0].any() and not canvas[-1].any()
        assert not canvas[:, 0].any() and not canvas[:, -1].any()
    assert shifted.sum() == pytest.approx(image.sum())


@pytest.mark.parametrize("offset", [(0, 1), (3, 0), (5, 6), (7, 9)])
def test_any_shift_that_stays_inside_moves_the_maps(shift, offset):
    image = shift["image"]
    moved = np.roll(image, offset, axis=(0, 1))
    batch = np.stack([image, moved])[..., None].astype("float32")
    maps = keras.ops.convert_to_numpy(shift["conv"](batch))
    assert np.allclose(np.roll(maps[0], offset, axis=(0, 1)), maps[1], atol=1e-6)
    # Global max pooling does not see the shift at all.
    assert np.allclose(maps[0].max(axis=(0, 1)), maps[1].max(axis=(0, 1)))


def test_near_the_border_the_maps_differ(shift):
    # Moved up against the top edge, the digit loses the patches that hung over it.
    image = shift["image"]
    moved = np.roll(image, (-2, 0), axis=(0, 1))
    maps = keras.ops.convert_to_numpy(shift["conv"](np.stack([image, moved])[..., None]))
    assert not np.allclose(np.roll(maps[0], (-2, 0), axis=(0, 1)), maps[1], atol=1e-6)


def test_exercise_solutions(capsys):
    ns = run_snippet("snippets/cnn/why-convolutions/exercises.py")
    assert unfilled_variables() == 0
    assert ns["dense"].count_params() == ns["by_hand_dense"] == dense_params(224 * 224 * 3, 1000)
    assert ns["conv"].count_params() == ns["by_hand_conv"] == conv2d_params(3, 3, 64)
    assert ns["depth"] == 3
    assert "after 3 layer(s) of 3x3: the pixel reaches a 7x7 area" in capsys.readouterr().out


PAGE = Path("docs/cnn/why-convolutions.md")


def test_dense_and_conv_models_reach_similar_accuracy():
    # Read from the page (the suite compared it with the run): no second training.
    shown = output_after(PAGE, "train.py:dense-vs-conv")
    rows = dict(re.findall(r"(\w+): [\d,]+ parameters, validation accuracy ([\d.]+)", shown))
    assert set(rows) == {"dense", "conv"}
    assert all(float(accuracy) >= 0.9 for accuracy in rows.values())
    assert abs(float(rows["dense"]) - float(rows["conv"])) <= 0.05
    # The prose's counts: the Conv2D layer's 80 weights, the Dense(32) layer's 2,080.
    assert conv2d_params(3, 1, 8) == 80
    assert dense_params(8 * 8, 32) == 2080
    assert dense_params(1024 * 1024, 32) == 33_554_464
    assert "2,410 parameters" in shown and "2,970 parameters" in shown
