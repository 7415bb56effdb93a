"""A contributor's page that is broken in any of these ways fails, naming the page and line.

The pages live in tests/fixtures/site/, a small site that renders exactly like the real
one (its mkdocs.yml inherits the real mkdocs.yml). One pytest run over all of them, in a
fresh process with the docblocks plugin, runs their blocks, builds the site and walks
its HTML; each test below reads that run's report for one page. One more run covers
``--update-outputs``, and reads the pages whose snippet errors would stop the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docblocks import figures_drawn_elsewhere

pytestmark = pytest.mark.slow
# The fixture figures were drawn by the pinned matplotlib; with another (the oldest or the
# newest releases) the suite does not compare figures, so these tests cannot hold there.
PINNED_DRAWING = pytest.mark.skipif(
    figures_drawn_elsewhere() is not None,
    reason=f"figures are not compared here: {figures_drawn_elsewhere()}",
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
# Pages whose snippet errors stop the whole build: they are read in the update run.
BREAK_THE_BUILD = ["missing_snippet_file.md", "missing_section.md"]
INNER_PYTEST = [sys.executable, "-m", "pytest", "-p", "docblocks", "-p", "no:cacheprovider"]
INNER_PYTEST += ["--docs-config", "mkdocs.yml", "--junitxml", "report.xml"]
INNER_PYTEST += ["-o", "junit_family=xunit1", "-rN", "-q"]


def make_site(dest: Path, drop: list[str] = ()) -> Path:
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True)
    for name in ("tools", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    # The hook reads the pinned versions for the stamp on every page.
    (dest / "requirements").mkdir(exist_ok=True)
    shutil.copy(ROOT / "requirements" / "constraints.txt", dest / "requirements")
    config = dest / "mkdocs.yml"
    config.write_text(
        re.sub(r"^INHERIT: .*$", f"INHERIT: {ROOT / 'mkdocs.yml'}", config.read_text(), flags=re.M)
    )
    for name in drop:
        (dest / "pages" / name).unlink()
    return dest


class Report:
    """One inner pytest run: its output and, per page and item, the outcome and text."""

    def __init__(self, site: Path, *args: str):
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "tools")]),
        }
        done = subprocess.run(
            [*INNER_PYTEST, *args],
            cwd=site,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        self.returncode, self.output = done.returncode, done.stdout + done.stderr
        self.items: dict[tuple[str, str], tuple[str, str]] = {}
        for case in ET.parse(site / "report.xml").getroot().iter("testcase"):
            outcome, text = "passed", ""
            for kind in ("failure", "error", "skipped"):
                node = case.find(kind)
                if node is not None:
                    outcome = kind if kind != "failure" else "failed"
                    text = (node.get("message") or "") + "\n" + (node.text or "")
            self.items[(case.get("file"), case.get("name"))] = (outcome, text)

    def page(self, name: str) -> dict[str, tuple[str, str]]:
        items = {item: result for (file, item), result in self.items.items() if file == name}
        assert items, f"{name} was not collected:\n{self.output[-3000:]}"
        return items

    def outcomes(self, page: str) -> dict[str, str]:
        return {item: outcome for item, (outcome, _) in self.page(page).items()}

    def outcome(self, page: str, item: str) -> str:
        return self.page(page)[item][0]

    def text(self, page: str, item: str) -> str:
        return self.page(page)[item][1]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    site = make_site(tmp_path_factory.mktemp("fixture-site"), drop=BREAK_THE_BUILD)
    return Report(site, "pages")


def assert_lines(text: str, *patterns: str) -> None:
    """Each pattern matches a whole line of ``text``; ``*`` is the only wildcard."""
    lines = text.splitlines()
    for pattern in patterns:
        regex = re.compile(".*".join(re.escape(part) for part in pattern.split("*")))
        assert any(regex.fullmatch(line) for line in lines), f"no line matches {pattern!r}:\n{text}"


def fails_with(report: Report, page: str, item: str, *patterns: str) -> None:
    outcome, text = report.page(f"pages/{page}")[item]
    assert outcome == "failed", f"{page}::{item} {outcome}:\n{text}"
    assert_lines(text, *patterns)


@PINNED_DRAWING
def test_good_page_runs_every_block_and_matches_its_html(report):
    assert report.outcomes("pages/good.md") == {
        "line 3": "passed",
        "line 14": "passed",
        "line 24": "skipped",
        "line 28": "passed",
        "checks": "passed",
        "html": "passed",
    }
    assert_lines(report.output, "docs code blocks executed: *", "built pages checked: *")


def test_every_page_mkdocs_builds_is_collected(report):
    assert report.outcome("pages", "every built page is collected") == "passed"


# --- blocks and outputs -------------------------------------------------------------------


def test_failing_block_names_page_line_and_code_without_test_machinery(report):
    fails_with(
        report,
        "failing_inline.md",
        "line 3",
        "pages/failing_inline.md:6: the code block raised KeyError",
        '>   3 | missing = values["b"]',
        "*Traceback (most recent call last)",
        "KeyError: 'b'",
    )
    text = report.text("pages/failing_inline.md", "line 3")
    assert not re.search(r"_pytest|pluggy|docblocks\.py", text), text


def test_annotations_are_evaluated_as_in_a_readers_run(report):
    # The plugin's own `from __future__ import annotations` must not reach the page's code.
    fails_with(
        report,
        "annotation_undefined.md",
        "line 3",
        "pages/annotation_undefined.md:4: the code block raised NameError",
        "NameError: name 'Length' is not defined",
    )


def test_failing_snippet_names_page_line_and_snippet(report):
    fails_with(
        report,
        "failing_snippet.md",
        "line 5",
        "pages/failing_snippet.md:6 (from snippet snippets/examples.py:boom, at"
        " snippets/examples.py:7): the code block raised ZeroDivisionError",
        ">   2 | average = sum(numbers) / (len(numbers) - 3)",
    )
    # Its output was never compared, and the built-page check says why.
    fails_with(
        report,
        "failing_snippet.md",
        "html",
        "pages/failing_snippet.md:11: this text is shown under a Python block as its output*",
        "This may follow from the failed block(s) above (pages/failing_snippet.md::line 5)*",
    )


def test_changed_output_fails_with_a_diff(report):
    fails_with(
        report,
        "wrong_output.md",
        "line 3",
        "pages/wrong_output.md:8: the output shown on the page differs*",
        "-41",
        "+42",
    )


def test_output_without_a_marker(report):
    fails_with(
        report, "output_no_marker.md", "checks", "pages/output_no_marker.md:7: this ```text*"
    )
    fails_with(
        report,
        "output_no_marker.md",
        "html",
        "pages/output_no_marker.md:8: this text is shown under a Python block as its output*",
    )


def test_output_printed_but_not_shown(report):
    fails_with(
        report,
        "output_missing.md",
        "line 3",
        "pages/output_missing.md:3: this block prints, but the page shows no output under it.*"
        " Run `python3 tasks.py update pages/output_missing.md`, which writes it*",
        "<!--pytest-codeblocks:expected-output-->",
        "42",
        "If what it prints depends on the machine (timings), mark the block*",
    )


def test_output_marked_unshown_runs_uncompared_and_says_why(report):
    outcomes = report.outcomes("pages/output_unshown.md")
    assert outcomes["line 4"] == "passed"
    fails_with(
        report,
        "output_unshown.md",
        "line 11",
        "pages/output_unshown.md:11: this block is marked unshown, but prints nothing*",
    )


def test_heading_that_skips_a_level_or_a_second_title(report):
    fails_with(
        report,
        "heading_levels.md",
        "checks",
        "pages/heading_levels.md:5: a level-4 heading under a level-2 one*",
        "pages/heading_levels.md:7: a second `#` heading*",
    )


def test_code_line_wider_than_the_column(report):
    fails_with(
        report,
        "wide_line.md",
        "checks",
        "pages/wide_line.md:4: this line of code is 88 characters wide; the page shows 80*",
    )
    assert "wide_line.md:5" not in report.text("pages/wide_line.md", "checks")


def test_output_line_wider_than_the_column(report):
    fails_with(
        report,
        "wide_output.md",
        "checks",
        "pages/wide_output.md:11: this line of output is 83 characters wide; the page shows 80*",
    )
    # An error message wraps on the page instead.
    assert "wide_output.md:12" not in report.text("pages/wide_output.md", "checks")


def test_output_behind_tildes(report):
    fails_with(
        report, "output_tildes.md", "checks", "pages/output_tildes.md:8: *fenced with tildes (~~~)*"
    )
    fails_with(report, "output_tildes.md", "html", "pages/output_tildes.md:9: this text is shown*")


def test_output_fenced_as_python(report):
    fails_with(
        report, "python_output.md", "checks", "pages/python_output.md:8: *fenced as ```python*"
    )
    fails_with(
        report,
        "python_output.md",
        "html",
        "pages/python_output.md:9: this block is shown as Python (class language-python)*",
    )


def test_stderr_is_part_of_the_output(report):
    assert report.outcome("pages/output_stderr.md", "line 5") == "passed"
    fails_with(
        report,
        "output_stderr.md",
        "line 20",
        "pages/output_stderr.md:27: the output shown on the page differs*",
        "-warning: 42",
        "+warning: 41",
    )


def test_whitespace_insensitive_outputs_are_refused(report):
    fails_with(
        report,
        "ignore_whitespace.md",
        "read",
        "pages/ignore_whitespace.md:7: <!--pytest-codeblocks:expected-output-ignore-whitespace-->"
        " is not supported*",
    )


def test_second_output_in_a_chain_names_its_line(report):
    fails_with(
        report, "two_outputs_in_chain.md", "read", "pages/two_outputs_in_chain.md:19: pytest-*"
    )


# --- blocks shown as Python that would not run ---------------------------------------------


def test_pycon_and_tilde_blocks(report):
    fails_with(
        report,
        "unexecuted.md",
        "checks",
        "pages/unexecuted.md:3: this ```pycon block is highlighted as Python but would not run*",
        "pages/unexecuted.md:8: this ~~~python block is fenced with tildes*",
    )
    fails_with(
        report,
        "unexecuted.md",
        "html",
        "pages/unexecuted.md:4: this block is shown as Python*",
        "pages/unexecuted.md:9: this block is shown as Python*",
    )


def test_other_languages_pygments_highlights_as_python(report):
    patterns = [
        f"pages/other_languages.md:{n}: this ```{lang} block*"
        for n, lang in [(3, "sage"), (7, "pyi"), (11, "cython"), (15, "ipython3")]
    ]
    fails_with(report, "other_languages.md", "checks", *patterns)
    fails_with(
        report,
        "other_languages.md",
        "html",
        *[f"pages/other_languages.md:{n}: this block is shown as Python*" for n in (4, 8, 12, 16)],
    )


def test_python_written_as_html(report):
    fails_with(
        report,
        "raw_html_code.md",
        "html",
        "pages/raw_html_code.md:3: this block is shown as Python (class language-python)*",
        "pages/raw_html_code.md:6: this block is shown as Python (Python token markup)*",
        "pages/raw_html_code.md:9: inline code `never_ran()` is highlighted as Python but*",
        "pages/raw_html_code.md:11: this block is shown as Python (Python token markup)*",
    )


# --- ways to show what did not run, or to run what is not shown -----------------------------


def test_code_that_runs_but_is_not_shown(report):
    # A fence in an HTML comment or a hidden <div> sets state a visible block uses.
    fails_with(
        report,
        "cheat_hidden_fences.md",
        "html",
        "pages/cheat_hidden_fences.md:5: this code ran as part of the page's program, but*",
        "pages/cheat_hidden_fences.md:*: a hidden <div>: *",
    )


def test_a_block_cannot_skip_itself(report):
    fails_with(
        report,
        "cheat_skip_inside.md",
        "line 3",
        "pages/cheat_skip_inside.md:6: the code block raised SkipTest",
    )


def test_page_code_cannot_reach_the_checker(report):
    # The program runs in its own kernel: sys.modules there holds no docblocks to patch.
    fails_with(
        report,
        "cheat_rewrites_checker.md",
        "line 3",
        "*the output shown on the page differs from what the code printed.",
        "+the checker is out of reach",
    )


def test_page_code_gets_a_readers_environment(report):
    fails_with(
        report,
        "cheat_environment.md",
        "line 3",
        "pages/cheat_environment.md:6: the code block raised KeyError",
    )
    fails_with(report, "cheat_environment.md", "line 14", "*this block did not run*")


def test_warnings_and_fd_output_are_compared(report):
    fails_with(
        report,
        "cheat_unshown_noise.md",
        "line 3",
        "+*DeprecationWarning: this API is going away",
        "+from a child process",
    )


def test_markup_that_shows_what_no_block_made(report):
    fails_with(
        report,
        "cheat_markup.md",
        "html",
        "pages/cheat_markup.md:3: a <svg> element: *",
        "pages/cheat_markup.md:*: a <iframe> element: *",
        '*<div style="background-image: *',
        "pages/cheat_markup.md:9: a <samp> element: *",
        "pages/cheat_markup.md:*: a ```pytb block that is not under a Python block*",
        '*pages/cheat_markup.md:16: <span style="display:none">: *',
    )


def test_notebook_metadata_that_hides_or_skips_cells(report):
    fails_with(
        report,
        "cheat_hidden_cells.ipynb",
        "checks",
        "pages/cheat_hidden_cells.ipynb cell 2: its metadata (source_hidden) would hide it*",
        "pages/cheat_hidden_cells.ipynb cell 3: its metadata (skip-execution) would hide it*",
    )


# --- marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        ("skip_without_reason.md", 3, '*needs reason="..."*'),
        ("mark_blank_reason.md", 3, '*needs reason="..." with some words*'),
        ("mark_compound.md", 3, "*must be a single mark*"),
        ("xfail_no_raises.md", 3, "*needs raises=TheError*"),
        ("xfail_not_strict.md", 3, "*needs strict=True*"),
        ("xfail_no_run.md", 3, "*run= is refused*"),
        ("deprecated_skip.md", 5, "*<!--pytest-codeblocks:skip--> is not supported*"),
    ],
)
def test_marks_that_would_hide_or_excuse_a_block(report, page, line, message):
    fails_with(report, page, "read", f"pages/{page}:{line}: {message}")
    # And the built page shows Python that never ran, with no note.
    fails_with(report, page, "html", f"pages/{page}:*: this block is shown as Python*")


def test_expected_output_under_an_xfail_block(report):
    fails_with(report, "xfail_output.md", "checks", "pages/xfail_output.md:10: an xfail block*")


# --- figures -------------------------------------------------------------------------------


def test_figure_that_no_block_draws(report):
    fails_with(
        report,
        "figure_not_drawn.md",
        "html",
        "pages/figure_not_drawn.md:3: shows ../figures/dot.svg, but no block of this page wrote*",
    )


def test_figures_in_every_markup(report):
    fails_with(
        report,
        "figure_paths.md",
        "html",
        "pages/figure_paths.md:3: shows ../figures/dot.svg, but no block*",
        "pages/figure_paths.md:5: shows figures/dot.svg, which is not in the built site",
        "pages/figure_paths.md:9: shows ../figures/dot.svg, but no block*",
    )


@PINNED_DRAWING
def test_figure_that_changed(report):
    fails_with(
        report, "figure_changed.md", "line 3", "pages/figure_changed.md:3: figures/dot.svg differs*"
    )
    fails_with(
        report, "figure_changed.md", "html", "pages/figure_changed.md:10: shows ../figures/dot.svg*"
    )


@PINNED_DRAWING
def test_hand_edited_tick_label_is_caught(report):
    # The committed PNG differs from the drawn one in six pixels of the top tick label:
    # within the old RMS tolerance of 2, but not byte for byte.
    fails_with(
        report,
        "figure_label.md",
        "line 3",
        "pages/figure_label.md:3: figures/label.png differs from the figure the code draws now*",
    )


# --- numbers and figures from training -----------------------------------------------------


@PINNED_DRAWING
def test_trained_numbers_and_figure_within_the_tolerance_pass(report):
    # The committed figure's last point is 0.002 below the one drawn: not byte for byte.
    assert report.outcomes("pages/approx_within.md") == {
        "line 4": "passed",
        "checks": "passed",
        "html": "passed",
    }


def test_trained_numbers_edited_beyond_the_tolerance(report):
    fails_with(
        report,
        "approx_beyond.md",
        "line 4",
        "pages/approx_beyond.md:10: numbers from training differ by more than the page allows "
        "(shown 0.950, printed 0.875).",
    )
    # Words and integers are compared exactly, even in a block marked approx.
    fails_with(
        report,
        "approx_beyond.md",
        "line 15",
        "pages/approx_beyond.md:20: the output shown on the page differs*",
        "-225 test images, accuracy 0.875",
    )


@PINNED_DRAWING
def test_trained_figure_that_changed_visibly(report):
    fails_with(
        report,
        "approx_figure_changed.md",
        "line 4",
        "pages/approx_figure_changed.md:4: figures/curve_moved.png differs from the figure the "
        "code draws now: it looks different around pixel*",
    )


def test_approx_marks_that_would_excuse_a_block(report):
    fails_with(
        report, "approx_no_abs.md", "read", "pages/approx_no_abs.md:3: *takes abs=... (how far*"
    )
    fails_with(
        report,
        "approx_nothing_shown.md",
        "line 4",
        "pages/approx_nothing_shown.md:4: this block is marked approx but shows no output*",
    )


# --- pages and links -----------------------------------------------------------------------


@pytest.mark.parametrize("page", ["dist/hidden.md", "other_extension.markdown"])
def test_pages_pytest_would_not_collect(report, page):
    fails_with(report, page, "line 3", f"pages/{page}:4: the code block raised RuntimeError")


def test_links_in_every_markup(report):
    fails_with(
        report,
        "links.md",
        "html",
        "pages/links.md:3: link to ../good/#no-such-heading, but that page has no*",
        "pages/links.md:3: link to #nope, but that page has no #nope anchor",
        "pages/links.md:7: link to nowhere.md, which is not on the site",
        "pages/links.md:7: link to elsewhere.md, which is not on the site",
        "pages/links.md:9: link to raw.md, which is not on the site",
    )


def test_link_to_missing_page(report):
    fails_with(
        report,
        "broken_link.md",
        "html",
        "pages/broken_link.md:3: link to tensors.md, which is not on the site",
    )


def test_line_range_include(report):
    fails_with(
        report,
        "line_range.md",
        "checks",
        "pages/line_range.md:4: 'snippets/examples.py:2:2' includes lines by number*",
    )


# --- notebooks -----------------------------------------------------------------------------


@PINNED_DRAWING
def test_notebook_outputs_of_every_kind_come_from_the_run(report):
    fails_with(
        report,
        "notebook_outputs.ipynb",
        "cells",
        "pages/notebook_outputs.ipynb cell 2: shows execute_result*41*, but the run gave*42*",
        "pages/notebook_outputs.ipynb cell 3: shows stream stderr: 'something else*",
        "pages/notebook_outputs.ipynb cell 4: shows*display_data*image/png*but the run gave*",
        "pages/notebook_outputs.ipynb cell 5: shows error ValueError*but the run gave nothing",
    )
    fails_with(
        report,
        "notebook_outputs.ipynb",
        "checks",
        "pages/notebook_outputs.ipynb cell 1: this ```python block in a Markdown cell*",
    )
    fails_with(
        report,
        "notebook_outputs.ipynb",
        "html",
        "pages/notebook_outputs.ipynb cell 1: this block is shown as Python*",
        "pages/notebook_outputs.ipynb*: shows an inline image/png image, but no block*",
    )


# --- runs of their own ---------------------------------------------------------------------


@PINNED_DRAWING
def test_update_rewrites_the_pages_named_then_they_pass(tmp_path):
    site = make_site(tmp_path)
    pages = [
        "pages/wrong_output.md",
        "pages/notebook_wrong_output.ipynb",
        "pages/output_missing.md",
    ]
    # An update builds no site, so the pages that would stop the build can join this run.
    first = Report(site, *pages, *[f"pages/{p}" for p in BREAK_THE_BUILD], "--update-outputs")
    assert_lines(
        first.text("pages/missing_snippet_file.md", "read"),
        "pages/missing_snippet_file.md:6: snippet error:*no_such_file.py*",
    )
    assert_lines(
        first.text("pages/missing_section.md", "read"),
        "pages/missing_section.md:8: snippet error: Snippet section 'gret' could not be located*",
    )
    assert first.outcome("pages/wrong_output.md", "line 3") == "passed", first.output
    assert first.outcome("pages/notebook_wrong_output.ipynb", "cells") == "passed", first.output
    assert "```text\n42\n```" in (site / "pages" / "wrong_output.md").read_text()
    # A missing output is written under the block and its annotations.
    written = "1. The answer.\n\n<!--pytest-codeblocks:expected-output-->\n```text\n42\n```\n\n"
    assert written + "The page goes on." in (site / "pages" / "output_missing.md").read_text()
    notebook = json.loads((site / "pages" / "notebook_wrong_output.ipynb").read_text())
    assert [o["text"] for o in notebook["cells"][0]["outputs"]] == [["42\n"]]
    # A page not named keeps its wrong output.
    assert "```text\n41\n```" in (site / "pages" / "output_no_marker.md").read_text()
    # The Markdown pages pass now (the notebook's rewritten outputs are read above; the
    # html items: see test_good_page).
    markdown = [page for page in pages if page.endswith(".md")]
    again = Report(site, *markdown, "-k", "not html")
    for page in markdown:
        assert {outcome for outcome, _ in again.page(page).values()} == {"passed"}, again.output
