"""Claims the page "Image classification end to end" makes about its code and results.

The page's chains train three networks (the rehearsal grades the first one, exercise 4
compares with it); these tests read what the page shows (the suite compares it with
what the chains printed) instead of training them again.
"""

import re

import numpy as np
import pytest
from snippet_runner import ROOT

from dlcourse.datasets import load_digits_images

PAGE = ROOT / "docs" / "cnn" / "image-classification.md"
CLASSIFY = ROOT / "snippets" / "cnn" / "image-classification" / "classify.py"
TUNE = ROOT / "snippets" / "cnn" / "image-classification" / "tune.py"
HOME = ROOT / "docs" / "index.md"


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"no {pattern!r} on the page"
    return float(match.group(1))


def _section(path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split(f"# --8<-- [start:{name}]\n")[1].split(f"# --8<-- [end:{name}]")[0]


def test_same_split_and_dense_baseline_as_the_home_page(capsys):
    # The home page makes its split with its own code; it must be this page's split.
    home_data = {"__name__": "__main__"}
    exec(_section(ROOT / "snippets" / "index" / "first_model.py", "data"), home_data)
    (x_train, y_train), (x_test, y_test) = load_digits_images()
    assert np.array_equal(home_data["x_train"], x_train)
    assert np.array_equal(home_data["x_test"], x_test)
    assert np.array_equal(home_data["y_test"], y_test)
    assert np.array_equal(home_data["y_train"], y_train)
    ours = CLASSIFY.read_text()
    assert "= load_digits_images()\n" in ours
    # The CNN trains on fewer images than the dense network: 1,047 of the 1,347.
    assert "model.fit(x_fit, y_fit," in ours and "x_fit, y_fit = x_train[:-300]" in ours
    # The dense network the page compares with, as the home page trains and shows it.
    model_code = _section(ROOT / "snippets" / "index" / "first_model.py", "train")
    assert "epochs=15" in model_code
    shown = HOME.read_text(encoding="utf-8")
    dense_accuracy = _number(r"test accuracy: ([\d.]+)", shown)
    assert "2,410 parameters" in shown
    said = "2,410 parameters, 15 epochs) on all 1,347 training\nimages of the same split"
    assert f"{said} and reaches {dense_accuracy:.2f} on the same test images" in _page()
    assert _number(r"\ntest accuracy: ([\d.]+)", _page()) > dense_accuracy


def test_held_out_accuracy_is_above_the_floor_and_the_text_agrees():
    page = _page()
    accuracy = _number(r"\ntest accuracy: ([\d.]+)", page)
    assert accuracy >= 0.95  # ten classes: chance is 0.10
    assert f"About {round(accuracy * 100)}% of the 450 test digits" in page
    wrong = _number(r"share wrong: ([\d.]+)", page)
    assert wrong == pytest.approx(1 - accuracy, abs=0.0011)  # both rounded to 3 decimals
    assert re.search(r"most often wrong: the 8s", page)  # "In this run the eights are the hardest"


def test_augmentation_makes_the_network_robust_to_shifts():
    page = _page()
    plain = _number(r"\ntest accuracy: ([\d.]+)", page)
    plain_shifted = _number(r"shifted by up to a pixel: ([\d.]+)", page)
    augmented = _number(r"with augmentation: test accuracy ([\d.]+)", page)
    augmented_shifted = _number(r"with augmentation: test accuracy [\d.]+, shifted ([\d.]+)", page)
    # "a little behind" on centred images after the same 5 epochs
    assert 0 < plain - augmented <= 0.05
    assert "the same 5 epochs" in page and ", epochs=5," in _section(CLASSIFY, "augmented-model")
    assert ", epochs=5," in _section(CLASSIFY, "train")
    assert plain_shifted < 0.75 and augmented_shifted >= plain_shifted + 0.2
    for shown in (plain, plain_shifted, augmented, augmented_shifted):
        assert page.count(f"{shown:.3f}") >= 2, f"{shown:.3f} printed but not discussed"
    assert f"got only {plain_shifted:.2f} of\nthem right" in page
    assert "four times in ten" in page and round(1 - plain_shifted, 1) == 0.4


def test_prediction_on_the_drawn_digits_is_discussed_as_printed():
    page = _page()
    found = re.findall(r"predicted (\d) \(p = ([\d.]+)\), next (\d) \(p = ([\d.]+)\)", page)
    assert [first for first, *_ in found] == ["0", "1"], "a drawn digit is mistaken"
    # The prose discusses the drawing the network is least sure of.
    first, _, second, p_second = min(found, key=lambda row: float(row[1]))
    name = {"0": "zero", "1": "one"}[first]
    said = f"hand-drawn\n{name} is a {name}, but with a {p_second} chance of being a {second}"
    assert said in page


def test_the_mistakes_shown_are_the_most_confident_ones():
    # Confident mistakes are the same on every machine; borderline ones are not.
    line = re.search(r"probability given to each wrong answer: ([\d. ]+)", _page()).group(1)
    shown = [float(p) for p in line.split()]
    assert len(shown) == 3 and min(shown) > 0.9
    assert "most confident mistakes, each with a probability near 1" in _page()


def _report(first_line: str) -> list[str]:
    """The grader's report the page shows, from its first line to its RESULT line."""
    lines = _page().splitlines()
    start = lines.index(first_line)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("RESULT: "))
    return lines[start : end + 1]


