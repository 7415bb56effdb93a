"""Claims the page "Deep learning and its families" makes about its code.

The trained numbers (LSTM, autoencoder, RBM pipelines) are carried by the outputs
shown on the page, which the suite compares exactly; these tests check the claims
around them without training again.
"""

import re
from pathlib import Path

import keras
import numpy as np
import pytest
from shown import output_after
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import BernoulliRBM
from snippet_runner import ROOT, run_snippet

SNIPPETS = "snippets/neural-networks/deep-learning"


def _section(relative_path: str, name: str) -> dict:
    """Run one named section of a snippet file and return its variables."""
    text = (ROOT / relative_path).read_text()
    code = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)# --8<-- \[end:{name}\]", text, re.S)
    namespace: dict = {}
    exec(compile(code.group(1), relative_path, "exec"), namespace)
    return namespace


def test_convolution_is_equivariant_to_shifts_not_rotations(capsys):
    ns = run_snippet(f"{SNIPPETS}/convolution.py")
    features, image = ns["features"], ns["image"]
    for shift in [(1, 0), (0, 2), (3, 1)]:
        moved = np.roll(image, shift=shift, axis=(1, 2))
        assert np.allclose(features(moved), np.roll(features(image), shift, axis=(1, 2)))
    for turns in [1, 2, 3]:
        turned = np.rot90(image, k=turns, axes=(1, 2))
        assert not np.allclose(features(turned), np.rot90(features(image), k=turns, axes=(1, 2)))


def test_adding_problem_data(capsys):
    ns = _section(f"{SNIPPETS}/lstm.py", "data")
    x, y = ns["x_train"], ns["y_train"]
    assert x.shape == (1000, 10, 2) and ns["x_test"].shape == (300, 10, 2)
    assert np.all(x[:, :, 1].sum(axis=1) == 2)  # exactly two markers per sequence
    np.testing.assert_allclose(y, (x[:, :, 0] * x[:, :, 1]).sum(axis=1), rtol=1e-6)
    # A linear model on the flattened sequences explains little of the target.
    flat = LinearRegression().fit(x.reshape(1000, -1), y)
    x_test, y_test = ns["x_test"], ns["y_test"]
    linear = np.mean((flat.predict(x_test.reshape(300, -1)) - y_test) ** 2)
    assert linear > 0.7 * np.mean((y_test - y.mean()) ** 2)


def test_lstm_has_the_weights_the_page_counts():
    model = keras.Sequential([keras.Input(shape=(10, 2)), keras.layers.LSTM(16)])
    assert model.count_params() == 4 * (16 * (16 + 2) + 16) == 1216


def test_pca_with_eight_components_beats_the_mean_image():
    digits = load_digits()
    pixels = (digits.data / 16.0).astype("float32")
    x_train, x_test = train_test_split(
        pixels, test_size=0.25, stratify=digits.target, random_state=0
    )
    pca = PCA(n_components=8).fit(x_train)
    pca_mse = np.mean((x_test - pca.inverse_transform(pca.transform(x_test))) ** 2)
    mean_mse = np.mean((x_test - x_train.mean(axis=0)) ** 2)
    assert pca_mse == pytest.approx(0.0246, abs=5e-5)
    assert pca_mse / mean_mse == pytest.approx(1 / 3, abs=0.03)


def test_rbm_features_are_hidden_unit_probabilities():
    pixels = load_digits().data[:200] / 16.0
    rbm = BernoulliRBM(n_components=100, n_iter=1, random_state=0).fit(pixels)
    features = rbm.transform(pixels)
    assert features.shape == (200, 100)  # 64 pixels in, 100 features out: no reduction
    assert features.min() >= 0 and features.max() <= 1
    # transform is P(h = 1 | v) = sigmoid(b + v W), the formula on the page.
    by_formula = 1 / (1 + np.exp(-(rbm.intercept_hidden_ + pixels @ rbm.components_.T)))
    np.testing.assert_allclose(features, by_formula, rtol=1e-6)


def test_timeline_years_are_in_order():
    # Only the data: the page's own run draws the figure.
    text = (ROOT / SNIPPETS / "timeline.py").read_text()
    ns: dict = {}
    exec(text[: text.index("fig, ax = plt.subplots")], ns)
    for events in ns["families"].values():
        years = [year for year, _ in events]
        assert years == sorted(years) and min(years) > 1952 and max(years) < 2022
    assert dict(ns["families"]["Recurrent"])[1997] == "LSTM"


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{SNIPPETS}/exercises.py")
    printed = capsys.readouterr().out
    for name, count in ns["by_formula"].items():
        assert f"{name:<9} formula {count:5d}   Keras {count:5d}" in printed
    assert "image moved 2: pooled maps unchanged False, moved by 1 True" in printed


def test_page_links_to_the_cnn_section():
    page = (ROOT / "docs/neural-networks/deep-learning.md").read_text()
    for target in ["../cnn/why-convolutions.md", "../cnn/image-classification.md"]:
        assert target in page
        assert (Path(ROOT / "docs/neural-networks") / target).resolve().is_file()


def test_dense_network_beats_the_linear_model_but_not_the_lstm():
    # Read from the outputs the page shows (the suite compared them with the run).
    page = ROOT / "docs/neural-networks/deep-learning.md"
    lstm = output_after(page, "lstm.py:model")
    linear = float(re.search(r"linear model on all 20 numbers: (\S+)", lstm)[1])
    lstm_mse = float(re.search(r"test MSE, LSTM: (\S+)", lstm)[1])
    shown = output_after(page, "lstm.py:dense")
    dense = float(re.search(r"test MSE: (\S+)", shown)[1])
    assert lstm_mse * 10 < dense < linear  # "tens of times the LSTM's", below the linear model's
