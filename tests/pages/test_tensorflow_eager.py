"""Claims the eager execution page makes about EagerTensors and debugging."""

import numpy as np
import tensorflow as tf
from snippet_runner import run_snippet


def test_ops_return_eager_tensors_with_values():
    ns = run_snippet("snippets/tensorflow/eager/basics.py")
    assert type(ns["product"]).__name__ == "EagerTensor"
    assert isinstance(ns["product"], tf.Tensor)
    np.testing.assert_array_equal(ns["product"].numpy(), [4, 10, 18])
    np.testing.assert_array_equal(ns["result"].numpy(), [2, 4, 6])


def test_debugging_finds_the_constant_column():
    ns = run_snippet("snippets/tensorflow/eager/debugging.py")
    assert ns["columns"].numpy().tolist() == [1]
    assert ns["local"]["std"].numpy()[1] == 0.0
    # Newton's method converged to sqrt(2) within the tolerance the loop checks.
    assert abs(ns["guess"].numpy() ** 2 - 2.0) <= 1e-6
    assert ns["steps"] == 4
    # The block switched the global debugging flag off again.
    assert not tf.config.functions_run_eagerly()


def test_exercise_solutions():
    ns = run_snippet("snippets/tensorflow/eager/exercises.py")
    assert ns["halvings"] == 6 and ns["values"].numpy().max() < 1.0
    assert ns["seen"] == ["SymbolicTensor", "EagerTensor"]
    assert not tf.config.functions_run_eagerly()
