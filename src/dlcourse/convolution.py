"""A 2D convolution layer's forward pass in NumPy, laid out the way Keras lays it out.

Images are ``(batch, height, width, channels)`` ("channels last", the Keras default)
and kernels ``(kernel_height, kernel_width, in_channels, filters)``, the shape of a
``keras.layers.Conv2D`` layer's ``kernel``, so the weights of a Keras layer can be
passed straight in. Like Keras (and every deep-learning library), this computes a
*cross-correlation*: the kernel is not flipped.
"""

from __future__ import annotations

import numpy as np
from numpy import ndarray
from numpy.lib.stride_tricks import sliding_window_view

PADDINGS = ("valid", "same")


def _pair(name: str, value: object) -> tuple[int, int]:
    pair = value if isinstance(value, tuple) else (value, value)
    if len(pair) != 2:
        raise ValueError(f"{name} must be an int or a pair of ints, got {value!r}")
    for v in pair:
        if isinstance(v, bool) or not isinstance(v, int | np.integer):
            raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
        if v < 1:
            raise ValueError(f"{name} must be at least 1, got {value!r}")
    return int(pair[0]), int(pair[1])


def _padding(padding: object) -> str:
    if not isinstance(padding, str) or padding.lower() not in PADDINGS:
        raise ValueError(f"padding must be 'valid' or 'same', got {padding!r}")
    return padding.lower()


def conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: str = "valid") -> int:
    """Length of a convolution's output along one axis.

    With ``"valid"`` padding the kernel only visits positions where it fits inside the
    input: ``floor((size - kernel_size) / stride) + 1``. With ``"same"`` padding the
    input is padded with zeros so that the output has ``ceil(size / stride)``
    positions, whatever the kernel size (``size`` itself when the stride is 1).

    Args:
        size: Input length along the axis (height or width), at least 1.
        kernel_size: Kernel length along the same axis, at least 1.
        stride: Step between two positions of the kernel, at least 1.
        padding: ``"valid"`` or ``"same"``, as in ``keras.layers.Conv2D``.

    Returns:
        The number of output positions along the axis.

    Raises:
        TypeError: If a length is not an int.
        ValueError: If a length is below 1, the padding is unknown, or the kernel is
            longer than the input with ``"valid"`` padding.
    """
    (size, _), (kernel_size, _) = _pair("size", size), _pair("kernel_size", kernel_size)
    stride, _ = _pair("stride", stride)
    padding = _padding(padding)
    if padding == "same":
        return -(-size // stride)
    if kernel_size > size:
        raise ValueError(
            f"kernel_size {kernel_size} is larger than the input ({size}) with 'valid' padding"
        )
    return (size - kernel_size) // stride + 1


def same_padding(size: int, kernel_size: int, stride: int = 1) -> tuple[int, int]:
    """Zeros added before and after the input along one axis by ``"same"`` padding.

    The total is what the kernel needs to make ``ceil(size / stride)`` steps; when it
    is odd, the extra zero goes after (at the bottom or right), as TensorFlow does.

    Args:
        size: Input length along the axis.
        kernel_size: Kernel length along the axis.
        stride: Step between two positions of the kernel.

    Returns:
        ``(before, after)``.

    Raises:
        TypeError: If a length is not an int.
        ValueError: If a length is below 1.
    """
    out = conv_output_size(size, kernel_size, stride, "same")
    total = max((out - 1) * stride + kernel_size - size, 0)
    return total // 2, total - total // 2


# --8<-- [start:correlate]
def correlate(
    images: ndarray,
    kernel: ndarray,
    strides: tuple[int, int],
) -> ndarray:
    """Slide ``kernel`` over padded ``images``: the core of :func:`conv2d`.

    Args:
        images: Array of shape ``(batch, height, width, in_channels)``.
        kernel: Array of shape
            ``(kernel_height, kernel_width, in_channels, filters)``.
        strides: ``(step_down, step_right)``.

    Returns:
        Array of shape ``(batch, out_height, out_width, filters)``;
            no bias added.
    """
    kh, kw = kernel.shape[:2]
    # Every kh x kw patch: shape (batch, out_h, out_w, in_channels, kh, kw).
    patches = sliding_window_view(images, (kh, kw), axis=(1, 2))
    patches = patches[:, :: strides[0], :: strides[1]]
    # Each output value: sum of patch * kernel over the patch's rows,
    # columns and channels.
    return np.einsum("bhwcij,ijcf->bhwf", patches, kernel)


# --8<-- [end:correlate]


def conv2d(
    images: ndarray,
    kernel: ndarray,
    bias: ndarray | None = None,
    *,
    strides: int | tuple[int, int] = 1,
    padding: str = "valid",
) -> ndarray:
    """The output of ``keras.layers.Conv2D`` (without activation), computed in NumPy.

    Each output value is a bias plus the sum, over the kernel's rows, columns and
    input channels, of kernel weight times the input value under it:
    ``out[b, i, j, f] = bias[f] + sum(images[b, i*sh + u, j*sw + v, c] * kernel[u, v, c, f])``
    over ``u, v, c``, after zero padding for ``"same"``.

    Args:
        images: Array of shape ``(batch, height, width, in_channels)``.
        kernel: Array of shape ``(kernel_height, kernel_width, in_channels, filters)``,
            the layout of ``Conv2D.kernel``.
        bias: Optional array of shape ``(filters,)``.
        strides: Step of the kernel, an int or ``(step_down, step_right)``.
        padding: ``"valid"`` (no padding) or ``"same"`` (zeros around the input so
            that the output has ``ceil(size / stride)`` rows and columns).

    Returns:
        Array of shape ``(batch, out_height, out_width, filters)`` whose dtype is that of
            the inputs (at least float32).

    Raises:
        ValueError: If a shape does not fit the layout above, the channels of the
            images and the kernel differ, the padding is unknown, or the kernel does not
            fit in the images with ``"valid"`` padding.
        TypeError: If ``strides`` is not an int or a pair of ints.
    """
    images, kernel = np.asarray(images), np.asarray(kernel)
    if images.ndim != 4:
        raise ValueError(
            f"images must have shape (batch, height, width, channels), got shape {images.shape}"
        )
    if kernel.ndim != 4:
        raise ValueError(
            "kernel must have shape (kernel_height, kernel_width, in_channels, filters), "
            f"got shape {kernel.shape}"
        )
    if images.shape[3] != kernel.shape[2]:
        raise ValueError(
            f"images have {images.shape[3]} channels but the kernel expects {kernel.shape[2]}"
        )
    if bias is not None:
        bias = np.asarray(bias)
        if bias.shape != (kernel.shape[3],):
            raise ValueError(
                f"bias must have shape ({kernel.shape[3]},), one per filter, got {bias.shape}"
            )
    strides = _pair("strides", strides)
    padding = _padding(padding)
    axes = list(zip(images.shape[1:3], kernel.shape[:2], strides, strict=True))
    for size, kernel_size, stride in axes:
        conv_output_size(size, kernel_size, stride, padding)  # raises if the kernel does not fit
    if padding == "same":
        pads = [same_padding(size, kernel_size, stride) for size, kernel_size, stride in axes]
        images = np.pad(images, [(0, 0), *pads, (0, 0)])
    dtype = np.result_type(images, kernel, np.float32)
    out = correlate(images.astype(dtype), kernel.astype(dtype), strides)
    if bias is not None:
        out = out + bias.astype(dtype)
    return out
