"""Claims the page "The classifier head" makes about its code."""

import re
from pathlib import Path

import keras
import numpy as np
import pytest
from application_models import application
from keras import layers
from shown import output_after
from snippet_runner import run_snippet

from dlcourse.params import dense_params


@pytest.mark.parametrize(("side", "channels", "classes"), [(4, 32, 10), (7, 512, 10), (3, 8, 2)])
def test_head_formulas_match_keras(side, channels, classes):
    # P_Flatten = H*W*C*K + K and P_GAP = C*K + K, as the page writes them.
    maps = keras.Input(shape=(side, side, channels))
    for to_vector, expected in [
        (layers.Flatten, side * side * channels * classes + classes),
        (layers.GlobalAveragePooling2D, channels * classes + classes),
    ]:
        output = layers.Dense(classes)
        output(to_vector()(maps))
        assert output.count_params() == expected


def test_vgg16_head_is_the_formula_and_most_of_the_model():
    with_head = application("VGG16").count_params()
    without = application("VGG16", include_top=False).count_params()
    head = dense_params(7 * 7 * 512, 4096) + dense_params(4096, 4096) + dense_params(4096, 1000)
    assert with_head == 138_357_544  # keras.io: 138.4M
    assert with_head - without == head == 123_642_856
    assert round(head / with_head, 2) == 0.89
    # VGG16 flattens its 7x7x512 maps; no global pooling in its classifier.
    kinds = [type(layer).__name__ for layer in application("VGG16").layers]
    assert "Flatten" in kinds and "GlobalAveragePooling2D" not in kinds


def test_softmax_and_from_logits(capsys):
    ns = run_snippet("snippets/cnn/classifier-head/softmax.py")
    p = ns["p"]
    assert p.sum() == pytest.approx(1.0, abs=1e-6) and (p > 0).all()
    assert ns["loss_a"] == pytest.approx(ns["loss_b"], rel=1e-5)
    assert ns["loss_b"] == pytest.approx(ns["by_hand"], rel=1e-5)
    out = capsys.readouterr().out
    # -ln(1e-7), the cap of a loss fed clipped probabilities
    assert f"{-np.log(1e-7):6.2f}" in out and "200.00" in out


def test_architecture_figure_is_drawn_from_the_model(tmp_path, capsys):
    ns = run_snippet("snippets/cnn/classifier-head/architecture_figure.py", tmp_path)
    assert (tmp_path / "cnn-architecture.png").is_file()
    model, labels = ns["model"], ns["labels"]
    assert len(labels) == len(model.layers) + 1  # the input, then one box per layer
    for layer, label in zip(model.layers, labels[1:], strict=True):
        assert f"{layer.count_params():,} params" in label
        assert "x".join(str(n) for n in layer.output.shape[1:]) in label
    assert model.count_params() == 9_930


def test_the_flatten_head_wins_on_the_digits():
    # Read from the page (the suite compared it with the run): no second training.
    shown = output_after(Path("docs/cnn/classifier-head.md"), "classifier-head/train.py:heads")
    rows = dict(re.findall(r"^(\w+) +[\d,]+ parameters, validation accuracy ([\d.]+)", shown, re.M))
    assert set(rows) == {"Flatten", "GlobalAveragePooling2D"}
    assert "Flatten                9,930 parameters" in shown  # the network of the page
    assert "GlobalAveragePooling2D 5,130 parameters" in shown  # 4,800 + 330
    assert float(rows["Flatten"]) - float(rows["GlobalAveragePooling2D"]) > 0.1
