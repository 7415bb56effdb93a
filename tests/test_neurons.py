"""dlcourse.neurons: the step unit, the perceptron rule and the dense layer, against Keras."""

import keras
import numpy as np
import pytest
from sklearn.datasets import make_blobs

from dlcourse.neurons import dense_forward, step, train_perceptron

CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def test_step_is_one_from_zero_up():
    assert step([-2.0, -1e-9, 0.0, 3.0]).tolist() == [0.0, 0.0, 1.0, 1.0]
    assert step(0.5) == 1.0


@pytest.mark.parametrize("targets", [[0, 0, 0, 1], [0, 1, 1, 1], [1, 1, 1, 0], [0, 0, 1, 1]])
def test_perceptron_converges_on_separable_truth_tables(targets):
    w, b, errors = train_perceptron(CORNERS, targets)
    assert errors[-1] == 0 and all(e > 0 for e in errors[:-1])
    assert step(CORNERS @ w + b).tolist() == targets


def test_perceptron_converges_on_two_separable_blobs():
    x, y = make_blobs(n_samples=200, centers=[(-3, -3), (3, 3)], cluster_std=1.0, random_state=1)
    w, b, errors = train_perceptron(x, y, max_epochs=100)
    assert errors[-1] == 0 and len(errors) < 100
    assert (step(x @ w + b) == y).all()


@pytest.mark.parametrize("learning_rate", [1.0, 0.5, 3.0])
def test_perceptron_never_has_a_clean_epoch_on_xor(learning_rate):
    w, b, errors = train_perceptron(
        CORNERS, [0, 1, 1, 0], learning_rate=learning_rate, max_epochs=500
    )
    assert len(errors) == 500
    assert min(errors) > 0
    # No line gets more than three of the four XOR answers right.
    assert (step(CORNERS @ w + b) != [0, 1, 1, 0]).sum() >= 1


def test_a_correct_answer_changes_nothing():
    w, b, errors = train_perceptron([[1.0, 2.0]], [1])  # zero weights: z = 0, output 1
    assert errors == [0] and w.tolist() == [0.0, 0.0] and b == 0.0


@pytest.mark.parametrize("activation", [None, "sigmoid", "relu", "tanh"])
def test_dense_forward_matches_keras_dense(activation):
    rng = np.random.default_rng(1)
    x, kernel, bias = rng.normal(size=(7, 4)), rng.normal(size=(4, 5)), rng.normal(size=5)
    layer = keras.layers.Dense(5, activation=activation)
    layer.build((None, 4))
    layer.set_weights([kernel, bias])
    numpy_activation = {
        None: None,
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "relu": lambda z: np.maximum(z, 0),
        "tanh": np.tanh,
    }[activation]
    ours = dense_forward(x, kernel, bias, numpy_activation)
    assert ours.shape == (7, 5)
    np.testing.assert_allclose(ours, keras.ops.convert_to_numpy(layer(x)), rtol=1e-5, atol=1e-5)


def test_a_dense_layer_of_one_unit_is_a_tlu():
    out = dense_forward(CORNERS, [[1.0], [1.0]], [-1.5], step)
    assert out[:, 0].tolist() == [0.0, 0.0, 0.0, 1.0]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: train_perceptron([0, 1], [0, 1]), ValueError, r"got x \(2,\), y \(2,\)"),
        (lambda: train_perceptron(CORNERS, [0, 1, 1]), ValueError, r"y \(3,\)"),
        (lambda: train_perceptron(CORNERS, [0, 1, 2, 0]), ValueError, "targets must be 0 or 1"),
        (
            lambda: train_perceptron(CORNERS, [0, 1, 1, 0], learning_rate=0),
            ValueError,
            "need learning_rate > 0",
        ),
        (
            lambda: train_perceptron(CORNERS, [0, 1, 1, 0], max_epochs=0),
            ValueError,
            "max_epochs >= 1",
        ),
        (
            lambda: dense_forward(np.ones((3, 2)), np.ones((3, 4)), np.ones(4)),
            ValueError,
            r"got x \(3, 2\), kernel \(3, 4\)",
        ),
        (
            lambda: dense_forward(np.ones(2), np.ones((2, 4)), np.ones(4)),
            ValueError,
            r"got x \(2,\)",
        ),
        (
            lambda: dense_forward(np.ones((3, 2)), np.ones((2, 4)), np.ones(3)),
            ValueError,
            r"need bias of shape \(4,\), got \(3,\)",
        ),
        (
            lambda: dense_forward(np.ones((3, 2)), np.ones((2, 4)), np.ones(4), "relu"),
            TypeError,
            "activation must be a function or None, got 'relu'",
        ),
    ],
)
def test_bad_input_says_what_was_wrong(call, error, message):
    with pytest.raises(error, match=message):
        call()
