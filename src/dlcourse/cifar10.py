"""CIFAR-10 in its real on-disk format, and a small stand-in in that format for offline runs.

``keras.datasets.cifar10.load_data()`` downloads the official tarball (about 170 MB)
and reads the folder ``cifar-10-batches-py/`` inside it: five training batches
``data_batch_1`` ... ``data_batch_5``, one ``test_batch`` and ``batches.meta``. Each
batch is a Python pickle of a dict with byte-string keys: ``b"data"``, a ``uint8``
array with one row of 3,072 values per image (the 1,024 red values, then green, then
blue, each row by row), and ``b"labels"``, a list of integers 0-9.

``load_batches`` reads such a folder, checking every file before it returns
anything. ``write_fixture`` writes a small folder in exactly that format, whose
images are *made up*: each class has its own colour, plus noise, so that a model
that learns can tell the classes apart and one that does not stays near chance.
Accuracy on the fixture says nothing about accuracy on CIFAR-10.

``load_data`` is what the assignment notebooks call: it returns CIFAR-10, as
``keras.datasets.cifar10.load_data()`` does, unless the environment variable
``DLCOURSE_CIFAR10`` (``ENV_VAR``) is ``fixture``; then it returns the stand-in
(``load_fixture``). The site's tests set it, as they run offline; a learner leaves it
unset. Either way it prints one line that says which data it returned, and
``data_name`` gives a short label ("CIFAR-10" or "STAND-IN") to print beside results.
This module needs only NumPy (and Keras, to download CIFAR-10).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

import numpy as np

ENV_VAR = "DLCOURSE_CIFAR10"
"""Set it to ``fixture`` to use the made-up stand-in instead of downloading CIFAR-10."""

CLASS_NAMES = (
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
)
"""The ten labels, in the order of ``batches.meta`` (label 0 is ``airplane``)."""

TRAIN_FILES = tuple(f"data_batch_{i}" for i in range(1, 6))
TEST_FILE = "test_batch"
META_FILE = "batches.meta"
IMAGE_SHAPE = (32, 32, 3)
STAND_IN_PER_BATCH = 50
"""Images per batch of the stand-in that ``load_data`` and the grader use: 250 training
and 50 test images, so that a notebook's real number of epochs runs in seconds."""
_ROW = 32 * 32 * 3

# Only what a pickled NumPy array needs: a CIFAR-10 file holds nothing else, and a
# pickle that asks for anything more (os.system, eval, ...) is refused, not run.
_ALLOWED_GLOBALS = frozenset(
    {
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
    }
)

# One colour per class for the fixture (RGB, 0-255), far enough apart to be learnable.
_FIXTURE_COLOURS = np.array(
    [
        [230, 40, 40],
        [40, 200, 40],
        [40, 60, 230],
        [230, 220, 40],
        [200, 40, 220],
        [40, 210, 220],
        [240, 140, 30],
        [130, 70, 30],
        [150, 150, 150],
        [30, 30, 30],
    ],
    dtype=np.float32,
)


class CIFAR10FormatError(ValueError):
    """A file in a CIFAR-10 folder is not what the official batches hold (truncated,
    corrupt, or another kind of file); the message names the file and what is wrong."""


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(
            f"it asks for {module}.{name}, which a CIFAR-10 file never does"
        )


def _folder(directory: object) -> Path:
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            f"directory must be a path (str or pathlib.Path), got {type(directory).__name__}"
        )
    return Path(directory)


def _read(path: Path) -> dict:
    """Unpickle one file and return its dict with str keys, or raise naming the file."""
    try:
        with path.open("rb") as f:
            # The official files were written by Python 2: byte strings stay bytes.
            content = _Unpickler(f, encoding="bytes").load()
    except EOFError:
        raise CIFAR10FormatError(
            f"{path}: the file ends too early (empty or truncated); download CIFAR-10 again"
        ) from None
    except (pickle.UnpicklingError, ValueError, TypeError, AttributeError, IndexError) as err:
        problem = "it ends too early (truncated)" if "truncated" in str(err) else err
        raise CIFAR10FormatError(
            f"{path}: not a CIFAR-10 batch file (a Python pickle): {problem}"
        ) from None
    if not isinstance(content, dict):
        raise CIFAR10FormatError(
            f"{path}: holds a {type(content).__name__}, not the dict a CIFAR-10 file holds"
        )
    return {k.decode("utf-8") if isinstance(k, bytes) else str(k): v for k, v in content.items()}


