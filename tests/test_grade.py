"""dlcourse.grade: passes a working model, fails each kind of broken one with a message that
says what to fix, and refuses a file that is not a Keras model.

The reference solution's full report (every check PASS) is the stored output of its
notebook, which the suite compares with a fresh run; tests/pages/test_assignments_cifar10.py
checks that it says PASS. Here, small models keep each check fast.
"""

import re
import subprocess
import sys
import zipfile

import keras
import numpy as np
import pytest
from keras import layers

from dlcourse.cifar10 import load_fixture, write_fixture
from dlcourse.datasets import load_digits_images
from dlcourse.grade import (
    MAX_PARAMS,
    check_accuracy,
    check_output_and_loss,
    check_parameters,
    check_trains,
    grade,
    held_out_data,
    load_model_file,
    main,
)


def linear(shape=(32, 32, 3), classes=10, activation="softmax", hidden=0, rescale=True):
    """A model that is quick to build and train: Flatten, an optional hidden layer, Dense."""
    stack = [keras.Input(shape=shape)]
    stack += [layers.Rescaling(1 / 255)] if rescale else []
    stack += [layers.Flatten()]
    stack += [layers.Dense(hidden, activation="relu")] if hidden else []
    return keras.Sequential([*stack, layers.Dense(classes, activation=activation)])


def compiled(model, loss="sparse_categorical_crossentropy", learning_rate=1e-3):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss)
    return model


@pytest.fixture(scope="module")
def data():
    return load_fixture()