def test_rehearsal_is_graded_by_the_assignment_grader_with_the_digits_thresholds():
    from dlcourse.grade import DIGITS_MAX_PARAMS, MIN_ACCURACY

    page = " ".join(_page().split())
    threshold, budget = MIN_ACCURACY["digits"], DIGITS_MAX_PARAMS
    assert f"at least {threshold:.2f} test accuracy, at most {budget:,} parameters" in page
    code = _section(CLASSIFY, "rehearsal")
    assert 'model.save("digits_model.keras")' in code
    assert 'grade("digits_model.keras", data="digits")' in code
    report = _report("Grading digits_model.keras")
    assert report[1] == "held-out data: the 8x8 digits' test split (450 images, pixels 0 to 1)"
    assert [line.split()[0] for line in report[2:-1]] == ["PASS"] * 6, report
    assert report[-1] == "RESULT: PASS (6 of 6 checks passed)"
    accuracy = _number(r"PASS  accuracy +([\d.]+) on 450", "\n".join(report))
    assert accuracy >= threshold
    # The saved file is the network the evaluate step measured ("scores what the
    # evaluate step printed").
    assert accuracy == round(_number(r"\ntest accuracy: ([\d.]+)", _page()), 2)
    assert f"(threshold {threshold:.2f})" in report[-2]
    assert f"(budget {budget:,})" in report[4]


def test_the_broken_model_shows_the_grader_s_fixes():
    report = _report("Grading model")
    failed = [line.split()[1] for line in report if line.startswith("FAIL  ")]
    assert failed == ["output", "trains", "accuracy"], report
    fixes = " ".join(" ".join(line.split()) for line in report)
    assert 'fix: add activation="softmax" to the last Dense layer' in fixes
    assert report[-1] == "RESULT: FAIL (3 of 6 checks passed)"
    assert all(len(line) <= 80 for line in report)


def test_a_horizontal_flip_mirrors_in_training_only(capsys):
    from snippet_runner import run_snippet

    ns = run_snippet("snippets/cnn/image-classification/flip.py")
    capsys.readouterr()
    assert ns["seen"] == {"[[0, 1, 2], [3, 4, 5]]", "[[2, 1, 0], [5, 4, 3]]"}
    np.testing.assert_array_equal(ns["same"], ns["image"])


def test_half_the_filters_lose_a_little_on_validation_digits():
    # Exercise 4, read from the page: the choice is made on validation digits, the
    # network of the train step against the half one, trained the same way.
    page = _page()
    full = _number(r"\nvalidation accuracy: ([\d.]+)", page)
    row = re.search(r"filters 8 and 16: ([\d,]+) parameters, validation accuracy ([\d.]+)", page)
    assert row and row.group(1) == "3,818" and "9,930 parameters" in page
    half = float(row.group(2))
    assert 0 < full - half <= 0.05 and half >= 0.9
    assert f"reach {half:.3f} against the\n        {full:.3f} of the network" in page
    assert round((full - half) * 100) == 2, "the prose says about two points"
    tune = _section(TUNE, "filters")
    assert "x_test" not in tune
    for line in ("x_fit, y_fit = x_train[:-300]", "epochs=5, batch_size=32"):
        assert line in tune and line in _section(CLASSIFY, "train")
