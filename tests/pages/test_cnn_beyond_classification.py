"""Claims the page "Beyond classification" makes about its code and about what is installed."""

import importlib.util
import re

import numpy as np
import pytest
from keras.utils import bounding_boxes
from shown import output_after
from snippet_runner import ROOT

PAGE = ROOT / "docs" / "cnn" / "beyond-classification.md"


def test_keras_hub_and_keras_cv_are_not_needed():
    pins = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8")
    # The page says KerasHub and KerasCV are not installed, and that nothing here needs them.
    assert importlib.util.find_spec("keras_hub") is None
    assert importlib.util.find_spec("keras_cv") is None
    assert not re.search(r"^keras[-_](hub|cv)==", pins, flags=re.MULTILINE | re.IGNORECASE)


@pytest.mark.parametrize(
    ("a", "b", "iou"),
    [
        ([0, 0, 4, 4], [2, 2, 6, 6], 4 / 28),  # the page's 1/7
        ([1, 1, 5, 3], [3, 0, 6, 4], 4 / 16),  # exercise 2
        ([0, 0, 4, 4], [5, 5, 6, 6], 0.0),
    ],
)
def test_iou_is_intersection_over_union(a, b, iou):
    got = bounding_boxes.compute_iou(
        np.array([a], "float32"), np.array([b], "float32"), bounding_box_format="xyxy"
    )
    assert float(np.asarray(got)[0, 0]) == pytest.approx(iou, abs=1e-6)


def test_gram_matrix_ignores_positions():
    rng = np.random.default_rng(0)
    maps = rng.uniform(size=(64, 16))
    shuffled = maps[rng.permutation(64)]
    assert np.allclose(maps.T @ maps, shuffled.T @ shuffled)


def test_the_trained_network_finds_the_digit_far_better_than_a_guess():
    # Exercise 4, read from the page (the suite compared it with the run).
    shown = output_after(PAGE, "locate.py:locate")
    guess = float(re.search(r"average position: off by ([\d.]+) pixels", shown).group(1))
    trained = float(re.search(r"validation: +off by ([\d.]+) pixels", shown).group(1))
    assert trained <= 1.0 and guess >= 4 * trained  # "about half a pixel, five times closer"
