"""dlcourse.params: the formulas agree with Keras and reject bad input with a clear message."""

import keras
import pytest

from dlcourse.params import conv2d_params, dense_params


@pytest.mark.parametrize(("inputs", "units"), [(1, 1), (64, 32), (2500, 1000)])
def test_dense_params_matches_keras(inputs, units):
    layer = keras.layers.Dense(units)
    layer.build((None, inputs))
    assert dense_params(inputs, units) == layer.count_params()


def test_dense_params_without_bias():
    layer = keras.layers.Dense(10, use_bias=False)
    layer.build((None, 64))
    assert dense_params(64, 10, bias=False) == layer.count_params() == 640


@pytest.mark.parametrize(
    ("kernel", "channels", "filters"), [(3, 1, 32), ((5, 3), 3, 8), (1, 16, 4)]
)
def test_conv2d_params_matches_keras_whatever_the_image_size(kernel, channels, filters):
    for side in (28, 224):
        layer = keras.layers.Conv2D(filters, kernel)
        layer.build((None, side, side, channels))
        assert conv2d_params(kernel, channels, filters) == layer.count_params()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: dense_params(0, 10), ValueError, "inputs must be at least 1, got 0"),
        (lambda: dense_params(64, -1), ValueError, "units must be at least 1, got -1"),
        (lambda: dense_params(64.0, 10), TypeError, "inputs must be an int, got float 64.0"),
        (lambda: dense_params(True, 10), TypeError, "inputs must be an int, got bool"),
        (lambda: conv2d_params((3, 3, 3), 1, 8), ValueError, "kernel_size must be an int or"),
        (lambda: conv2d_params(3, 0, 8), ValueError, "in_channels must be at least 1"),
        (lambda: conv2d_params("3", 1, 8), TypeError, "kernel height must be an int, got str"),
    ],
)
def test_bad_input_says_what_was_wrong(call, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(")):
        call()