def _read_batch(path: Path) -> tuple[np.ndarray, np.ndarray]:
    batch = _read(path)
    missing = [key for key in ("data", "labels") if key not in batch]
    if missing:
        raise CIFAR10FormatError(
            f"{path}: has no {' or '.join(repr(k) for k in missing)} entry "
            f"(it has {sorted(batch)}); is it a CIFAR-10 batch?"
        )
    data = batch["data"]
    if not isinstance(data, np.ndarray) or data.dtype != np.uint8 or data.ndim != 2:
        described = (
            f"a {data.dtype} array of shape {data.shape}"
            if isinstance(data, np.ndarray)
            else type(data).__name__
        )
        raise CIFAR10FormatError(f"{path}: 'data' is {described}, not a 2-D uint8 array")
    if data.shape[1] != _ROW or data.shape[0] == 0:
        raise CIFAR10FormatError(
            f"{path}: 'data' has shape {data.shape}; expected one row of {_ROW} values "
            "(32 x 32 pixels x 3 colours) per image, and at least one image"
        )
    try:
        labels = np.asarray(batch["labels"], dtype=np.int64).reshape(-1)
    except (TypeError, ValueError):
        raise CIFAR10FormatError(f"{path}: 'labels' is not a list of integers") from None
    if len(labels) != len(data):
        raise CIFAR10FormatError(
            f"{path}: {len(labels)} labels for {len(data)} images; the file is inconsistent"
        )
    bad = labels[(labels < 0) | (labels > 9)]
    if bad.size:
        raise CIFAR10FormatError(f"{path}: label {bad[0]} is outside 0-9")
    return data, labels.astype(np.uint8)


def _check_meta(path: Path) -> None:
    meta = _read(path)
    names = meta.get("label_names")
    if not isinstance(names, list) or len(names) != len(CLASS_NAMES):
        raise CIFAR10FormatError(
            f"{path}: expected 'label_names', a list of {len(CLASS_NAMES)} class names; "
            f"got {names!r:.80}"
        )


def _images(rows: list[np.ndarray]) -> np.ndarray:
    # Each row is 1,024 red, 1,024 green, 1,024 blue values: to (n, 32, 32, 3).
    return np.concatenate(rows).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)


