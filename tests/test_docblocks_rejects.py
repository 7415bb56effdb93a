"""A contributor's page that is broken in any of these ways fails, naming the page and line.

Each case runs the docblocks plugin on a small page in tests/fixtures/site/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture
def site(pytester: pytest.Pytester) -> pytest.Pytester:
    shutil.copytree(FIXTURE, pytester.path, dirs_exist_ok=True)
    return pytester


def run(site: pytest.Pytester, page: str, *args: str) -> pytest.RunResult:
    return site.runpytest("-p", "docblocks", "--docs-config", "mkdocs.yml", f"pages/{page}", *args)


def test_good_page_runs_every_block(site):
    result = run(site, "good.md", "-v")
    # greet, the titled fence, the figure block: run; the reasoned skip: skipped;
    # unexecuted, links, figures: checks that pass.
    result.assert_outcomes(passed=6, skipped=1)
    result.stdout.fnmatch_lines(["*good.md::line 14 PASSED*", "*docs code blocks executed: 3*"])


def test_missing_snippet_file(site):
    result = run(site, "missing_snippet_file.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*pages/missing_snippet_file.md:6: snippet error:*no_such_file.py*"]
    )


def test_missing_snippet_section(site):
    result = run(site, "missing_section.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*pages/missing_section.md:8: snippet error: Snippet section 'gret' could not be located*"]
    )


def test_link_to_missing_page(site):
    result = run(site, "broken_link.md")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        ["*pages/broken_link.md:3: link to 'tensors.md', which does not exist*"]
    )


def test_failing_snippet_names_page_line_and_snippet(site):
    result = run(site, "failing_snippet.md")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*pages/failing_snippet.md:6 (from snippet snippets/examples.py:boom):"
            " the code block raised ZeroDivisionError*",
            ">   2 | average = sum(numbers) / (len(numbers) - 3)",
        ]
    )


def test_failing_inline_block_names_the_failing_line(site):
    result = run(site, "failing_inline.md")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*pages/failing_inline.md:6: the code block raised KeyError*",
            '>   3 | missing = values["b"]',
        ]
    )


def test_changed_output_fails_with_a_diff(site):
    result = run(site, "wrong_output.md")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        ["*pages/wrong_output.md:8: the output shown on the page differs*", "-41", "+42"]
    )


def test_update_outputs_rewrites_the_page(site):
    run(site, "wrong_output.md", "--update-outputs").assert_outcomes(passed=4)
    assert "```text\n42\n```" in (site.path / "pages" / "wrong_output.md").read_text()
    run(site, "wrong_output.md").assert_outcomes(passed=4)


def test_python_blocks_that_would_not_run(site):
    result = run(site, "unexecuted.md")
    # The {.python} attribute-list fence is executed; pycon and tildes are reported.
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*pages/unexecuted.md:3: this ```pycon block is highlighted as Python*",
            "*pages/unexecuted.md:8: this ```python block is highlighted as Python*",
        ]
    )


def test_skip_needs_a_reason(site):
    result = run(site, "skip_without_reason.md")
    result.assert_outcomes(passed=2, failed=1, skipped=1)
    result.stdout.fnmatch_lines(
        ['*pages/skip_without_reason.md:4: <!--pytest.mark.skip--> needs reason="..."*']
    )


def test_figure_that_no_block_draws(site):
    result = run(site, "figure_not_drawn.md")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        ["*pages/figure_not_drawn.md:3: shows figures/dot.svg, but no block*"]
    )


def test_figure_that_changed(site):
    result = run(site, "figure_changed.md")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        ["*pages/figure_changed.md:3: figures/dot.svg differs from the figure*"]
    )


def test_second_output_in_a_chain_names_its_line(site):
    result = run(site, "two_outputs_in_chain.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*pages/two_outputs_in_chain.md:19: pytest-codeblocks could not*"])


def test_notebook_output_that_changed(site):
    result = run(site, "notebook_wrong_output.ipynb")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*notebook_wrong_output.ipynb*cell 1: shows '41\\n', printed '42\\n'*"]
    )
    run(site, "notebook_wrong_output.ipynb", "--update-outputs").assert_outcomes(passed=1)
    run(site, "notebook_wrong_output.ipynb").assert_outcomes(passed=1)
