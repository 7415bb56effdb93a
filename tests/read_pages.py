"""Stage 1 in the suite: collect every page MkDocs renders, read as the site reads it.

Whatever pytest's ``norecursedirs`` says, each page under ``docs_dir`` is collected
(``tools/pages.py`` reads a Markdown page and ``tools/program.py`` makes its program):

- a Markdown page: one item per block (``line N``), ``checks`` (what the Markdown shows
  that would not be checked) and ``html``;
- a notebook page: ``cells`` (its stored outputs against a fresh run), ``checks`` and
  ``html``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from check_built_pages import BuiltPagesCheck, HtmlCheck
from compare_outputs import BlockItem, NotebookItem
from page_session import PageCheck, site_of
from pages import Page, PageError, SiteConfig, find_fences, highlighted_as_python, read_page
from program import RAISES_TAG, Cell, Program, site_program


def pytest_collect_directory(path: Path, parent: pytest.Collector):
    site = site_of(parent.config)
    if site and path.resolve() == site.docs_dir:
        return DocsDir.from_parent(parent, path=path, site=site)
    return None


class DocsDir(pytest.Directory):
    def __init__(self, *, site: SiteConfig, **kwargs):
        super().__init__(**kwargs)
        self.site = site

    def collect(self):
        for entry in sorted(self.path.iterdir()):
            if entry.is_dir() and any(self.site.is_page(p) for p in entry.rglob("*")):
                yield DocsDir.from_parent(self, path=entry, site=self.site)
            elif entry.suffix == ".ipynb" and self.site.is_page(entry):
                yield DocsNotebook.from_parent(self, path=entry, site=self.site)
            elif self.site.is_page(entry):
                yield DocsPage.from_parent(self, path=entry, site=self.site)
        if self.path.resolve() == self.site.docs_dir:
            yield BuiltPagesCheck.from_parent(self, name="every built page is collected")


class SitePage(pytest.File):
    """A page of the site; ``self.program`` is what a reader runs of it."""

    def __init__(self, *, site: SiteConfig, **kwargs):
        super().__init__(**kwargs)
        self.site = site

    def program_env(self) -> dict[str, str]:
        """Environment variables the page's program runs with, beyond a reader's."""
        return {}

    @property
    def shown_as(self) -> Path:
        try:
            return self.path.resolve().relative_to(self.site.root)
        except ValueError:
            return self.path


class DocsPage(SitePage):
    def collect(self):
        try:
            page = read_page(self.path, self.site, self.shown_as)
        except PageError as err:
            yield PageCheck.from_parent(self, name="read", problems=[str(err)])
            yield HtmlCheck.from_parent(self, name="html", locate=unread(self).locate)
            return
        self.program = site_program(page, self.site.root, self.site.repo_url)
        for number, cell in enumerate(self.program.cells):
            if cell.block is None:
                continue
            block = cell.block
            item = BlockItem.from_parent(
                self,
                name=f"line {page.page_line(block.fences[0].line)}",
                page=page,
                block=block,
                cell=number,
            )
            for mark in block.marks:
                item.add_marker(eval(mark.expr, {"sys": sys, "pytest": pytest, "os": os}))
            yield item
        yield PageCheck.from_parent(self, name="checks", problems=page.problems)
        yield HtmlCheck.from_parent(self, name="html", locate=page.locate)


def unread(file: SitePage) -> Page:
    """A page that could not be read, as its source: to name lines in the HTML check."""
    source = file.path.read_text(encoding="utf-8").split("\n")
    origin = [(n, None) for n in range(1, len(source) + 1)]
    return Page(file.shown_as, source, source, origin, [], [], [])


# Cell tags that hide a cell or its output on a rendered page, or skip it in a run.
HIDING_TAGS = {
    "skip-execution",
    "remove-cell",
    "remove_cell",
    "remove-input",
    "remove_input",
    "remove-output",
    "remove_output",
    "hide-cell",
    "hide-input",
    "hide-output",
    "hide_input",
    "hide_output",
}


class DocsNotebook(SitePage):
    """A notebook page: run in a Jupyter kernel, as a reader runs it."""

    def program_env(self) -> dict[str, str]:
        """The assignment notebooks say, in a Markdown cell, that the site runs them on
        dlcourse's made-up stand-in for CIFAR-10 (no download in CI)."""
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        says = any(
            "DLCOURSE_CIFAR10=fixture" in c.source
            for c in notebook.cells
            if c.cell_type == "markdown"
        )
        return {"DLCOURSE_CIFAR10": "fixture"} if says else {}

    def collect(self):
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        problems = []
        for number, cell in enumerate(notebook.cells, 1):
            hiding = set(cell.metadata.get("tags", [])) & HIDING_TAGS
            hidden = {k for k, v in cell.metadata.get("jupyter", {}).items() if v}
            if hiding or hidden:
                problems.append(
                    f"{self.shown_as} cell {number}: its metadata "
                    f"({', '.join(sorted(hiding | hidden))}) would hide it, its output, or "
                    "skip it in the run; every cell is shown and runs (a cell that raises on "
                    f"purpose is tagged {RAISES_TAG!r})"
                )
            if cell.cell_type != "markdown":
                continue
            for fence in find_fences(cell.source.split("\n")):
                if highlighted_as_python(fence.lang):
                    problems.append(
                        f"{self.shown_as} cell {number}: this ```{fence.lang} block in a Markdown "
                        "cell is shown as Python but never runs; put the code in a code cell"
                    )
        self.program = notebook_program(self.path)
        yield NotebookItem.from_parent(self, name="cells")
        yield PageCheck.from_parent(self, name="checks", problems=problems)
        yield HtmlCheck.from_parent(self, name="html", locate=self._locate(notebook))

    def _locate(self, notebook):
        def locate(text: str, nth: int = 0, prose: bool = False) -> str:
            needle = next((t.strip() for t in text.splitlines() if t.strip()), "")
            for number, cell in enumerate(notebook.cells, 1):
                if needle and needle in cell.source:
                    return f"{self.shown_as} cell {number}"
            return str(self.shown_as)

        return locate


def notebook_program(path: Path) -> Program:
    """A notebook page's program: its code cells, as stored, with their tags."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cells = [
        Cell(cell.source, tags=list(cell.metadata.get("tags", [])))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]
    return Program(path.stem, cells)


def pytest_collection_modifyitems(session, config, items) -> None:
    # The pages' blocks first: they run in this process, on one core, while the site build
    # and the notebook kernels started at collection use the other. The built pages are
    # checked after every block has run.
    last = [i for i in items if isinstance(i, (HtmlCheck, BuiltPagesCheck))]
    pages = [i for i in items if isinstance(i.parent, SitePage) and i not in last]
    rest = [i for i in items if not isinstance(i.parent, SitePage) and i not in last]
    items[:] = pages + rest + last
