"""Claims the page "Keras in TensorFlow" makes about its code."""

import keras
import tensorflow as tf
from snippet_runner import run_snippet


def test_tf_keras_shares_classes_with_keras():
    # The page says the classes are the same objects, but the modules are not.
    assert tf.keras.Sequential is keras.Sequential
    assert tf.keras.Model is keras.Model
    assert tf.keras.layers.Dense is keras.layers.Dense
    assert tf.keras is not keras
    assert keras.__version__.startswith("3.")


def test_workflow_learns_the_digits(capsys):
    ns = run_snippet("snippets/tensorflow/keras/workflow.py")
    assert ns["x_train"].shape == (1347, 8, 8, 1)
    assert ns["x_test"].shape == (450, 8, 8, 1)
    assert ns["model"].count_params() == (3 * 3 * 1 * 8 + 8) + (3 * 3 * 8 * 10 + 10)
    assert len(ns["history"].history["loss"]) == 10
    # The loss falls during training and the model does far better than chance (0.10).
    losses = ns["history"].history["loss"]
    assert losses[-1] < losses[0] / 4
    assert ns["test_accuracy"] > 0.85


def _layer_summary(model):
    return [(layer.name, type(layer).__name__, layer.count_params()) for layer in model.layers]


def test_three_ways_build_the_same_network(capsys):
    sequential = run_snippet("snippets/tensorflow/keras/sequential.py")["model"]
    functional = run_snippet("snippets/tensorflow/keras/functional.py")["model"]
    subclassed = run_snippet("snippets/tensorflow/keras/subclassing.py")["model"]
    expected = [
        ("conv", "Conv2D", 80),
        ("pool", "MaxPooling2D", 0),
        ("flatten", "Flatten", 0),
        ("digit", "Dense", 730),
    ]
    assert _layer_summary(sequential) == expected
    # A Functional model lists its Input as a layer.
    assert _layer_summary(functional) == [("pixels", "InputLayer", 0), *expected]
    assert _layer_summary(subclassed) == expected
    # The same input gives outputs of the same shape from all three.
    x = keras.ops.zeros((2, 8, 8, 1))
    for model in (sequential, functional, subclassed):
        assert tuple(model(x).shape) == (2, 10)


def test_summaries_do_not_depend_on_what_ran_before(capsys):
    # Explicit names keep the printed summaries identical however many layers
    # the process has made already.
    run_snippet("snippets/tensorflow/keras/functional.py")
    first = capsys.readouterr().out
    keras.layers.Dense(3)  # bump Keras' automatic name counters
    run_snippet("snippets/tensorflow/keras/functional.py")
    assert capsys.readouterr().out == first


def test_exercise_solutions(tmp_path, capsys):
    ns = run_snippet("snippets/tensorflow/keras/exercises.py", tmp_path)
    assert ns["wider"].count_params() == ns["by_hand"] == 2746
    assert ns["same"]
    assert (tmp_path / "digits_cnn.keras").is_file()