@pytest.fixture(scope="module")
def trained(data, tmp_path_factory):
    """A working model, trained on the fixture and saved: what a student hands in."""
    (x_train, y_train), _ = data
    keras.utils.set_random_seed(0)
    model = compiled(linear())
    model.fit(x_train, y_train, epochs=3, batch_size=32, verbose=0)
    path = tmp_path_factory.mktemp("graded") / "model.keras"
    model.save(path)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Batches in the official format, as a learner's own copy of CIFAR-10 would be: the
    grader takes them for real data (it cannot tell), so the real bar applies."""
    return write_fixture(tmp_path_factory.mktemp("data") / "cifar-10-batches-py")


def lines(report) -> dict[str, str]:
    return {check.name: check.status for check in report.checks}


def test_passes_a_working_model_prints_a_line_per_check_and_leaves_it_unchanged(
    trained, folder, capsys
):
    model = load_model_file(trained)
    before = [w.copy() for w in model.get_weights()]
    report = grade(model, data=folder)
    printed = capsys.readouterr().out
    assert report.passed and not report.stand_in
    assert set(lines(report).values()) == {"PASS"}
    assert printed.strip() == str(report)
    assert printed.splitlines()[-1] == "RESULT: PASS (6 of 6 checks passed)"
    for name in ("input shape", "output classes", "parameters", "output and loss", "trains"):
        assert f"PASS  {name}" in printed
    assert f"held-out data: the test batch in {folder} (100 images)" in printed
    assert "(threshold 0.70)" in report["accuracy"].detail
    for old, new in zip(before, model.get_weights(), strict=True):  # trained a copy
        np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize("min_accuracy", [None, 0.70, 0.5])
def test_on_the_stand_in_nothing_is_graded_and_the_report_says_so(trained, min_accuracy, capsys):
    # The same model that passes on real-format data: on the stand-in its accuracy is
    # only a note, whatever the threshold, and the report never says PASS for it.
    report = grade(trained, data="fixture", min_accuracy=min_accuracy)
    printed = capsys.readouterr().out.splitlines()
    assert report.stand_in and not report.passed
    assert printed[1] == "held-out data: STAND-IN, 50 made-up test images, NOT CIFAR-10"
    assert report["accuracy"].status == "NOTE"
    assert re.fullmatch(r"NOTE  accuracy         \d\.\d\d on 50 STAND-IN images", printed[-3])
    assert printed[-2] == "      note: not graded: the assignment's bar, 0.70, is for CIFAR-10"
    assert printed[-1] == "RESULT: NOT GRADED: STAND-IN data; the other 5 checks passed"
    assert not [line for line in printed if "PASS  accuracy" in line or "RESULT: PASS" in line]


def test_on_the_stand_in_a_model_that_does_not_learn_still_fails(capsys):
    report = grade(compiled(linear()), data="fixture")  # never trained: near chance
    printed = capsys.readouterr().out
    assert report["accuracy"].status == "FAIL"
    assert "on 50 STAND-IN images (a model that learns gets 0.50)" in report["accuracy"].detail
    assert printed.splitlines()[-1] == "RESULT: FAIL (5 of 6 checks passed, on STAND-IN data)"


def test_wrong_input_shape_fails_and_skips_what_depends_on_it():
    report = grade(compiled(linear(shape=(28, 28, 1))), data="fixture", show=False)
    assert not report.passed
    assert report["input shape"].status == "FAIL"
    assert "keras.Input(shape=(32, 32, 3))" in report["input shape"].fix
    assert [report[n].status for n in ("output and loss", "trains", "accuracy")] == ["SKIP"] * 3
    assert "fix:" in str(report) and "RESULT: FAIL (2 of 6 checks passed, on STAND-IN data)" in str(
        report
    )


def test_wrong_number_of_classes_fails():
    report = grade(compiled(linear(classes=5)), data="fixture", show=False)
    assert lines(report)["output classes"] == "FAIL"
    assert "Dense(10" in report["output classes"].fix


def test_over_budget_fails():
    model = linear(hidden=200)  # 3,072 x 200 weights in one Dense layer
    assert model.count_params() > MAX_PARAMS
    check = check_parameters(model)
    assert check.status == "FAIL"
    assert f"(budget {MAX_PARAMS:,})" in check.detail
    assert "GlobalAveragePooling2D" in check.fix
    assert check_parameters(model, max_params=10**6).status == "PASS"


def test_logits_with_a_loss_that_expects_probabilities_fails():
    check = check_output_and_loss(compiled(linear(activation=None)))
    assert check.status == "FAIL"
    assert "outputs logits" in check.detail
    assert 'activation="softmax"' in check.fix and "from_logits=True" in check.fix


def test_softmax_with_from_logits_fails():
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    check = check_output_and_loss(compiled(linear(), loss=loss))
    assert check.status == "FAIL"
    assert "softmax is applied twice" in check.detail


def test_logits_with_from_logits_pass():
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    assert check_output_and_loss(compiled(linear(activation=None), loss=loss)).status == "PASS"


def test_uncompiled_or_wrong_loss_fails():
    check = check_output_and_loss(linear())
    assert check.status == "FAIL" and "model.compile(" in check.fix
    check = check_output_and_loss(compiled(linear(), loss="mse"))
    assert check.status == "FAIL" and "sparse_categorical_crossentropy" in check.fix
    assert grade(linear(), data="fixture", show=False)["trains"].status == "SKIP"


def test_a_model_that_does_not_learn_fails(data):
    report = grade(compiled(linear(), learning_rate=0.0), data="fixture", show=False)
    assert lines(report)["trains"] == "FAIL"
    assert "learning rate" in report["trains"].fix
    assert lines(report)["accuracy"] == "FAIL"  # never trained: near chance
    assert "train longer" in report["accuracy"].fix


def test_one_hot_loss_trains():
    check = check_trains(compiled(linear(), loss="categorical_crossentropy"))
    assert check.status == "PASS", check


def test_scaling_outside_the_model_is_diagnosed(data):
    (x_train, y_train), (x_test, y_test) = data
    keras.utils.set_random_seed(0)
    # Trained on pixels scaled to [0, 1], with no Rescaling layer: batch normalization's
    # moving statistics then fit scaled pixels only.
    normalize = layers.BatchNormalization(momentum=0.9)
    stack = [keras.Input((32, 32, 3)), layers.Flatten(), normalize, layers.Dense(10)]
    model = compiled(keras.Sequential(stack), loss=keras.losses.SparseCategoricalCrossentropy(True))
    model.fit(x_train / 255.0, y_train, epochs=3, batch_size=32, verbose=0)
    check = check_accuracy(model, x_test, y_test, 0.5)
    assert check.status == "FAIL"
    assert "Rescaling(1 / 255)" in check.fix


def test_a_file_that_is_not_a_keras_model_is_refused(tmp_path):
    text = tmp_path / "model.keras"
    text.write_text("not a model")
    with pytest.raises(ValueError, match=r"model\.keras is not a Keras model file"):
        grade(text)
    weights = tmp_path / "model.weights.h5"
    weights.write_bytes(b"\x89HDF\r\n\x1a\n")
    with pytest.raises(ValueError, match="is not a Keras model file"):
        load_model_file(weights)
    archive = tmp_path / "other.keras"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(ValueError, match="could not be loaded as a Keras model"):
        load_model_file(archive)
    with pytest.raises(FileNotFoundError, match=r"no such file; save the trained model"):
        load_model_file(tmp_path / "missing.keras")
    with pytest.raises(TypeError, match=r"model must be a keras\.Model or the path"):
        grade(42)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"steps": 2}, "steps must be an int of at least 4"),
        ({"min_accuracy": 1.5}, "min_accuracy must be between 0 and 1"),
        ({"max_params": 0}, "max_params must be a positive int"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        grade(linear(), data="fixture", **kwargs)


def test_held_out_data_follows_the_environment_variable(monkeypatch):
    monkeypatch.setenv("DLCOURSE_CIFAR10", "fixture")
    x, y, described = held_out_data()
    assert x.shape == (50, 32, 32, 3) and y.shape == (50, 1)
    assert described == "STAND-IN, 50 made-up test images, NOT CIFAR-10"
    model = compiled(linear())
    assert grade(model, show=False).stand_in
    monkeypatch.setenv("DLCOURSE_CIFAR10", "fixtures")
    with pytest.raises(ValueError, match="DLCOURSE_CIFAR10='fixtures': set it to 'fixture'"):
        held_out_data()


def test_command_line(trained, folder, tmp_path, capsys):
    assert main([str(trained), "--data", str(folder)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("RESULT: PASS (6 of 6 checks passed)")
    assert main([str(trained), "--data", "fixture"]) == 1  # not graded: not a pass
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith("RESULT: NOT GRADED: STAND-IN data; the other 5 checks passed")
    )
    wrong = tmp_path / "wrong.keras"
    compiled(linear(shape=(28, 28, 1))).save(wrong)
    assert main([str(wrong), "--data", "fixture"]) == 1
    assert "FAIL  input shape" in capsys.readouterr().out
    (tmp_path / "notes.keras").write_text("hello")
    assert main([str(tmp_path / "notes.keras")]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_runs_as_a_module(tmp_path):
    # A file that is not a model is refused before TensorFlow is even imported: fast.
    (tmp_path / "notes.keras").write_text("hello")
    done = subprocess.run(
        [sys.executable, "-m", "dlcourse.grade", str(tmp_path / "notes.keras")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "notes.keras is not a Keras model file" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "dlcourse.grade", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "--min-accuracy" in done.stdout


def test_the_digits_rehearsal_uses_the_digits_shape_and_thresholds():
    # data="digits": the same checks, for 8x8x1 images with pixels 0-1, with
    # thresholds that fit the digits, so a learner meets the grader in seconds.
    report = grade(compiled(linear()), data="digits", show=False)
    assert report["input shape"].status == "FAIL"
    assert "keras.Input(shape=(8, 8, 1))" in report["input shape"].fix
    model = compiled(linear(shape=(8, 8, 1), rescale=False), learning_rate=0.01)
    report = grade(model, data="digits", show=False)
    assert not report.stand_in
    assert report.data == "the 8x8 digits' test split (450 images, pixels 0 to 1)"
    assert "(budget 20,000)" in report["parameters"].detail
    assert report["trains"].status == "PASS"
    assert "in 10 steps on 32 training digits" in report["trains"].detail
    assert report["accuracy"].status == "FAIL"  # untrained: near chance
    assert "(threshold 0.90)" in report["accuracy"].detail
    assert "Rescaling" not in report["accuracy"].fix  # the digits come scaled to 0-1
    (x_train, y_train), _ = load_digits_images()
    keras.utils.set_random_seed(0)
    model.fit(x_train, y_train, epochs=5, verbose=0)
    report = grade(model, data="digits", show=False)
    assert report.passed, report


def test_report_lines_fit_80_columns():
    model = linear(shape=(8, 8, 1), activation=None, rescale=False)
    report = grade(compiled(model), data="digits", show=False)
    assert report["output and loss"].status == "FAIL"
    assert max(len(line) for line in str(report).splitlines()) <= 80
