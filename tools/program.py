"""A page's program: the Python a reader sees on the page, in order, as a notebook.

The suite runs it top to bottom in a clean kernel (``tests/kernel.py``) and compares
every output and figure the page shows with that run; the site serves the same notebook
for download and for Colab (``tools/site_hooks.py``). Both build it here, from the page
as ``pages.read_page`` reads it: the fences the site renders, not another parser's idea
of them.

* The first cell installs what the page imports that a fresh Colab runtime may lack
  (``install_cell``). The suite runs the notebook where all of it is installed, so it skips
  that cell; the cell says so.
* A block marked ``skip`` is a cell the suite skips (``skip-execution``), after a note with
  the reason; a block marked ``xfail`` is a cell expected to raise (``raises-exception``);
  a block marked ``isolated`` starts a fresh kernel, as a reader restarts the runtime, after
  a note that says so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
from pages import RUNNABLE_LANGS, Block, Page
from pins import read_bounds

SKIP_TAG, RAISES_TAG = "skip-execution", "raises-exception"
DEFAULT_REPO = "https://github.com/dlcourse/dlcourse"
# Where the deploy publishes the notebooks for Colab, which opens notebooks only from GitHub.
NOTEBOOKS_BRANCH = "notebooks"
# The environment every page's outputs come from (the suite starts each kernel with it).
# Each page says so where its notebook is offered (``RUN_NOTE``).
KERNEL_ENV = {
    "CUDA_VISIBLE_DEVICES": "-1",  # the CPU only: a GPU rounds differently
    "TF_ENABLE_ONEDNN_OPTS": "0",  # the same rounding on every CPU
    "TF_CPP_MIN_LOG_LEVEL": "2",  # no C++ info lines from TensorFlow, which vary by machine
}
RUN_NOTE = (
    "The outputs shown come from running this notebook top to bottom on a CPU, with "
    + ", ".join(f"`{k}={v}`" for k, v in KERNEL_ENV.items())
    + " set before it started; numbers that come from training may differ slightly on "
    "your machine."
)
# What a page's imports need installed in a fresh Colab runtime, by top-level module.
NEEDS = {
    "tensorflow": "tensorflow",
    "keras": "keras",
    "sklearn": "scikit-learn",
    "matplotlib": "matplotlib",
}
IMPORT = re.compile(r"^\s*(?:from|import)\s+(?P<module>[A-Za-z_]\w*)", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    """Where readers install the course package from: a GitHub repository at a commit, or,
    where the build cannot name a pushed commit, its default branch (``ref`` None)."""

    repo_url: str = DEFAULT_REPO
    ref: str | None = None

    @classmethod
    def from_environment(cls, repo_url: str | None) -> Source:
        """In GitHub Actions, the repository and commit being built; elsewhere the
        repository the site names, with no commit (a local commit may not be pushed)."""
        if os.environ.get("GITHUB_ACTIONS") == "true" and os.environ.get("GITHUB_REPOSITORY"):
            server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
            return cls(f"{server}/{os.environ['GITHUB_REPOSITORY']}", os.environ.get("GITHUB_SHA"))
        return cls((repo_url or DEFAULT_REPO).rstrip("/"))

    @property
    def github(self) -> str | None:
        """``owner/name`` if the repository is on github.com."""
        parts = urlsplit(self.repo_url)
        if parts.netloc != "github.com":
            return None
        path = parts.path.strip("/").removesuffix(".git")
        return path if path.count("/") == 1 else None

    def package(self) -> str:
        """The requirement pip installs the course package ``dlcourse`` from."""
        return f"dlcourse @ git+{self.repo_url}" + (f"@{self.ref}" if self.ref else "")

    def colab(self, notebook: str) -> str | None:
        """The Colab address of a served notebook (``notebook`` relative to the download
        folder), published on the notebooks branch by the deploy; None where the site is
        not built by GitHub Actions, whose notebooks are nowhere Colab can reach."""
        if self.ref is None or self.github is None:
            return None
        return (
            f"https://colab.research.google.com/github/{self.github}/blob/"
            f"{NOTEBOOKS_BRANCH}/{notebook}"
        )


@dataclass
class Cell:
    code: str
    block: Block | None = None  # None for the install cell
    tags: list[str] = field(default_factory=list)
    note: str | None = None  # Markdown shown before the cell in the notebook
    fresh: bool = False  # runs in a new kernel: a reader restarts the runtime first


@dataclass
class Program:
    title: str
    cells: list[Cell]

    def blocks(self) -> list[Cell]:
        return [c for c in self.cells if c.block is not None]

    def notebook(self, page_url: str | None = None) -> nbformat.NotebookNode:
        """The notebook readers download and the suite runs."""
        intro = f"# {self.title}\n\n"
        if page_url:
            intro += f"The code of [this page]({page_url}), as a notebook. "
        intro += RUN_NOTE
        cells = [nbformat.v4.new_markdown_cell(intro)]
        for cell in self.cells:
            if cell.note:
                cells.append(nbformat.v4.new_markdown_cell(cell.note))
            code = nbformat.v4.new_code_cell(cell.code)
            if cell.tags:
                code.metadata["tags"] = list(cell.tags)
            cells.append(code)
        notebook = nbformat.v4.new_notebook(cells=cells)
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        for number, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{number}"  # stable: the same page gives the same file
        return notebook


def imports(code: str) -> set[str]:
    return set(IMPORT.findall(code))


def install_cell(code: str, source: Source, bounds: dict[str, str]) -> Cell | None:
    """``%pip install`` of what the code imports: the course package at the site's commit
    (it brings the rest), or else the lower bounds of what it uses; None if nothing."""
    used = imports(code)
    if "dlcourse" in used:
        wanted = [source.package()]
    else:
        wanted = [
            f"{NEEDS[m]}>={bounds[NEEDS[m]]}"
            for m in sorted(used & NEEDS.keys())
            if NEEDS[m] in bounds
        ]
    if not wanted:
        return None
    return Cell(
        "# What this page needs (Colab has TensorFlow; this upgrades only what is too old).\n"
        "# The site's tests run the notebook with these installed, so they skip this cell.\n"
        "%pip install --quiet " + " ".join(f'"{w}"' for w in wanted),
        tags=[SKIP_TAG],
    )


def site_program(page: Page, root: Path, repo_url: str | None) -> Program:
    """The program the suite runs and the site serves for a page of the site in ``root``."""
    title = page_title(page.source) or page.path.stem
    bounds = read_bounds(root / "pyproject.toml")
    return page_program(page, title, Source.from_environment(repo_url), bounds)


def page_title(source: list[str]) -> str | None:
    return next((line[2:].strip() for line in source if line.startswith("# ")), None)


def page_program(page: Page, title: str, source: Source, bounds: dict[str, str]) -> Program:
    """The page's runnable Python blocks, each ``cont`` chain one cell, in page order."""
    cells: list[Cell] = []
    for block in page.blocks:
        if block.lang not in RUNNABLE_LANGS:
            continue
        code = "\n".join(f.text for f in block.fences)
        cell = Cell(code, block)
        for mark in block.marks:
            if mark.kind == "skip":
                cell.tags.append(SKIP_TAG)
                cell.note = f"*Not run by the site's tests: {mark.reason}*"
            elif mark.kind == "xfail":
                cell.tags.append(RAISES_TAG)
            elif mark.kind == "isolated":
                cell.fresh = True
                cell.note = (
                    "*Restart the runtime before this cell (Colab: Runtime > Restart "
                    f"session): {mark.reason} Then run it and the cells after it.*"
                )
        cells.append(cell)
    install = install_cell("\n".join(c.code for c in cells), source, bounds)
    return Program(title, ([install] if install else []) + cells)
