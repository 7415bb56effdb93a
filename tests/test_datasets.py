"""dlcourse.datasets: offline digits shaped like a Keras image dataset."""

import numpy as np
import pytest

from dlcourse.datasets import load_digits_images


def test_digits_look_like_a_keras_image_dataset():
    (x_train, y_train), (x_test, y_test) = load_digits_images()
    assert x_train.shape == (1347, 8, 8, 1) and x_test.shape == (450, 8, 8, 1)
    assert x_train.dtype == np.float32
    assert x_train.min() >= 0.0 and x_train.max() <= 1.0
    assert set(np.unique(y_train)) == set(range(10)) == set(np.unique(y_test))


def test_split_is_seeded_and_stratified():
    (a, ya), _ = load_digits_images(seed=3)
    (b, yb), _ = load_digits_images(seed=3)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ya, yb)
    # Stratified: every digit keeps roughly its 10 % share of the test set.
    _, (_, y_test) = load_digits_images(test_fraction=0.5)
    assert np.bincount(y_test).min() >= 85


@pytest.mark.parametrize("fraction", [0, 1, -0.1, 1.5])
def test_bad_fraction_is_refused(fraction):
    with pytest.raises(ValueError, match="test_fraction must be strictly between 0 and 1"):
        load_digits_images(test_fraction=fraction)
