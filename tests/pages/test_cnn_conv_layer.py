"""Claims the page "The convolutional layer" makes about its code.

The digits training (kernels.py) runs once, in the page's own blocks: its shown output
carries the accuracy, and nothing here trains it again.
"""

import re
from pathlib import Path

import keras
import numpy as np
import pytest
from shown import output_after
from snippet_runner import run_snippet


def test_one_value_by_hand(capsys):
    ns = run_snippet("snippets/cnn/conv-layer/anatomy.py")
    kernel, bias = ns["conv"].get_weights()
    assert kernel.shape == (3, 3, 3, 4) and bias.shape == (4,)
    assert ns["by_hand"] == pytest.approx(float(ns["maps"][0, 0, 0, 2]), abs=1e-5)


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("edges")
    ns = run_snippet("snippets/cnn/conv-layer/edges.py", tmp)
    assert (tmp / "edge_filters.png").stat().st_size < 120_000
    return ns


def test_the_photo_is_shrunk_by_block_means(edges):
    small, grey = edges["small"], edges["grey"]
    assert small.shape == (106, 160)
    assert small[0, 0] == pytest.approx(grey[:4, :4].mean())
    assert small[-1, -1] == pytest.approx(grey[420:424, 636:640].mean())


def test_each_filter_finds_edges_of_its_own_direction(edges):
    conv = edges["conv"]
    step = np.zeros((1, 10, 10, 1), "float32")
    step[:, :, :5] = 1.0  # bright left half: one vertical edge
    maps = keras.ops.convert_to_numpy(conv(step))[0]
    vertical, horizontal = maps[:, :, 0], maps[:, :, 1]
    # Brighter on the left gives positive values at the edge and zero elsewhere.
    assert vertical.max() == pytest.approx(4.0) and vertical.min() == 0.0
    assert np.count_nonzero(vertical.max(axis=0)) == 2  # the two columns that straddle it
    assert not horizontal.any()
    # The same step turned by 90 degrees: the roles swap.
    maps = keras.ops.convert_to_numpy(conv(np.swapaxes(step, 1, 2)))[0]
    assert not maps[:, :, 0].any() and maps[:, :, 1].max() == pytest.approx(4.0)


def test_numpy_convolution_and_flip(capsys):
    run_snippet("snippets/cnn/conv-layer/numpy_conv.py")
    out = capsys.readouterr().out
    assert out.count("equal to Keras: True") == 4
    assert "Conv2D = cross-correlation (correlate2d): True" in out
    assert "Conv2D = convolution (convolve2d): False" in out


def test_exercise_solutions(capsys):
    ns = run_snippet("snippets/cnn/conv-layer/exercises.py")
    for layer, (shape, params) in zip(ns["model"].layers, ns["by_hand"], strict=True):
        assert tuple(layer.output.shape[1:]) == shape
        assert layer.count_params() == params
    assert capsys.readouterr().out.count("True") == 3


def test_more_filters_validate_better():
    # Read from the page (the suite compared it with the run): no second training.
    shown = output_after(Path("docs/cnn/conv-layer.md"), "filters.py:sweep")
    row = r"Conv2D\( *(\d+), 3\): +([\d,]+) parameters, validation accuracy ([\d.]+)"
    rows = re.findall(row, shown)
    assert [int(f) for f, _, _ in rows] == [1, 4, 16]
    # Each filter adds 10 weights to the convolution and 90 to the output layer.
    assert [int(n.replace(",", "")) for _, n, _ in rows] == [10 + 100 * f for f in (1, 4, 16)]
    accuracy = [float(a) for _, _, a in rows]
    assert accuracy[0] < 0.8 < accuracy[1] < accuracy[2]
