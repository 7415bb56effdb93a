"""Small image datasets that ship with a package, so examples run offline in seconds."""

from __future__ import annotations

import numpy as np


def load_digits_images(
    test_fraction: float = 0.25, *, seed: int = 0
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """scikit-learn's 8x8 handwritten digits, split the way Keras' dataset loaders return data.

    The 1,797 images ship inside scikit-learn, so nothing is downloaded. They are
    returned as ``(x_train, y_train), (x_test, y_test)``, the same pair of pairs as
    ``keras.datasets.mnist.load_data()``; unlike MNIST's 28x28 ``uint8`` images, these
    are float32 with pixels scaled to ``[0, 1]`` and a trailing channel axis.

    Args:
        test_fraction: Share of the images held out for testing, strictly between 0 and 1.
        seed: Seed for the shuffled, class-stratified split.

    Returns:
        ``x`` arrays of shape ``(n, 8, 8, 1)`` and dtype float32; ``y`` arrays of
            integer labels 0-9.

    Raises:
        ValueError: If ``test_fraction`` is not strictly between 0 and 1.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction}")
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = (digits.images / 16.0).astype("float32")[..., np.newaxis]
    x_train, x_test, y_train, y_test = train_test_split(
        images, digits.target, test_size=test_fraction, random_state=seed, stratify=digits.target
    )
    return (x_train, y_train), (x_test, y_test)
