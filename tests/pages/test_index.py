"""Claims the home page makes about its first model.

The page's blocks train the model and the suite compares what they print with the page,
so these tests do not train it again: they run the data and model sections and read the
accuracy the page shows.
"""

import re

import numpy as np
import pytest
from pages import PATH_SECTIONS, nav_pages, reading_time_table, reading_words
from snippet_runner import ROOT

from dlcourse.datasets import load_digits_images

SNIPPET = ROOT / "snippets" / "index" / "first_model.py"


def _sections(*names: str) -> str:
    text = SNIPPET.read_text()
    pattern = r"# --8<-- \[start:{0}\]\n(.*?)# --8<-- \[end:{0}\]"
    return "\n".join(re.search(pattern.format(name), text, re.S).group(1) for name in names)


def test_data_and_model_are_what_the_page_says(capsys):
    ns = {"__name__": "__main__"}
    exec(compile(_sections("data", "model"), str(SNIPPET), "exec"), ns)
    assert ns["x_train"].shape == (1347, 8, 8, 1)
    assert ns["x_train"].min() == 0 and ns["x_train"].max() == 1  # "scaled to [0, 1]"
    assert len(ns["x_test"]) / (len(ns["x_train"]) + len(ns["x_test"])) == 450 / 1797
    assert ns["model"].count_params() == 64 * 32 + 32 + 32 * 10 + 10
    # The plain scikit-learn code gives the same split as the loader other pages use.
    (x_train, y_train), (x_test, y_test) = load_digits_images()
    loaded = {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}
    for name, array in loaded.items():
        np.testing.assert_array_equal(ns[name], array)


def test_shown_accuracy_is_far_above_chance():
    # The suite checks that the page shows what the run printed; chance is 0.10.
    page = (ROOT / "docs" / "index.md").read_text()
    assert float(re.search(r"^test accuracy: ([\d.]+)$", page, re.M).group(1)) > 0.9


def test_first_model_needs_only_what_set_up_installs():
    # A newcomer copies this first: it must not need the site's own package.
    assert "dlcourse" not in SNIPPET.read_text()


def test_the_number_of_blocks_ci_cannot_run_is_what_the_page_says():
    marks = sum(
        page.read_text().count("<!--pytest.mark.skip(")
        for page in (ROOT / "docs").rglob("*.md")
        if page.name != "testing.md"  # shows the mark as an example, in backticks
    )
    text = (ROOT / "docs" / "index.md").read_text()
    words = {3: "three", 4: "four", 5: "five", 6: "six"}
    assert f"The {words.get(marks, marks)} blocks that cannot run here" in " ".join(text.split())


def test_reading_words_leave_out_code_and_markers(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\nTwo words.\n\n<!--pytest.mark.skip(reason='not counted')-->\n"
        "```python\nprint('not counted either')\n```\n\n    ```text\n    out\n    ```\nEnd.\n"
    )
    assert reading_words(page) == 5  # "#", "Title", "Two", "words.", "End."


def test_the_home_page_gets_its_reading_times_from_the_pages(tmp_path):
    """The table is made at build time (site_hooks.READING_TIMES), one row per section of
    the path, from its pages' words at 200 a minute, so it cannot go stale."""
    import site_hooks

    assert site_hooks.READING_TIMES in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    table = reading_time_table(ROOT / "mkdocs.yml", ROOT / "docs", PATH_SECTIONS)
    rows = re.findall(r"^\| ([^|]+?) \| (\d+) \| about (\d+) min \|$", table, re.M)
    assert [title for title, _, _ in rows] == list(PATH_SECTIONS)
    for title, count, minutes in rows:
        pages = nav_pages(ROOT / "mkdocs.yml", (title,))
        words = sum(reading_words(ROOT / "docs" / page) for page in pages)
        assert int(count) == len(pages) and int(minutes) % 10 == 0
        assert abs(int(minutes) - words / 200) <= 5 or int(minutes) == 10, (title, words)
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav:\n  - Start here:\n      - index.md\n")
    with pytest.raises(ValueError, match="no section 'Going further'"):
        reading_time_table(config, ROOT / "docs", ("Going further",))
