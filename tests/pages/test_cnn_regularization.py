"""Claims the page "Dropout and regularization" makes about its code.

The overfitting runs train four models once, in the page's own blocks; their numbers
are carried by the output the page shows, and nothing here trains them again.
"""

import re
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf
from keras import layers, regularizers
from shown import output_after
from snippet_runner import run_snippet


def test_dropout_block(capsys):
    ns = run_snippet("snippets/cnn/regularization/dropout.py")
    assert set(np.unique(ns["train"])) == {0.0, np.float32(1 / 0.75)}
    assert np.array_equal(ns["infer"], ns["x"])


@pytest.mark.parametrize("rate", [0.1, 0.25, 0.5, 0.8])
def test_inverted_dropout_at_any_rate(rate):
    keras.utils.set_random_seed(1)
    x = np.full((1, 20_000), 3.0, "float32")
    out = keras.ops.convert_to_numpy(layers.Dropout(rate)(x, training=True))
    kept = out[out != 0]
    np.testing.assert_allclose(kept, 3.0 / (1 - rate), rtol=1e-6)
    # Each unit is dropped independently: the share dropped is near rate, not exactly it.
    share = np.mean(out == 0)
    spread = np.sqrt(rate * (1 - rate) / x.size)  # standard deviation of that share
    assert abs(share - rate) < 4 * spread
    # The expected value is kept: the mean is 3 give or take the same randomness.
    assert abs(out.mean() - 3.0) < 4 * spread * 3.0 / (1 - rate)


def test_l2_penalty_is_what_the_page_says():
    dense = layers.Dense(5, kernel_regularizer=regularizers.L2(0.001))
    dense.build((None, 4))
    kernel = keras.ops.convert_to_numpy(dense.kernel)
    assert float(dense.losses[0]) == pytest.approx(0.001 * np.sum(kernel**2), rel=1e-5)
    with tf.GradientTape() as tape:
        penalty = dense.losses[0]
    grad = tape.gradient(penalty, dense.kernel.value)
    np.testing.assert_allclose(grad.numpy(), 0.002 * kernel, rtol=1e-5)


def test_augmentation_only_in_training():
    keras.utils.set_random_seed(0)
    shift = layers.RandomTranslation(0.125, 0.125, fill_mode="constant")
    x = np.random.default_rng(0).random((4, 8, 8, 1)).astype("float32")
    assert np.array_equal(keras.ops.convert_to_numpy(shift(x, training=False)), x)
    assert not np.array_equal(keras.ops.convert_to_numpy(shift(x, training=True)), x)


def test_batchnorm_blocks(capsys):
    ns = run_snippet("snippets/cnn/regularization/batchnorm.py")
    out = capsys.readouterr().out
    assert out.count("True") == 5 and "False\n" not in out.replace("training=False", "")
    np.testing.assert_allclose(ns["moving_mean"], 5.0, atol=0.2)
    np.testing.assert_allclose(ns["moving_var"], 9.0, rtol=0.1)


def test_batchnorm_gamma_beta_and_frozen_layer_runs_in_inference_mode():
    x = np.random.default_rng(0).normal(5.0, 3.0, size=(64, 3)).astype("float32")
    bn = layers.BatchNormalization()
    bn.build(x.shape)
    bn.gamma.assign([2.0, 2.0, 2.0])
    bn.beta.assign([1.0, 1.0, 1.0])
    out = keras.ops.convert_to_numpy(bn(x, training=True))
    np.testing.assert_allclose(out.mean(axis=0), 1.0, atol=1e-4)
    np.testing.assert_allclose(out.std(axis=0), 2.0, atol=1e-3)
    # Frozen, it uses its moving averages even when told training=True.
    frozen = layers.BatchNormalization()
    frozen.build(x.shape)
    frozen.trainable = False
    out = keras.ops.convert_to_numpy(frozen(x, training=True))
    np.testing.assert_allclose(out, x / np.sqrt(1 + 1e-3), rtol=1e-5)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(frozen.moving_mean), 0.0)


def test_exercise_solutions(capsys):
    ns = run_snippet("snippets/cnn/regularization/exercises.py")
    bn = ns["bn"]
    assert len(bn.trainable_weights) == len(bn.non_trainable_weights) == 2
    model = keras.Sequential([keras.Input((28, 28, 16)), layers.BatchNormalization()])
    assert sum(int(np.prod(w.shape)) for w in model.non_trainable_weights) == 32
    assert "two calls with training=True agree: False" in capsys.readouterr().out


def test_batchnorm_in_a_conv_block_normalizes_each_channel_and_says_which_are_trained(capsys):
    ns = run_snippet("snippets/cnn/regularization/batchnorm.py")
    block = ns["block"]
    norm = block.get_layer("norm")
    # What the page says: gamma and beta trained, the two moving averages not (32 + 32).
    assert sum(int(np.prod(w.shape)) for w in norm.trainable_weights) == 32
    assert sum(int(np.prod(w.shape)) for w in norm.non_trainable_weights) == 32
    assert block.get_layer("conv").bias is None
    np.testing.assert_allclose(ns["normalized"].mean(axis=(0, 1, 2)), 0.0, atol=1e-3)
    np.testing.assert_allclose(ns["normalized"].std(axis=(0, 1, 2)), 1.0, atol=1e-2)


def test_dropout_and_augmentation_together_underfit():
    # Read from the page (the suite compared both with the run): no second training.
    page = Path("docs/cnn/regularization.md")
    table = output_after(page, "overfitting.py:figure")
    combined = output_after(page, "overfitting.py:combined")
    val = {
        name: float(acc)
        for name, acc in re.findall(r"^(\S.*?) {2,}[\d.]+  ([\d.]+)  ", table, re.M)
    }
    assert set(val) == {"no regularization", "dropout 0.5", "weight decay (L2)", "augmentation"}
    acc_t, acc_v = map(float, re.search(r"train ([\d.]+), val ([\d.]+)", combined).groups())
    loss_t, loss_v = map(float, re.search(r"loss +train ([\d.]+), val ([\d.]+)", combined).groups())
    assert acc_v < min(val.values()) - 0.03  # worse on the validation digits than any
    assert acc_t < 0.95 and loss_t > 0.2  # and no longer fits the training digits either
    assert loss_v > 0.4
