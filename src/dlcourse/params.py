"""Count the trainable parameters of layers by formula, to compare dense and conv layers."""

from __future__ import annotations


# --8<-- [start:dense]
def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        kind = type(value).__name__
        raise TypeError(f"{name} must be an int, got {kind} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return value


def dense_params(inputs: int, units: int, *, bias: bool = True) -> int:
    """Parameters of a fully connected layer.

    One weight per input-unit pair, plus a bias per unit.

    Args:
        inputs: Number of input features (for an image,
            height x width x channels).
        units: Number of neurons in the layer.
        bias: Whether the layer has a bias vector, as ``keras.layers.Dense``
            does by default.

    Returns:
        ``inputs * units + units`` (or ``inputs * units`` without bias).

    Raises:
        TypeError: If a count is not an int.
        ValueError: If a count is below 1.
    """
    inputs = _positive_int("inputs", inputs)
    units = _positive_int("units", units)
    return inputs * units + (units if bias else 0)


# --8<-- [end:dense]


def conv2d_params(
    kernel_size: int | tuple[int, int], in_channels: int, filters: int, *, bias: bool = True
) -> int:
    """Parameters of a 2D convolution: one kernel per filter, whatever the image size.

    A ``Conv2D`` layer learns ``filters`` kernels of shape ``kh x kw x in_channels``
    plus one bias per filter. The image's height and width do not appear: the same
    kernel slides over every position.

    Args:
        kernel_size: ``k`` for a square ``k x k`` kernel, or ``(kh, kw)``.
        in_channels: Channels of the input (1 for grey, 3 for RGB).
        filters: Number of kernels, i.e. output channels.
        bias: Whether the layer has a bias per filter (the Keras default).

    Returns:
        ``kh * kw * in_channels * filters + filters`` (or without the bias term).

    Raises:
        TypeError: If a count is not an int.
        ValueError: If a count is below 1 or ``kernel_size`` is not one or two ints.
    """
    if isinstance(kernel_size, tuple):
        if len(kernel_size) != 2:
            raise ValueError(f"kernel_size must be an int or (height, width), got {kernel_size!r}")
        kh, kw = kernel_size
    else:
        kh = kw = kernel_size
    kh, kw = _positive_int("kernel height", kh), _positive_int("kernel width", kw)
    in_channels = _positive_int("in_channels", in_channels)
    filters = _positive_int("filters", filters)
    return kh * kw * in_channels * filters + (filters if bias else 0)
