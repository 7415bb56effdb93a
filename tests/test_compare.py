"""How a block's output and figures are compared when they come from training."""

import io

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from compare import figure_difference, numbers_beyond, skeleton
from compare_outputs import approx_beyond


def test_skeleton_keeps_words_integers_and_the_number_of_decimals():
    assert skeleton("224 images: 0.83 ± 0.03, loss -1.5e-03") == "224 images: {2} ± {2}, loss {1}"


@pytest.mark.parametrize(
    ("shown", "printed", "expected"),
    [
        ("accuracy 0.83", "accuracy 0.85", []),
        ("accuracy 0.83", "accuracy 0.86", []),
        ("accuracy 0.83", "accuracy 0.87", ["shown 0.83, printed 0.87"]),
        ("gain +0.05, -0.03", "gain +0.05, -0.07", ["shown -0.03, printed -0.07"]),
        ("13 of 450 wrong", "14 of 450 wrong", None),  # integers are exact
        ("accuracy 0.83", "accuracy 0.830", None),  # so is the format
        ("accuracy 0.83", "precision 0.83", None),
    ],
)
def test_numbers_beyond_the_tolerance(shown, printed, expected):
    assert numbers_beyond(shown, printed, 0.03) == expected


def test_lines_named_by_the_mark_get_their_own_tolerance():
    shown = "accuracy 0.97\npredicted 0 (p = 0.76)"
    wider = {"p = ": 0.2}
    assert numbers_beyond(shown, "accuracy 0.98\npredicted 0 (p = 0.87)", 0.03, wider) == []
    assert numbers_beyond(shown, "accuracy 0.87\npredicted 0 (p = 0.76)", 0.03, wider) == [
        "shown 0.97, printed 0.87"
    ]
    assert numbers_beyond(shown, "accuracy 0.97\npredicted 0 (p = 0.99)", 0.03, wider) == [
        "shown 0.76, printed 0.99"
    ]


def _curve(last: float, label: str = "accuracy") -> bytes:
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.plot([0, 1, 2, 3], [0.5, 0.8, 0.85, last])
    ax.set(ylim=(0, 1), ylabel=label)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def test_a_curve_a_fraction_of_a_pixel_away_passes():
    assert _curve(0.9) != _curve(0.901)
    assert figure_difference(_curve(0.9), _curve(0.901)) is None


# Drawn in the test, not at collection: every xdist worker collects every module.
@pytest.mark.parametrize("last, label", [(0.95, "accuracy"), (0.9, "accurasy"), (0.9, "loss")])
def test_a_moved_curve_or_a_changed_label_fails(last, label):
    changed = _curve(last, label=label)
    assert "looks different around pixel" in figure_difference(_curve(0.9), changed)


def test_area_lets_a_detail_differ_and_nothing_more():
    # A changed word of a label is under 0.01% of a 400x300 figure; a moved curve is more.
    label = _curve(0.9, label="accurasy")
    assert figure_difference(_curve(0.9), label, area=0.001) is None
    why = figure_difference(_curve(0.9), _curve(0.5), area=0.001)
    assert "outside 0.10% of the figure" in why


def test_a_figure_of_another_size_fails():
    fig, _ = plt.subplots(figsize=(3, 3), dpi=100)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    assert "size changed from 400x300 to 300x300" in figure_difference(_curve(0.9), out.getvalue())


def test_a_training_log_within_the_tolerance_passes_whatever_its_times():
    shown = "Epoch 2/4\n11/11 - 3s - 239ms/step - loss: 4.4311 - val_loss: 3.3642\n"
    printed = "Epoch 2/4\n11/11 - 1s - 24ms/step - loss: 4.4312 - val_loss: 3.3642\n"
    assert approx_beyond(shown, printed, 0.02) == []
    assert approx_beyond(shown, printed.replace("4.4312", "4.4611"), 0.02) == [
        "shown 4.4311, printed 4.4611"
    ]
    assert approx_beyond(shown, printed.replace("Epoch 2", "Epoch 3"), 0.02) is None
