"""Claims the tensors page makes about shapes, dtypes, broadcasting and variables."""

import numpy as np
import pytest
from snippet_runner import run_snippet


def test_ranks_and_shapes():
    ns = run_snippet("snippets/tensorflow/tensors/ranks.py")
    ranks = {name: t.ndim for name, t in ns["examples"].items()}
    assert ranks == {"scalar": 0, "vector": 1, "matrix": 2, "3-D": 3, "4-D": 4}
    four_d = ns["examples"]["4-D"]
    assert tuple(four_d.shape) == (3, 2, 3, 4)
    assert four_d.dtype.name == "uint8"
    # Python integers become int32 and Python floats float32, as the page says.
    assert ns["examples"]["matrix"].dtype.name == "int32"
    assert ns["examples"]["scalar"].dtype.name == "float32"


def test_figure_draws_one_cube_per_element(tmp_path):
    ns = run_snippet("snippets/tensorflow/tensors/ranks_figure.py", tmp_path)
    assert (tmp_path / "tensors-ranks.png").is_file()
    elements = sum(int(np.prod(shape)) for shape in ns["shapes"])
    assert elements == 1 + 4 + 12 + 24 + 72
    assert len(ns["ax"].patches) == 3 * elements  # three visible faces per cube


def test_numpy_round_trip_keeps_float64():
    ns = run_snippet("snippets/tensorflow/tensors/create.py")
    assert ns["t"].dtype.name == "float64"
    assert ns["back"].dtype == np.float32
    np.testing.assert_array_equal(ns["back"], ns["a"])
    assert ns["t64"].dtype.name == "float64" and ns["t32"].dtype.name == "float32"


def test_matmul_broadcast_and_reshape_match_numpy():
    ns = run_snippet("snippets/tensorflow/tensors/ops.py")
    X, W = ns["X"].numpy(), ns["W"].numpy()
    np.testing.assert_allclose((ns["X"] @ ns["W"]).numpy(), X @ W)
    np.testing.assert_allclose(ns["XW"].numpy(), X @ W)  # the constant the page copies
    assert tuple((ns["column"] + ns["row"]).shape) == (3, 4)
    np.testing.assert_array_equal(ns["m"].numpy(), np.arange(12).reshape(3, 4))
    np.testing.assert_array_equal((ns["x"] * ns["y"]).numpy(), [4, 10, 18])


def test_variable_changes_constant_does_not():
    import tensorflow as tf

    ns = run_snippet("snippets/tensorflow/tensors/variables.py")
    np.testing.assert_array_equal(ns["w"].numpy(), [0.0, 6.0, 7.0])
    np.testing.assert_array_equal(ns["c"].numpy(), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(ns["new"].numpy(), [0.0, 2.0, 3.0])
    with pytest.raises(TypeError):
        ns["c"][0] = 5.0
    assert not hasattr(tf.constant(1.0), "assign")


def test_exercise_solutions():
    ns = run_snippet("snippets/tensorflow/tensors/exercises.py")
    assert tuple(ns["red"].shape) == (32, 32)
    scaled = ns["scaled"].numpy()
    np.testing.assert_allclose(scaled.mean(axis=0), 0.0, atol=1e-6)
    np.testing.assert_allclose(scaled.std(axis=0), 1.0, rtol=1e-5)
    assert ns["total"].numpy() == 12.0
    assert ns["readings"].numpy().min() < 0  # the original is untouched


def test_indexing_matches_numpy_where_the_page_says_it_does(capsys):
    ns = run_snippet("snippets/tensorflow/tensors/indexing.py")
    t = ns["t"]
    a = t.numpy()
    for index in [
        (1, 2, 3),
        (-1,),
        (slice(1, None),),
        (0, slice(1, None), slice(None, None, 2)),
        (slice(None), 0),
        (Ellipsis, 0),
        (Ellipsis, None),
        (slice(None, None, -1), slice(None, None, -2)),
    ]:
        np.testing.assert_array_equal(t[index].numpy(), a[index])
    # tf.gather and a boolean mask do what NumPy's index arrays and masks do ...
    b = np.arange(12).reshape(3, 4)
    import tensorflow as tf

    m = tf.constant(b)
    np.testing.assert_array_equal(tf.gather(m, [2, 0, 2]).numpy(), b[[2, 0, 2]])
    np.testing.assert_array_equal(tf.gather(m, [3, 0], axis=1).numpy(), b[:, [3, 0]])
    np.testing.assert_array_equal(m[m % 2 == 0].numpy(), b[b % 2 == 0])
    np.testing.assert_array_equal(m[m[:, 0] > 0].numpy(), b[b[:, 0] > 0])
    # ... but a list in square brackets is one index per axis, unlike NumPy.
    assert m[[0, 2]].numpy() == b[0, 2]
    with pytest.raises(TypeError, match="valid indices"):
        m[:, [3, 0]]
    # The variable was written through its slices; a slice is a copy.
    np.testing.assert_array_equal(ns["w"].numpy(), [[7, 1, 2, 3], [-1, 0, -1, 0], [-1, 0, -1, 0]])
    row = ns["w"][0]
    ns["w"][0].assign(tf.zeros(4))
    np.testing.assert_array_equal(row.numpy(), [7, 1, 2, 3])
