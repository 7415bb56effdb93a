"""Grade a CIFAR-10 classifier for the assignment: from a notebook, or as a command.

From a notebook: ``report = grade("cifar10_model.keras")`` (or ``grade(model)``) prints
one PASS/FAIL line per check and returns a ``Report``. From a shell:
``python -m dlcourse.grade cifar10_model.keras`` prints the same report and exits with 0
if every check passed, 1 if one failed or the data was the stand-in (not graded), 2 if
the file is not a Keras model.

The checks, in order: the input shape is ``(32, 32, 3)``; the model outputs 10
classes; it has at most ``MAX_PARAMS`` parameters; its last layer and its loss
agree (softmax probabilities with ``from_logits=False``, the course's rule, or raw
logits with ``from_logits=True``, the other form, which passes too); a fresh copy of
it, compiled with its own optimizer and loss, trains (the loss falls over
``TRAIN_STEPS`` steps on one batch of fixture images); and its accuracy on held-out
data reaches a threshold. A failed check says what to fix. The model is given raw
pixel values 0-255, as ``keras.datasets.cifar10.load_data()`` returns them, so
scaling belongs inside the model (``layers.Rescaling(1 / 255)``).

The held-out data is the CIFAR-10 test set (downloaded by Keras the first time), or,
with ``DLCOURSE_CIFAR10=fixture`` or ``data="fixture"``, the test batch of the
made-up stand-in of ``dlcourse.cifar10``; or the test batch of any folder in the
official format. The report names the data on its second line.

``data="digits"`` grades a model for scikit-learn's 8x8 digits instead (input
``(8, 8, 1)``, pixels 0 to 1, as ``dlcourse.datasets.load_digits_images`` returns
them), with thresholds that fit them (``MIN_ACCURACY["digits"]``,
``DIGITS_MAX_PARAMS``): a rehearsal of the assignment that trains in seconds. On the stand-in the
accuracy is not graded: its line says ``NOTE`` (or ``FAIL``, below the stand-in's
bar, which a model that learns clears), never ``PASS``, and the last line says
``RESULT: NOT GRADED``, as the assignment's bar is for CIFAR-10.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import sys
import textwrap
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dlcourse import cifar10

if TYPE_CHECKING:  # Keras is imported when a check runs, so that `--help` starts at once.
    import keras

MAX_PARAMS = 500_000
"""The assignment's parameter budget."""

MIN_ACCURACY = {"keras": 0.70, "fixture": 0.50, "digits": 0.90}
"""Default accuracy thresholds: on the CIFAR-10 test set (``"keras"``, and any folder of
real batches); on the stand-in's made-up images (``"fixture"``, not a grade: a model
that learns clears it); and on the test split of the 8x8 digits (``"digits"``, the
rehearsal). Chance is 0.10 on each."""

DIGITS_MAX_PARAMS = 20_000
"""The parameter budget of the rehearsal on the 8x8 digits (a small CNN has about 10,000)."""

DIGITS_SHAPE = (8, 8, 1)

TRAIN_STEPS = 10
"""Training steps of the "trains" check."""

NUM_CLASSES = 10


@dataclasses.dataclass(frozen=True)
class Check:
    """The result of one check.

    Attributes:
        name: What was checked.
        status: ``"PASS"``, ``"FAIL"``, ``"SKIP"`` (it could not run because an
            earlier check failed), or ``"NOTE"`` (measured but not graded: the
            accuracy on the stand-in).
        detail: What was found.
        fix: For a failed or skipped check, what to change; for a note, what it means.
    """

    name: str
    status: str
    detail: str
    fix: str = ""


REPORT_WIDTH = 80
"""The report's lines are wrapped to this width (a notebook's or a terminal's column)."""


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text,
        REPORT_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


