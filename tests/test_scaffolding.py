"""Every lesson says what it teaches and what it needs first, and ends with a recap.

A lesson is a Markdown page of the course's path through ``mkdocs.yml``'s nav: the
Neural networks and Convolutional networks sections, then (after the assignment) Under the
hood: TensorFlow and Going further. Near its top (before its first ``##`` section) it has
an ``In this lesson`` box: what you will learn, and what you need first, with links to
pages before it on the path. Before its exercises it has a ``## Recap`` section that ends
with a ``**Next:**`` link to the next page on the path (after the last CNN lesson, the
assignment; after the last lesson, the cheat sheet).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from pages import PATH_SECTIONS, nav_pages

ROOT = Path(__file__).resolve().parent.parent

BOX = re.compile(r'^!!! abstract "In this lesson"\n((?:    .*\n|\n)+)', re.M)
LINK = re.compile(r"\]\(([^)#\s]+\.(?:md|ipynb))(?:#[^)]*)?\)")


def course_path() -> list[str]:
    """The path a learner walks, as paths under ``docs/``: the lessons in nav order with
    the assignment where the nav has it, and the cheat sheet at the end."""
    config = ROOT / "mkdocs.yml"
    path = []
    for section in PATH_SECTIONS[1:]:  # after Start here
        pages = nav_pages(config, (section,))
        path += pages[:1] if section == "Assignment" else pages  # the solution is not a step
    return [*path, "keras/cheatsheet.md"]


PATH = course_path()
LESSONS = [page for page in PATH[:-1] if page.endswith(".md")]


def normal(page: str, href: str) -> str:
    """A link's target as a path under ``docs/``."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def test_the_path_holds_every_lesson_section():
    assert len(LESSONS) >= 20 and "tensorflow/graphs.md" in LESSONS, LESSONS


@pytest.mark.parametrize("page", LESSONS)
def test_lesson_opens_with_what_it_teaches_and_needs(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    first_section = text.find("\n## ")
    box = BOX.search(text)
    assert box and box.start() < first_section, (
        f"docs/{page}: no '!!! abstract \"In this lesson\"' box before the first ## section"
    )
    body = box.group(1)
    assert "**You will learn**" in body, f"docs/{page}: the box does not say what you will learn"
    assert "**You need first**" in body, f"docs/{page}: the box does not say what you need first"
    earlier = set(PATH[: PATH.index(page)]) | {"index.md", "setup.md"}
    needs = body[body.index("**You need first**") :]
    linked = {normal(page, href) for href in LINK.findall(needs)}
    assert linked, f"docs/{page}: 'You need first' links to no page"
    later = linked - earlier - {"notebooks/first-model.ipynb", "glossary.md"}
    assert not later, f"docs/{page}: 'You need first' names pages that come later: {later}"


@pytest.mark.parametrize("page", LESSONS)
def test_lesson_ends_with_a_recap_and_the_next_lesson(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    recap = re.search(r"^## Recap\b.*$", text, re.M)
    assert recap, f"docs/{page}: no '## Recap' section"
    exercises = re.search(r"^## Exercises\b", text, re.M)
    if exercises:
        assert recap.start() < exercises.start(), (
            f"docs/{page}: the recap comes after the exercises"
        )
    end = exercises.start() if exercises else len(text)
    section = text[recap.end() : end]
    assert re.search(r"^- ", section, re.M), f"docs/{page}: the recap lists no points"
    following = PATH[PATH.index(page) + 1]
    nxt = re.search(r"\*\*Next:\*\*.*?\]\(([^)#\s]+)", section, re.S)
    assert nxt, f"docs/{page}: the recap has no '**Next:**' link"
    assert normal(page, nxt.group(1)) == following, (
        f"docs/{page}: **Next:** links to {nxt.group(1)}, but the next lesson is {following}"
    )
