"""Claims the page "Transfer learning" makes about its code and about keras.applications."""

import re

import keras
import numpy as np
import pytest
from application_models import application, unfilled_variables
from keras import layers
from snippet_runner import ROOT

PAGE = ROOT / "docs" / "cnn" / "transfer-learning.md"


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def test_recompile_after_changing_trainable():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 4)).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    first = layers.Dense(3, name="first")
    model = keras.Sequential([keras.Input((4,)), first, layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=1, verbose=0)
    first.trainable = False
    before = first.kernel.numpy().copy()
    model.fit(x, y, epochs=1, verbose=0)
    assert not np.allclose(before, first.kernel.numpy()), "frozen after compile, yet still frozen"
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    before = first.kernel.numpy().copy()
    model.fit(x, y, epochs=1, verbose=0)
    assert np.allclose(before, first.kernel.numpy())


def test_training_false_passed_at_call_time_is_kept():
    batch = np.random.default_rng(0).normal(5.0, 2.0, size=(32, 3)).astype("float32")
    inputs = keras.Input(shape=(3,))
    base = keras.Model(inputs, layers.BatchNormalization()(inputs))

    class Wrapper(keras.Model):
        def __init__(self, base):
            super().__init__()
            self.base = base

        def call(self, x, training=None):
            return self.base(x, training=False)

    out = Wrapper(base)(batch, training=True).numpy()
    # Inference mode: moving statistics (0 and 1) used, none updated.
    assert np.allclose(out.mean(), batch.mean(), atol=0.1)
    assert np.allclose(base.layers[-1].moving_mean.numpy(), 0.0)


def test_weights_copy_between_models_that_differ_only_in_trainable():
    # The comparison copies transfer's weights into tuned: the order of get_weights()
    # must not depend on which layers are frozen.
    def build():
        base = keras.Sequential(
            [
                keras.Input((8, 8, 1)),
                layers.Conv2D(4, 3, use_bias=False),
                layers.BatchNormalization(),
                layers.Flatten(),
            ]
        )
        inputs = keras.Input((8, 8, 1))
        return base, keras.Model(inputs, layers.Dense(2)(base(inputs)))

    (base_a, a), (base_b, b) = build(), build()
    base_a.trainable = False
    base_b.layers[1].trainable = False  # the BatchNormalization layer only
    b.set_weights(a.get_weights())
    x = np.random.default_rng(0).normal(size=(3, 8, 8, 1)).astype("float32")
    assert np.allclose(a(x, training=False), b(x, training=False))


def _shown_differences() -> dict[str, tuple[float, float, float, float]]:
    """Per comparison, (centred mean, standard error, shifted mean, standard error) of the
    difference each run made, as the page shows it (the suite checks it against the run)."""
    rows = {}
    for name in ("feature extraction - scratch", "fine-tuning - feature extraction"):
        number = r"([-+]\d\.\d+) ± (\d\.\d+)"
        match = re.search(re.escape(name) + r"\s+" + number + r"\s+" + number, _page())
        assert match, f"no row {name!r} in the page's output"
        rows[name] = tuple(float(g) for g in match.groups())
    return rows


def test_pretrained_base_is_a_typical_one():
    accuracy = float(re.search(r"task A test accuracy: ([\d.]+)", _page()).group(1))
    assert accuracy >= 0.95  # five classes; a base this good on its own task, every seed
    assert "five bases, each\nfrom its own random starting weights" in _page()


def test_transfer_helps_on_shifted_images_by_more_than_its_error():
    centred, c_error, shifted, s_error = _shown_differences()["feature extraction - scratch"]
    # Over five runs that each redraw the pretraining, the images and the starting weights,
    # the mean gain on shifted images is above zero by more than two standard errors...
    assert shifted > 2 * s_error > 0
    assert f"**On shifted images it helps**, by {shifted:.2f} on average" in _page()
    # ... and on centred images there is no gain: the mean is not above zero, and it is
    # smaller than its standard error.
    assert centred <= 0 and abs(centred) < c_error
    assert f"less than its standard error of {c_error:.2f}" in _page()
    assert f"**On centred test images, transfer gains nothing here** ({centred:+.2f}" in _page()


def test_fine_tuning_adds_little_and_the_text_says_how_much():
    centred, c_error, shifted, s_error = _shown_differences()["fine-tuning - feature extraction"]
    # Both gains are above zero but at most two standard errors: too small for five runs
    # to tell from chance, as the text says.
    assert 0 < centred <= 2 * c_error and 0 < shifted <= 2 * s_error
    said = f"**Fine-tuning adds little, if anything**: {centred:+.2f} on centred and {shifted:+.2f}"
    assert said in _page()
    assert f"at most twice their standard errors ({max(c_error, s_error):.2f})" in _page()


KERAS_IO = {"VGG16": 138.4, "ResNet50": 25.6, "InceptionV3": 23.9, "EfficientNetB0": 5.3}


def _table() -> dict[str, int]:
    rows = re.findall(r"^\| (\w+) \| [^|]+ \| ([\d,]+) \|", _page(), flags=re.MULTILINE)
    return {name: int(count.replace(",", "")) for name, count in rows}


def test_table_counts_are_what_keras_builds():
    table = _table()
    assert set(table) == set(KERAS_IO) | {"MobileNetV3Small", "MobileNetV3Large"}
    for name, count in table.items():
        assert application(name).count_params() == count, name
    assert unfilled_variables() == 0  # the counting left no weights for Keras to fill later


@pytest.mark.parametrize("name", sorted(KERAS_IO))
def test_counts_match_the_keras_io_table(name):
    assert round(application(name).count_params() / 1e6, 1) == KERAS_IO[name]
    assert f"| {name} | {KERAS_IO[name]}M |" in _page()


def test_mobilenet_v3_documentation_quotes_other_numbers():
    doc = keras.applications.MobileNetV3Small.__doc__
    assert re.search(r"mobilenet_v3_large_1\.0_224\s*\|\s*217\s*\|\s*5\.4\s*\|", doc)
    assert re.search(r"mobilenet_v3_small_1\.0_224\s*\|\s*66\s*\|\s*2\.9\s*\|", doc)
    assert round(application("MobileNetV3Small").count_params() / 1e6, 2) == 2.55
    assert round(application("MobileNetV3Large").count_params() / 1e6, 2) == 5.51


@pytest.mark.parametrize(
    "name", ["ResNet50", "InceptionV3", "MobileNetV3Small", "MobileNetV3Large", "EfficientNetB0"]
)
def test_later_networks_average_pool_before_classifying(name):
    # MobileNetV3 and EfficientNet also average-pool inside their squeeze-and-excitation
    # blocks; what matters is that after the last pooling nothing has a spatial extent.
    model = application(name)
    pools = [
        i
        for i, layer in enumerate(model.layers)
        if isinstance(layer, layers.GlobalAveragePooling2D)
    ]
    assert pools, f"{name} has no global average pooling"
    for layer in model.layers[pools[-1] + 1 :]:
        shape = tuple(layer.input.shape)
        assert len(shape) == 2 or shape[1:3] == (1, 1), (name, layer.name, shape)


def test_vgg16_flattens():
    kinds = [type(layer).__name__ for layer in application("VGG16").layers]
    assert "GlobalAveragePooling2D" not in kinds
    assert kinds[-4:] == ["Flatten", "Dense", "Dense", "Dense"]


def test_fine_tuning_the_whole_base_changes_little():
    # Exercise 4, read from the page (the suite compared it with the run).
    rows = dict(
        (name, (float(c), float(s)))
        for name, c, s in re.findall(
            r"^ *(second block only|whole base) +centred ([\d.]+) +shifted ([\d.]+)$",
            _page(),
            flags=re.MULTILINE,
        )
    )
    assert set(rows) == {"second block only", "whole base"}
    for second, whole in zip(rows["second block only"], rows["whole base"], strict=True):
        assert abs(second - whole) <= 0.05
    # The first row is the page's own fine-tuning, as the comparison table shows it.
    fine_tuning = re.search(r"\+ fine-tuning +([\d.]+) ± [\d.]+ +([\d.]+)", _page())
    assert rows["second block only"] == tuple(float(g) for g in fine_tuning.groups())