def load_batches(
    directory: str | os.PathLike,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Read a CIFAR-10 folder in the official python format (``cifar-10-batches-py/``).

    Returns the same arrays as ``keras.datasets.cifar10.load_data()``, whatever the
    number of images per batch. Every file is checked before anything is returned, so
    a bad file never leaves a half-loaded dataset.

    Args:
        directory: The folder holding ``data_batch_1`` ... ``data_batch_5``,
            ``test_batch`` and ``batches.meta``.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: ``x`` arrays of shape
            ``(n, 32, 32, 3)`` and ``y`` arrays of shape ``(n, 1)``, all ``uint8``.

    Raises:
        TypeError: If ``directory`` is not a path.
        FileNotFoundError: If the folder, or any of the seven files, is missing
            (the message lists every missing file).
        CIFAR10FormatError: If a file is truncated, corrupt, or not a CIFAR-10
            batch (a ``ValueError``; the message names the file and the problem).
    """
    folder = _folder(directory)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (expected cifar-10-batches-py/)")
    names = [*TRAIN_FILES, TEST_FILE, META_FILE]
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{folder}: missing {', '.join(missing)}. A CIFAR-10 folder holds "
            f"{', '.join(names)}, as cifar-10-batches-py/ in the official tarball does"
        )
    _check_meta(folder / META_FILE)
    train = [_read_batch(folder / name) for name in TRAIN_FILES]
    x_test, y_test = _read_batch(folder / TEST_FILE)
    x_train = _images([x for x, _ in train])
    y_train = np.concatenate([y for _, y in train]).reshape(-1, 1)
    return (x_train, y_train), (_images([x_test]), y_test.reshape(-1, 1))


def fixture_images(n: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Made-up images in CIFAR-10's shape: each class has its own colour, plus blocky noise.

    The classes are balanced (as in CIFAR-10) and shuffled. A model that learns tells
    them apart within a few dozen steps; one that does not stays near chance (10 %).

    Args:
        n: Number of images, at least 1.
        seed: Seed for the labels and the noise (the class colours are fixed).

    Returns:
        ``x`` of shape ``(n, 32, 32, 3)`` and ``y`` of shape ``(n,)``, both ``uint8``.

    Raises:
        TypeError: If ``n`` or ``seed`` is not an int.
        ValueError: If ``n`` is below 1.
    """
    for name, value in (("n", n), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 10).astype(np.uint8)
    brightness = rng.uniform(0.6, 1.0, size=(n, 1, 1, 1)).astype(np.float32)
    # Noise in 4x4-pixel blocks: as learnable as pixel noise, and figures of it stay small.
    noise = rng.normal(0.0, 40.0, size=(n, 8, 8, 3)).astype(np.float32)
    noise = noise.repeat(4, axis=1).repeat(4, axis=2)
    colour = _FIXTURE_COLOURS[labels][:, None, None, :]
    images = np.clip(colour * brightness + noise, 0, 255).round().astype(np.uint8)
    return images, labels


def _pickle(path: Path, content: dict) -> None:
    # Protocol 3: the oldest that stores byte strings as bytes (protocol 2, which the
    # official Python 2 files use, needs codecs.encode for them in Python 3), and the
    # newest that pickles arrays through numpy's _reconstruct, which readers accept.
    with path.open("wb") as f:
        pickle.dump(content, f, protocol=3)


def write_fixture(directory: str | os.PathLike, per_batch: int = 100, *, seed: int = 0) -> Path:
    """Write a small CIFAR-10 folder in exactly the official format, with made-up images.

    Seven files, as in ``cifar-10-batches-py/``: five training batches and a test
    batch of ``per_batch`` images each (``fixture_images``; the official batches
    hold 10,000), and ``batches.meta`` with the ten class names.

    Args:
        directory: Folder to write into; created if needed.
        per_batch: Images per batch, at least 1.
        seed: Seed for the images; the test batch gets images the training batches do not.

    Returns:
        The folder, as a ``Path``.

    Raises:
        TypeError: If ``directory`` is not a path, or ``per_batch`` or ``seed`` not an int.
        ValueError: If ``per_batch`` is below 1.
    """
    folder = _folder(directory)
    if isinstance(per_batch, bool) or not isinstance(per_batch, int):
        raise TypeError(f"per_batch must be an int, got {type(per_batch).__name__} {per_batch!r}")
    if per_batch < 1:
        raise ValueError(f"per_batch must be at least 1, got {per_batch}")
    images, labels = fixture_images(6 * per_batch, seed=seed)
    # To the file layout: per image, all red values, then green, then blue.
    rows = images.transpose(0, 3, 1, 2).reshape(len(images), _ROW)
    folder.mkdir(parents=True, exist_ok=True)
    names = [*TRAIN_FILES, TEST_FILE]
    titles = [f"training batch {i} of 5" for i in range(1, 6)] + ["testing batch 1 of 1"]
    for index, (name, title) in enumerate(zip(names, titles, strict=True)):
        part = slice(index * per_batch, (index + 1) * per_batch)
        _pickle(
            folder / name,
            {
                b"batch_label": title.encode(),
                b"labels": [int(label) for label in labels[part]],
                b"data": np.ascontiguousarray(rows[part]),
                b"filenames": [
                    f"fixture_{CLASS_NAMES[label]}_{index * per_batch + i:05d}.png".encode()
                    for i, label in enumerate(labels[part])
                ],
            },
        )
    _pickle(
        folder / META_FILE,
        {
            b"num_cases_per_batch": per_batch,
            b"label_names": [name.encode() for name in CLASS_NAMES],
            b"num_vis": _ROW,
        },
    )
    return folder


def load_fixture(
    per_batch: int = 100, *, seed: int = 0
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Write a fixture (``write_fixture``) to a temporary folder and read it back with
    ``load_batches``, the loader for the real files.

    Args:
        per_batch: Images per batch: ``5 * per_batch`` training and ``per_batch`` test images.
        seed: Seed for the images.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``, shaped as
            ``keras.datasets.cifar10.load_data()`` returns them.
    """
    with tempfile.TemporaryDirectory(prefix="cifar10-fixture-") as tmp:
        return load_batches(write_fixture(Path(tmp) / "cifar-10-batches-py", per_batch, seed=seed))


def stand_in() -> bool:
    """Whether ``DLCOURSE_CIFAR10`` asks for the made-up stand-in.

    Returns:
        ``True`` if the variable is ``fixture``, ``False`` if it is unset, empty or
            ``keras`` (the real CIFAR-10).

    Raises:
        ValueError: If the variable holds anything else (a typo must not silently
            download 163 MB, or silently grade on made-up images).
    """
    chosen = os.environ.get(ENV_VAR) or "keras"
    if chosen not in {"fixture", "keras"}:
        raise ValueError(
            f"{ENV_VAR}={chosen!r}: set it to 'fixture' (the made-up stand-in) "
            "or leave it unset (the real CIFAR-10)"
        )
    return chosen == "fixture"


def data_name() -> str:
    """A label to print beside results: ``"CIFAR-10"``, or ``"STAND-IN"`` when
    ``DLCOURSE_CIFAR10=fixture`` (see ``stand_in``)."""
    return "STAND-IN" if stand_in() else "CIFAR-10"


def load_data(
    *, show: bool = True
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """CIFAR-10, as ``keras.datasets.cifar10.load_data()`` returns it; or, when
    ``DLCOURSE_CIFAR10=fixture``, the made-up stand-in (``load_fixture``).

    The first call on a computer downloads CIFAR-10 (163 MB) into
    ``~/.keras/datasets/``; later calls read it from there.

    Args:
        show: Print one line that says which data was loaded.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: ``uint8`` images of shape
            ``(n, 32, 32, 3)`` and labels of shape ``(n, 1)``.

    Raises:
        ValueError: If ``DLCOURSE_CIFAR10`` holds anything but ``fixture`` or ``keras``.
    """
    if stand_in():
        data = load_fixture(STAND_IN_PER_BATCH)
        (x_train, _), (x_test, _) = data
        line = (
            "data: STAND-IN (made-up images, NOT CIFAR-10): "
            f"{len(x_train)} training, {len(x_test)} test"
        )
    else:
        import keras

        data = keras.datasets.cifar10.load_data()
        (x_train, _), (x_test, _) = data
        line = f"data: CIFAR-10, {len(x_train):,} training and {len(x_test):,} test images"
    if show:
        print(line)
    return data
