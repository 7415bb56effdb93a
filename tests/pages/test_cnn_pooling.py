"""Claims the page "Pooling" makes about its code."""

import re
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf
from keras import layers
from shown import output_after
from snippet_runner import run_snippet


def test_worked_example(capsys):
    ns = run_snippet("snippets/cnn/pooling/worked.py")
    fmap = ns["fmap"]
    blocks = fmap.reshape(2, 2, 2, 2)
    assert blocks.max(axis=(1, 3)).tolist() == [[6, 2], [7, 9]]
    assert blocks.mean(axis=(1, 3)).tolist() == [[3.75, 1.25], [2.5, 6.0]]
    assert fmap.mean() == 3.375
    for layer in (layers.MaxPooling2D(2), layers.AveragePooling2D(2)):
        assert layer.strides == layer.pool_size == (2, 2)


def test_each_channel_is_pooled_on_its_own():
    rng = np.random.default_rng(0)
    x = rng.random((2, 4, 6, 16), dtype="float32")
    out = keras.ops.convert_to_numpy(layers.MaxPooling2D(2)(x))
    assert out.shape == (2, 2, 3, 16)
    for c in (0, 7, 15):
        alone = keras.ops.convert_to_numpy(layers.MaxPooling2D(2)(x[..., c : c + 1]))
        np.testing.assert_array_equal(out[..., c : c + 1], alone)
    gap = keras.ops.convert_to_numpy(layers.GlobalAveragePooling2D()(x))
    np.testing.assert_allclose(gap, x.mean(axis=(1, 2)), rtol=1e-6)


def test_gradients_through_max_and_mean():
    x = tf.constant(np.arange(16, dtype="float32").reshape(1, 4, 4, 1))
    for layer, expected in (
        (layers.MaxPooling2D(2), [[0, 0, 0, 0], [0, 1, 0, 1], [0, 0, 0, 0], [0, 1, 0, 1]]),
        (layers.AveragePooling2D(2), np.full((4, 4), 0.25).tolist()),
    ):
        with tf.GradientTape() as tape:
            tape.watch(x)
            total = tf.reduce_sum(layer(x))
        assert tape.gradient(total, x).numpy()[0, :, :, 0].tolist() == expected


def test_with_and_without_pooling(capsys):
    ns = run_snippet("snippets/cnn/pooling/with_without.py")
    without, with_pool = ns["small_cnn"](False), ns["small_cnn"](True)
    convs = [
        [lay.count_params() for lay in m.layers if isinstance(lay, layers.Conv2D)]
        for m in (without, with_pool)
    ]
    assert convs[0] == convs[1] == [896, 18496]
    assert without.layers[-1].count_params() == 32 * 32 * 64 * 10 + 10
    assert with_pool.layers[-1].count_params() == 8 * 8 * 64 * 10 + 10
    out = capsys.readouterr().out
    assert f"{32 * 32 * 3 * 3 * 32 * 64:,} multiply-adds" in out
    assert f"{16 * 16 * 3 * 3 * 32 * 64:,} multiply-adds" in out


def _net(pool):
    keras.utils.set_random_seed(0)
    stack = [keras.Input((24, 24, 1)), layers.Conv2D(4, 3, activation="relu")]
    if pool:
        stack.append(layers.MaxPooling2D(2))
    stack += [layers.Conv2D(4, 3, activation="relu"), layers.GlobalAveragePooling2D()]
    return keras.Sequential(stack)


@pytest.mark.parametrize(
    ("pool", "shift", "same"),
    [(False, 1, True), (False, 3, True), (True, 2, True), (True, 1, False)],
)
def test_global_pooling_after_convolutions_and_shifts(pool, shift, same):
    # An object well clear of the border, so that no patch that sees it is cut off.
    image = np.zeros((24, 24), "float32")
    image[8:11, 8:12] = np.random.default_rng(0).random((3, 4))
    moved = np.roll(image, (shift, shift), axis=(0, 1))
    out = keras.ops.convert_to_numpy(_net(pool)(np.stack([image, moved])[..., None]))
    assert np.allclose(out[0], out[1], atol=1e-6) is same


def test_exercise_solutions(capsys):
    ns = run_snippet("snippets/cnn/pooling/exercises.py")
    assert ns["by_numpy"].shape == (3, 4, 3)
    assert "valid -> (1, 3, 3, 1)\nsame -> (1, 4, 4, 1)" in capsys.readouterr().out


def test_pooling_shrinks_the_output_layer_not_the_accuracy_much():
    # Read from the page (the suite compared it with the run): no second training.
    shown = output_after(Path("docs/cnn/pooling.md"), "pooling/train.py:train")
    rows = dict(re.findall(r"(with|without) pooling: .* validation accuracy ([\d.]+)", shown))
    assert set(rows) == {"with", "without"}
    assert "without pooling: 2,970 parameters" in shown  # 80 + (6*6*8 + 1) * 10
    assert "810 parameters" in shown  # 80 + (3*3*8 + 1) * 10
    assert float(rows["without"]) >= float(rows["with"]) >= 0.85
    assert float(rows["without"]) - float(rows["with"]) <= 0.06