@dataclasses.dataclass(frozen=True)
class Report:
    """Every check's result; ``str(report)`` is the readable report ``grade`` prints.

    Attributes:
        model: What was graded (the file, or ``"model"``).
        data: Which held-out data the accuracy was measured on.
        checks: One ``Check`` per check, in order.
        stand_in: Whether that data is the made-up stand-in (then nothing is graded).
    """

    model: str
    data: str
    checks: tuple[Check, ...]
    stand_in: bool = False

    @property
    def passed(self) -> bool:
        """Whether every check passed: never on the stand-in, whose accuracy is a note."""
        return all(check.status == "PASS" for check in self.checks)

    def __getitem__(self, name: str) -> Check:
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(f"no check named {name!r}; the checks are {[c.name for c in self.checks]}")

    def __str__(self) -> str:
        width = max(len(check.name) for check in self.checks)
        lines = [f"Grading {self.model}", f"held-out data: {self.data}"]
        for check in self.checks:
            head = f"{check.status}  {check.name:<{width}}  "
            lines += _wrap(check.detail, head, " " * len(head))
            if check.fix:
                label = "note" if check.status == "NOTE" else "fix"
                lines += _wrap(check.fix, f"      {label}: ", " " * (8 + len(label)))
        done = sum(check.status == "PASS" for check in self.checks)
        noted = sum(check.status == "NOTE" for check in self.checks)
        if self.passed:
            lines.append(f"RESULT: PASS ({done} of {len(self.checks)} checks passed)")
        elif noted and done + noted == len(self.checks):
            lines.append(f"RESULT: NOT GRADED: STAND-IN data; the other {done} checks passed")
        else:
            where = ", on STAND-IN data" if self.stand_in else ""
            lines.append(f"RESULT: FAIL ({done} of {len(self.checks)} checks passed{where})")
        return "\n".join(lines)


def load_model_file(path: str | os.PathLike) -> keras.Model:
    """Load a model saved with ``model.save("name.keras")``, or say clearly why not.

    Args:
        path: The ``.keras`` file.

    Returns:
        The ``keras.Model``.

    Raises:
        TypeError: If ``path`` is not a path.
        FileNotFoundError: If there is no such file.
        ValueError: If the file is not a Keras model (wrong kind of file, or one Keras
            cannot load); the message names the file and says how to save one.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__}")
    path = Path(path)
    how = 'save the trained model with model.save("cifar10_model.keras") and grade that file'
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file; {how}")
    if path.suffix != ".keras" or not zipfile.is_zipfile(path):
        raise ValueError(
            f"{path} is not a Keras model file (a .keras file is a zip archive that "
            f"model.save writes); {how}"
        )
    import keras

    try:
        with warnings.catch_warnings():
            # The grader compiles its own copy; the saved optimizer's state is not needed.
            warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
            model = keras.models.load_model(path)
    except Exception as err:
        raise ValueError(f"{path} could not be loaded as a Keras model: {err}") from None
    if not isinstance(model, keras.Model):
        raise ValueError(f"{path} holds a {type(model).__name__}, not a Keras model; {how}")
    return model


def _source(data: str | os.PathLike | None) -> str | os.PathLike:
    if data is not None:
        return data
    return "fixture" if cifar10.stand_in() else "keras"


def held_out_data(data: str | os.PathLike | None = None) -> tuple[np.ndarray, np.ndarray, str]:
    """The test images the accuracy check uses, and a line that says what they are.

    Args:
        data: ``"fixture"``, ``"keras"`` (``keras.datasets.cifar10.load_data()``), or a
            folder of batches in the official format. ``None`` reads the environment
            variable ``DLCOURSE_CIFAR10``: ``fixture`` picks the fixture, unset picks
            ``"keras"``.

    Returns:
        ``(x_test, y_test, description)``.

    Raises:
        ValueError: If ``DLCOURSE_CIFAR10`` holds anything but ``fixture`` or ``keras``.
    """
    data = _source(data)
    if data == "digits":
        from dlcourse.datasets import load_digits_images

        _, (x_test, y_test) = load_digits_images()
        return x_test, y_test, f"the 8x8 digits' test split ({len(x_test)} images, pixels 0 to 1)"
    if data == "fixture":
        _, (x_test, y_test) = cifar10.load_fixture(cifar10.STAND_IN_PER_BATCH)
        return x_test, y_test, f"STAND-IN, {len(x_test)} made-up test images, NOT CIFAR-10"
    if data == "keras":
        import keras

        _, (x_test, y_test) = keras.datasets.cifar10.load_data()
        return x_test, y_test, f"the CIFAR-10 test set ({len(x_test):,} images)"
    _, (x_test, y_test) = cifar10.load_batches(data)
    return x_test, y_test, f"the test batch in {data} ({len(x_test):,} images)"


def _predict(model, images: np.ndarray, batch_size: int = 500) -> np.ndarray:
    """The model's outputs in inference mode, called directly (no predict graph to trace)."""
    images = np.asarray(images, dtype="float32")
    parts = [
        np.asarray(model(images[start : start + batch_size], training=False))
        for start in range(0, len(images), batch_size)
    ]
    return np.concatenate(parts)


def _shape(shape) -> tuple:
    return tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)


