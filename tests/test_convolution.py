"""dlcourse.convolution: equal to keras.layers.Conv2D, and clear about bad input."""

import keras
import numpy as np
import pytest

from dlcourse.convolution import conv2d, conv_output_size, correlate, same_padding


@pytest.mark.parametrize(
    ("kernel_size", "strides", "padding"),
    [
        (3, 1, "valid"),
        (3, 2, "same"),
        ((2, 3), (1, 2), "same"),
        ((3, 1), (2, 1), "valid"),
        (1, 3, "same"),
        (4, 2, "same"),
    ],
)
def test_conv2d_equals_keras_with_the_same_weights(kernel_size, strides, padding):
    rng = np.random.default_rng(0)
    images = rng.normal(size=(3, 7, 10, 2)).astype("float32")
    layer = keras.layers.Conv2D(5, kernel_size, strides=strides, padding=padding)
    layer.build(images.shape)
    kernel = rng.normal(size=layer.kernel.shape).astype("float32")
    bias = rng.normal(size=5).astype("float32")
    layer.set_weights([kernel, bias])
    expected = keras.ops.convert_to_numpy(layer(images))
    got = conv2d(images, kernel, bias, strides=strides, padding=padding)
    assert got.shape == expected.shape
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_without_bias_and_case_of_padding():
    images = np.ones((1, 4, 4, 1))
    kernel = np.ones((3, 3, 1, 1))
    out = conv2d(images, kernel, padding="SAME")
    # Zero padding: corners see 4 ones, edges 6, the middle 9.
    assert out[0, :, :, 0].tolist() == [[4, 6, 6, 4], [6, 9, 9, 6], [6, 9, 9, 6], [4, 6, 6, 4]]
    assert out.dtype == np.float64


def test_correlate_does_not_flip_the_kernel():
    image = np.zeros((1, 3, 3, 1))
    image[0, 1, 1, 0] = 1.0  # an impulse in the middle
    kernel = np.arange(9.0).reshape(3, 3, 1, 1)
    out = correlate(np.pad(image, [(0, 0), (1, 1), (1, 1), (0, 0)]), kernel, (1, 1))
    # Cross-correlating an impulse gives the kernel turned by 180 degrees.
    assert out[0, :, :, 0].tolist() == kernel[::-1, ::-1, 0, 0].tolist()


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_output_size_agrees_with_keras(padding):
    for kernel_size in (1, 2, 3, 5):
        for stride in (1, 2, 3):
            layer = keras.layers.Conv2D(1, kernel_size, strides=stride, padding=padding)
            for size in range(kernel_size if padding == "valid" else 1, 12):
                shape = layer.compute_output_shape((1, size, size, 1))
                assert conv_output_size(size, kernel_size, stride, padding) == shape[1]


def test_same_padding_gives_ceil_size_over_stride():
    for size in range(1, 12):
        for kernel_size in (1, 2, 3, 5):
            for stride in (1, 2, 3):
                before, after = same_padding(size, kernel_size, stride)
                assert after - before in (0, 1)
                padded = size + before + after
                assert (padded - kernel_size) // stride + 1 == -(-size // stride)


def test_odd_padding_goes_after():
    # 4 pixels, kernel 2, stride 1, "same": one zero, on the bottom/right, as in TensorFlow.
    assert same_padding(4, 2, 1) == (0, 1)
    assert same_padding(10, 3, 2) == (0, 1)
    assert same_padding(9, 3, 2) == (1, 1)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: conv_output_size(0, 3), ValueError, "size must be at least 1, got 0"),
        (lambda: conv_output_size(5, 3, 0), ValueError, "stride must be at least 1, got 0"),
        (lambda: conv_output_size(5, 3.0), TypeError, "kernel_size must be an int or a pair"),
        (lambda: conv_output_size(2, 3), ValueError, "kernel_size 3 is larger than the input"),
        (lambda: conv_output_size(5, 3, 1, "full"), ValueError, "padding must be 'valid' or"),
        (
            lambda: conv2d(np.zeros((4, 4, 1)), np.zeros((3, 3, 1, 1))),
            ValueError,
            r"images must have shape \(batch, height, width, channels\), got shape \(4, 4, 1\)",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1))),
            ValueError,
            "kernel must have shape",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 3)), np.zeros((3, 3, 1, 2))),
            ValueError,
            "images have 3 channels but the kernel expects 1",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1, 2)), np.zeros(3)),
            ValueError,
            r"bias must have shape \(2,\), one per filter, got \(3,\)",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 1)), np.zeros((5, 5, 1, 1))),
            ValueError,
            "kernel_size 5 is larger than the input",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1, 1)), strides=(1, 2, 3)),
            ValueError,
            "strides must be an int or a pair of ints",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1, 1)), strides="2"),
            TypeError,
            "strides must be an int or a pair of ints, got '2'",
        ),
        (
            lambda: conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1, 1)), padding=None),
            ValueError,
            "padding must be 'valid' or 'same', got None",
        ),
    ],
)
def test_bad_input_says_what_was_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()