def _sample(data, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    """``n`` images of the task's shape for the output and trains checks, and their name."""
    if data == "digits":
        from dlcourse.datasets import load_digits_images

        (x_train, y_train), _ = load_digits_images()
        chosen = np.random.default_rng(seed).choice(len(x_train), n, replace=False)
        return x_train[chosen], y_train[chosen], "training digits"
    x, y = cifar10.fixture_images(n, seed=seed)
    return x, y, "made-up images"


def check_input_shape(model: keras.Model, *, data=None) -> Check:
    """The model takes the task's images: input shape ``(None, 32, 32, 3)`` for CIFAR-10,
    ``(None, 8, 8, 1)`` with ``data="digits"``."""
    shape = _shape(model.input_shape)
    if data == "digits":
        expected, what, layout = DIGITS_SHAPE, "the digits are", "8x8 pixels, 1 channel"
    else:
        expected, what, layout = (
            cifar10.IMAGE_SHAPE,
            "CIFAR-10 images are",
            "32x32 pixels, 3 colour channels",
        )
    if shape[1:] == expected:
        return Check("input shape", "PASS", str(shape[1:]))
    return Check(
        "input shape",
        "FAIL",
        f"{shape[1:]}, but {what} {expected}",
        f"start the model with keras.Input(shape={expected}): {layout}",
    )


def check_output_classes(model: keras.Model) -> Check:
    """The model gives one score per class: output shape ``(None, 10)``."""
    shape = _shape(model.output_shape)
    if shape[1:] == (NUM_CLASSES,):
        return Check("output classes", "PASS", "10")
    return Check(
        "output classes",
        "FAIL",
        f"output shape {shape[1:]}, but there are 10 classes",
        "end the model with layers.Dense(10, ...): one output per class (after Flatten or "
        "GlobalAveragePooling2D, so that the output is not an image)",
    )


def check_parameters(model: keras.Model, max_params: int = MAX_PARAMS) -> Check:
    """The model has at most ``max_params`` parameters."""
    count = model.count_params()
    detail = f"{count:,} (budget {max_params:,})"
    if count <= max_params:
        return Check("parameters", "PASS", detail)
    return Check(
        "parameters",
        "FAIL",
        detail,
        "use fewer or narrower layers: a big Dense layer after Flatten is usually the cause; "
        "GlobalAveragePooling2D before the last Dense layer needs no weights",
    )


def _loss_of(model) -> tuple[str | None, bool]:
    """The compiled loss's name (snake case) and its ``from_logits``."""
    loss = getattr(model, "loss", None)
    if loss is None:
        return None, False
    if isinstance(loss, str):
        return loss, False
    if hasattr(loss, "get_config"):
        config = loss.get_config()
        return config.get("name") or type(loss).__name__, bool(config.get("from_logits", False))
    return getattr(loss, "__name__", type(loss).__name__), False


LOSSES = {
    "sparse_categorical_crossentropy": "sparse",
    "categorical_crossentropy": "one-hot",
}


def check_output_and_loss(model: keras.Model, *, data=None) -> Check:
    """The last layer and the loss agree: probabilities with ``from_logits=False``, or
    logits with ``from_logits=True``; and the model is compiled with a cross-entropy."""
    name = "output and loss"
    loss, from_logits = _loss_of(model)
    if loss is None or getattr(model, "optimizer", None) is None:
        return Check(
            name,
            "FAIL",
            "the model is not compiled",
            'compile it before saving: model.compile(optimizer="adam", '
            'loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
        )
    if loss not in LOSSES:
        return Check(
            name,
            "FAIL",
            f"loss {loss!r} is not a classification loss",
            'compile with loss="sparse_categorical_crossentropy" (labels 0-9, as '
            "load_data returns them)",
        )
    x, _, _ = _sample(data, 16, seed=2)
    out = _predict(model, x).astype("float64")
    probabilities = bool(np.all(out >= 0) and np.allclose(out.sum(axis=-1), 1.0, atol=1e-3))
    if probabilities and not from_logits:
        return Check(name, "PASS", "softmax probabilities, loss with from_logits=False")
    if not probabilities and from_logits:
        return Check(name, "PASS", "logits, loss with from_logits=True")
    if probabilities:
        return Check(
            name,
            "FAIL",
            "the last layer outputs probabilities (softmax) but the loss has "
            "from_logits=True, so softmax is applied twice",
            "remove from_logits=True from the loss, or remove the softmax from the last layer",
        )
    return Check(
        name,
        "FAIL",
        "the last layer outputs logits (they do not sum to 1) but the loss expects "
        "probabilities (from_logits=False)",
        'add activation="softmax" to the last Dense layer, or compile with '
        "keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
    )


def check_trains(
    model: keras.Model, steps: int = TRAIN_STEPS, *, seed: int = 0, data=None
) -> Check:
    """A fresh copy of the model (new weights, the model's own optimizer settings and
    loss) trains: its loss on one batch of 32 images (made-up ones, or training digits
    with ``data="digits"``) falls by at least 10 % over ``steps`` steps (the mean of
    the last three against the first)."""
    import keras

    name = "trains"
    keras.utils.set_random_seed(seed)
    try:
        fresh = keras.models.clone_model(model)
    except Exception as err:
        return Check(name, "SKIP", f"the model could not be copied to train it: {err}", "")
    optimizer = keras.optimizers.deserialize(keras.optimizers.serialize(model.optimizer))
    fresh.compile(optimizer=optimizer, loss=model.loss)
    x, y, which = _sample(data, 32, seed=seed + 1)
    if LOSSES[_loss_of(model)[0]] == "one-hot":
        y = np.eye(NUM_CLASSES, dtype="float32")[y]
    x = x.astype("float32")
    losses = [float(fresh.train_on_batch(x, y, return_dict=True)["loss"]) for _ in range(steps)]
    first, last = losses[0], float(np.mean(losses[-3:]))
    detail = f"loss {first:.2f} -> {last:.2f} in {steps} steps on {len(x)} {which}"
    if not all(map(math.isfinite, losses)):
        return Check(
            name,
            "FAIL",
            "the loss became NaN or infinite",
            "lower the learning rate (Adam's default, 0.001, is a good start)",
        )
    if last < 0.9 * first:
        return Check(name, "PASS", detail)
    return Check(
        name,
        "FAIL",
        detail,
        "the loss barely moves: check the learning rate (not 0, not tiny), that the layers "
        "are trainable, and that the loss matches the last layer",
    )


def check_accuracy(
    model: keras.Model,
    x_test: np.ndarray,
    y_test: np.ndarray,
    min_accuracy: float,
    *,
    stand_in: bool = False,
    raw_pixels: bool = True,
) -> Check:
    """Accuracy on held-out images (raw pixel values 0-255) reaches ``min_accuracy``.

    With ``stand_in=True`` (made-up images) nothing is graded: reaching
    ``min_accuracy`` (the stand-in's bar, which a model that learns clears) gives a
    ``NOTE``, not a ``PASS``; falling short is still a ``FAIL``. With
    ``raw_pixels=True`` (CIFAR-10's 0-255), a model that does much better on pixels
    divided by 255 is told to scale inside the model.
    """
    name = "accuracy"
    labels = np.asarray(y_test).reshape(-1)

    def accuracy(images) -> float:
        scores = _predict(model, images)
        return float(np.mean(np.argmax(scores, axis=-1) == labels))

    images = np.asarray(x_test, dtype="float32")
    got = accuracy(images)
    if stand_in:
        detail = f"{got:.2f} on {len(labels):,} STAND-IN images"
        if got >= min_accuracy:
            real = MIN_ACCURACY["keras"]
            note = f"not graded: the assignment's bar, {real:.2f}, is for CIFAR-10"
            return Check(name, "NOTE", detail, note)
        detail += f" (a model that learns gets {min_accuracy:.2f})"
    else:
        detail = f"{got:.2f} on {len(labels):,} held-out images (threshold {min_accuracy:.2f})"
    if got >= min_accuracy:
        return Check(name, "PASS", detail)
    if raw_pixels and accuracy(images / 255.0) >= max(min_accuracy, got + 0.2):
        fix = (
            "your model expects pixels scaled to [0, 1], but it is given raw values 0-255 as "
            "load_data returns them: put layers.Rescaling(1 / 255) first in the model"
        )
    else:
        fix = (
            "train longer or improve the model (convolution blocks, batch normalization, "
            "data augmentation), and check that it trains (above)"
        )
    return Check(name, "FAIL", detail, fix)


def _model_of(model):
    if isinstance(model, (str, os.PathLike)):
        return load_model_file(model), str(model)
    import keras

    if isinstance(model, keras.Model):
        return model, "model"
    raise TypeError(
        f"model must be a keras.Model or the path of a .keras file, got {type(model).__name__}"
    )


def grade(
    model: keras.Model | str | os.PathLike,
    *,
    data: str | os.PathLike | None = None,
    max_params: int | None = None,
    min_accuracy: float | None = None,
    steps: int = TRAIN_STEPS,
    seed: int = 0,
    show: bool = True,
) -> Report:
    """Run every check on a model and print the report.

    The model itself is not changed: the "trains" check trains a fresh copy. It does
    reset Keras' random seed (``keras.utils.set_random_seed(seed)``), so that the
    report is the same on every run.

    Args:
        model: A ``keras.Model``, or the path of a ``.keras`` file.
        data: Held-out data for the accuracy check: ``"fixture"``, ``"keras"`` or a
            folder in the official format; ``None`` follows ``DLCOURSE_CIFAR10``
            (see ``held_out_data``). ``"digits"`` grades a model for the 8x8 digits
            instead, the rehearsal.
        max_params: The parameter budget; ``None`` takes ``MAX_PARAMS``, or
            ``DIGITS_MAX_PARAMS`` for the digits.
        min_accuracy: The accuracy threshold; ``None`` takes ``MIN_ACCURACY`` for
            the data (``"fixture"``, ``"digits"`` or real CIFAR-10).
        steps: Training steps of the "trains" check, at least 4.
        seed: Seed for the fresh copy's weights and its training.
        show: Print the report.

    Returns:
        The ``Report``; ``report.passed`` is whether every check passed.

    Raises:
        TypeError: If ``model`` is neither a Keras model nor a path.
        FileNotFoundError: If the model file does not exist.
        ValueError: If the file is not a Keras model, or an argument is out of range.
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 4:
        raise ValueError(f"steps must be an int of at least 4, got {steps!r}")
    if max_params is None:
        max_params = DIGITS_MAX_PARAMS if data == "digits" else MAX_PARAMS
    if isinstance(max_params, bool) or not isinstance(max_params, int) or max_params < 1:
        raise ValueError(f"max_params must be a positive int, got {max_params!r}")
    if min_accuracy is not None and not 0 <= min_accuracy <= 1:
        raise ValueError(f"min_accuracy must be between 0 and 1, got {min_accuracy!r}")
    model, shown_as = _model_of(model)
    source = _source(data)
    x_test, y_test, described = held_out_data(source)
    if min_accuracy is None:
        min_accuracy = MIN_ACCURACY.get(source, MIN_ACCURACY["keras"])

    checks = [
        check_input_shape(model, data=source),
        check_output_classes(model),
        check_parameters(model, max_params),
    ]
    shapes_ok = checks[0].status == checks[1].status == "PASS"
    needs_shapes = "fix the input shape and the number of classes first"
    if shapes_ok:
        checks.append(check_output_and_loss(model, data=source))
        compiled = _loss_of(model)[0] in LOSSES and getattr(model, "optimizer", None)
        if compiled:
            checks.append(check_trains(model, steps, seed=seed, data=source))
        else:
            checks.append(Check("trains", "SKIP", "not run", "compile the model (above) first"))
        checks.append(
            check_accuracy(
                model,
                x_test,
                y_test,
                min_accuracy,
                stand_in=source == "fixture",
                raw_pixels=source != "digits",
            )
        )
    else:
        checks += [
            Check("output and loss", "SKIP", "not run", needs_shapes),
            Check("trains", "SKIP", "not run", needs_shapes),
            Check("accuracy", "SKIP", "not run", needs_shapes),
        ]
    report = Report(shown_as, described, tuple(checks), stand_in=source == "fixture")
    if show:
        print(report)
    return report


def main(argv: list[str] | None = None) -> int:
    """The command line: ``python -m dlcourse.grade MODEL.keras [options]``.

    Returns:
        The exit status: 0 if every check passed, 1 if one failed or the data was the
            stand-in (nothing graded), 2 if the model or the data could not be read.
    """
    parser = argparse.ArgumentParser(
        prog="python -m dlcourse.grade",
        description="Grade a CIFAR-10 classifier saved with model.save('name.keras').",
    )
    parser.add_argument("model", help="the .keras file")
    parser.add_argument(
        "--data",
        help="held-out data: 'fixture' (the made-up stand-in), 'keras' (downloads CIFAR-10 "
        "once), a cifar-10-batches-py folder, or 'digits' (the 8x8 digits, for a "
        "rehearsal) (default: from DLCOURSE_CIFAR10, else 'keras')",
    )
    parser.add_argument(
        "--max-params",
        type=int,
        help=f"default {MAX_PARAMS:,}, or {DIGITS_MAX_PARAMS:,} with --data digits",
    )
    parser.add_argument(
        "--min-accuracy",
        type=float,
        help=f"default {MIN_ACCURACY['keras']} on CIFAR-10, {MIN_ACCURACY['digits']} on the "
        f"digits; on the stand-in ({MIN_ACCURACY['fixture']}) nothing is graded",
    )
    parser.add_argument("--steps", type=int, default=TRAIN_STEPS)
    args = parser.parse_args(argv)
    try:
        report = grade(
            args.model,
            data=args.data,
            max_params=args.max_params,
            min_accuracy=args.min_accuracy,
            steps=args.steps,
            show=False,
        )
    except (OSError, ValueError, TypeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
