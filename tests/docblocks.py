"""Pytest plugin: every page's code runs as its reader runs it, and the page shows that run.

The stages, one module each:

1. **Read the page** (``tools/pages.py``): snippets expanded as MkDocs expands them, the
   fences the site renders, each line mapped back to ``docs/page.md:LINE``.
2. **Make its program** (``tools/program.py``): the Python blocks a reader sees, in
   order, as a notebook; the site serves the same notebook for download and Colab.
3. **Run it** (``tests/kernel.py``): top to bottom in a clean Jupyter kernel outside the
   repository. Page code runs only there, never in this process, so it cannot change
   the verdict.
4. **Compare** (this module, with ``tests/compare.py``): each block's item checks its
   cell's outputs (streams, warnings and logging included, displays as text) and
   figures with what the page shows.
5. **Check the built HTML** (``tests/html_check.py``): after the page's blocks, its
   ``html`` item walks the page MkDocs built (once per session, ``tests/site_build.py``):
   every code block shown as Python is a cell that ran, every cell that ran is shown,
   every output under a block is one compared with its run, every image one a block
   drew, every link resolves, and nothing else on the page shows code or output (deny
   by default).

Every file MkDocs renders as a page is collected: a Markdown page gets one item per
block (``line N``), ``checks`` (what the Markdown shows that would not be checked)
and ``html``; a notebook page gets ``cells`` (its stored outputs against a fresh run)
and ``html``. ``--update-outputs`` rewrites expected outputs and figures from the run.

Under pytest-xdist (``tasks.py test`` runs ``-n`` workers with ``--dist loadfile``), a
page's items all run in one worker, which starts the page's kernel (and the next
page's) ahead of its items. The workers share one site build, and the controller adds
up what they counted; the longest units are handed out first (``LONG_RUNNING``).
"""

from __future__ import annotations

import base64
import dataclasses
import difflib
import functools
import hashlib
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import warm_kernel
from compare import figure_difference, numbers_beyond
from html_check import BuiltPage, Counts, PageRun, check_page
from kernel import ANSI, CellRun, ProgramRun, kernel_server
from marks import Mark
from pages import (
    FENCE,
    Block,
    Page,
    PageError,
    SiteConfig,
    find_fences,
    highlighted_as_python,
    normal_code,
    read_page,
)
from pins import read_pins
from program import RAISES_TAG, Cell, Program, site_program
from site_build import BuildFailed, SiteBuild

HERE = Path(__file__).resolve()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docblocks", "run the code blocks of the docs pages")
    group.addoption(
        "--docs-config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    group.addoption(
        "--cold-kernels",
        action="store_true",
        help="start every page's kernel from scratch, not forked from one that has imported "
        "TensorFlow (slower; tests/warm_kernel.py)",
    )
    group.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite expected outputs and figures on the pages from this run",
    )


_EDITS = pytest.StashKey[list]()
_RUNS = pytest.StashKey[dict]()  # page (as shown) -> PageRun
_COUNTS = pytest.StashKey[dict]()
_BUILD = pytest.StashKey["SiteBuild"]()
_DESELECTED = pytest.StashKey[set]()  # pages with a block left out of this run
_NOTEBOOKS = pytest.StashKey[dict]()  # page path -> ProgramRun
_SHARED = pytest.StashKey[Path]()  # xdist controller: the folder its workers build the site in


def pytest_configure(config: pytest.Config) -> None:
    # Deterministic, CPU-only, quiet: set before anything imports TensorFlow.
    for key, value in {
        "CUDA_VISIBLE_DEVICES": "-1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "KERAS_BACKEND": "tensorflow",
        "MPLBACKEND": "Agg",
        # The CIFAR-10 notebooks load dlcourse's made-up fixture instead of downloading.
        "DLCOURSE_CIFAR10": "fixture",
    }.items():
        os.environ.setdefault(key, value)
    # Keras' summary() sizes its table from the terminal; pages must not depend on it.
    os.environ["COLUMNS"] = "80"
    config.stash[_EDITS] = []
    config.stash[_RUNS] = {}
    config.stash[_COUNTS] = {
        "run": 0,
        "html": Counts(),
        "pages": 0,
        "uncompared": 0,
        "kernels": 0,
        "cold": [],
    }
    if config.getoption("update_outputs") and figures_drawn_elsewhere():
        raise pytest.UsageError(
            f"--update-outputs writes the committed figures, and {figures_drawn_elsewhere()}: "
            "run `python3 tasks.py update` (the pinned versions) instead."
        )
    config.stash[_DESELECTED] = set()
    config.stash[_NOTEBOOKS] = {}
    if config.getoption("numprocesses", None) and not hasattr(config, "workerinput"):
        config.stash[_SHARED] = Path(tempfile.mkdtemp(prefix="docblocks-shared-"))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist controller: tell each worker where the one shared site build goes."""
    node.workerinput["docblocks_shared"] = str(node.config.stash[_SHARED])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """xdist controller: add up what a worker counted, for the summary line."""
    done = getattr(node, "workeroutput", {}).get("docblocks")
    if done:
        counts = node.config.stash[_COUNTS]
        counts["run"] += done["run"]
        counts["pages"] += done["pages"]
        counts["uncompared"] += done["uncompared"]
        counts["kernels"] += done["kernels"]
        counts["cold"] += done["cold"]
        counts["html"].add(Counts(**done["html"]))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadfile``, handing out the longest units first."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class PageScheduling(LoadFileScheduling):
        def _assign_work_unit(self, node) -> None:
            # The longest units first, so that no worker starts one when the others are
            # nearly done (xdist hands out the front of its queue).
            longest = min(self.workqueue, key=_start_first)
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return PageScheduling(config, log)


# What takes longest, for the order in which xdist hands out the units of work: a
# notebook (one item, a whole kernel run), then files that start processes of their own,
# then the pages that train longest.
# The rest follow in xdist's order (the most tests first).
LONG_RUNNING = (
    "tests/pages/test_keras_cheatsheet.py",
    "docs/keras/cheatsheet.md",
    "tests/pages/test_tensorflow_distributed.py",
    "docs/tensorflow/distributed.md",
    "tests/test_docblocks_rejects.py",
    "tests/test_browser.py",
    "docs/cnn/transfer-learning.md",
    "docs/tensorflow/keras.md",
    "tests/test_browser_reader.py",
)


def _start_first(scope: str) -> int:
    if scope.endswith(".ipynb"):
        return 0
    return 1 + LONG_RUNNING.index(scope) if scope in LONG_RUNNING else len(LONG_RUNNING) + 1


def _shared_dir(config: pytest.Config) -> Path | None:
    shared = getattr(config, "workerinput", {}).get("docblocks_shared")
    return Path(shared) if shared else None


def _site(config: pytest.Config) -> SiteConfig | None:
    path = Path(config.getoption("docs_config"))
    if not path.is_absolute():
        path = config.invocation_params.dir / path
    return SiteConfig.load(path.resolve()) if path.exists() else None


def _run_of(config: pytest.Config, page: Path) -> PageRun:
    return config.stash[_RUNS].setdefault(str(page), PageRun())


# --- collection: every page MkDocs renders, whatever pytest's norecursedirs says ----------


def pytest_collect_directory(path: Path, parent: pytest.Collector):
    site = _site(parent.config)
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
    def __init__(self, *, site: SiteConfig, **kwargs):
        super().__init__(**kwargs)
        self.site = site

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


class PageProblem(Exception):
    pass


class BlockFailed(Exception):
    pass


class SiteItem(pytest.Item):
    """An item whose failures are messages naming the page and line, shown as they are."""

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (PageProblem, BlockFailed)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.name


class PageCheck(SiteItem):
    def __init__(self, *, problems: list[str], **kwargs):
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        if self.problems:
            raise PageProblem("\n".join(self.problems))


# --- running a block -----------------------------------------------------------------------


class BlockItem(pytest.Item):
    """One block (a ``cont`` chain): its cell in the page's program, as the kernel ran it."""

    def __init__(self, *, page: Page, block: Block, cell: int, **kwargs):
        super().__init__(**kwargs)
        self.page, self.block, self.cell = page, block, cell

    def runtest(self) -> None:
        self.config.stash[_COUNTS]["run"] += 1
        run = _run_of(self.config, self.page.path)
        run.code.update(f.text for f in self.block.fences)
        program_run = page_run(self.config, self.parent)
        cells = program_run.result()
        where = self.page.where(self.block.fences[0].line)
        if program_run.crash:
            raise BlockFailed(f"{where}: the page's program could not run:\n{program_run.crash}")
        cell = cells[self.cell]
        if not cell.ran:
            stopped = program_run.stopped_at
            block = program_run.program.cells[stopped].block if stopped is not None else None
            raise BlockFailed(
                f"{where}: this block did not run: the program stopped at "
                + (
                    f"the block at {self.page.where(block.fences[0].line)}, which raised"
                    if block
                    else "an earlier cell"
                )
                + " (a reader's 'Run all' stops there too)"
            )
        self._check_error(cell)
        drew = self._check_figures(cell.figures)
        if cell.inline_images() and not drew:
            raise BlockFailed(
                f"{where}: this block shows a figure in a notebook but saves none for the "
                "page to show; save it (plt.savefig) and show the file on the page"
            )
        if self._approx() and self.block.block.expected_output is None and not drew:
            raise BlockFailed(
                f"{where}: this block is marked approx but "
                "shows no output and saves no figure; the mark is for a block whose output "
                "or figure comes from training"
            )
        self._check_output(cell.text())

    def _check_error(self, cell: CellRun) -> None:
        error = cell.error()
        xfail = next((m for m in self.block.marks if m.kind == "xfail"), None)
        if error is None:
            return  # an xfail block that did not raise: its strict mark fails it
        name, message, trace = error
        if xfail and name == xfail.raises.rsplit(".", 1)[-1]:
            pytest.xfail(f"raised {name}: {message}")
        raise BlockFailed(self._explain(name, trace))

    def _explain(self, name: str, trace: str) -> str:
        """The page line, the block's code, and the traceback the reader sees."""
        # IPython names the cell's own frame "Cell In[n], line N"; the first is the block's.
        in_cell = re.search(r"^Cell In\[\d+\], line (\d+)", trace, re.MULTILINE)
        failing = int(in_cell[1]) if in_cell else None
        code = self.block.block.code.splitlines()
        lines = []
        for fence in self.block.fences:
            lines += range(fence.line + 1, fence.line + 1 + fence.code_lines)
        if failing is not None and not 0 < failing <= len(lines):
            failing = None
        where = self.page.where(lines[failing - 1] if failing else self.block.fences[0].line)
        listing = "\n".join(
            f"{'>' if n == failing else ' '} {n:3d} | {text}" for n, text in enumerate(code, 1)
        )
        return f"{where}: the code block raised {name}\n\n{listing}\n\n{trace[-3000:]}"

    def _check_output(self, printed: str) -> None:
        expected = self.block.block.expected_output
        unshown = any(m.kind == "unshown" for m in self.block.marks)
        if unshown and (expected is not None or not _normal(printed).strip()):
            raise BlockFailed(
                f"{self.page.where(self.block.fences[0].line)}: this block is marked unshown, "
                + (
                    "but the page shows its output"
                    if expected is not None
                    else "but prints nothing"
                )
                + "; the mark is for a block whose printed output depends on the machine"
            )
        if expected is None:
            if _normal(printed).strip() and not unshown:
                self._missing_output(printed)
            return
        chain = frozenset(f.text for f in self.block.fences)
        _run_of(self.config, self.page.path).outputs.append((chain, expected))
        if _normal(expected) == _normal(printed):
            return
        fence = self.block.output_fence
        approx = self._approx()
        beyond = approx and numbers_beyond(expected, printed, approx.tolerance, approx.lines)
        if beyond == []:
            return  # every number within the tolerance the page shows
        if self.config.getoption("update_outputs"):
            if fence is None or self.page.origin[fence.line - 1][1] is not None:
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: cannot update an expected "
                    "output that comes from a snippet; edit it by hand"
                )
            self.config.stash[_EDITS].append(
                (self.parent.path, self.page.page_line(fence.line), fence.code_lines, printed)
            )
            return
        diff = "".join(
            difflib.unified_diff(
                _normal(expected).splitlines(True),
                _normal(printed).splitlines(True),
                "shown on the page",
                "printed by the run",
            )
        )
        where = self.page.where(fence.line) if fence else self.page.path
        if beyond:
            raise BlockFailed(
                f"{where}: numbers from training differ by more than the page allows "
                f"({'; '.join(beyond)}).\n{diff}\n" + self._update_hint()
            )
        raise BlockFailed(
            f"{where}: the output shown on the page differs from what the code printed.\n{diff}\n"
            + self._update_hint()
        )

    def _missing_output(self, printed: str) -> None:
        """The block printed, but the page shows nothing: ``update`` writes the output block
        after the chain's last block (and after its annotations); a test run fails."""
        last = self.block.fences[-1]
        close = self.page.page_line(last.line + last.code_lines + 1)  # its closing fence
        source = self.page.source
        fence = source[close - 1]
        closing = FENCE.match(fence)
        if not closing or closing["info"].strip() or self.page.origin[last.line - 1][1]:
            raise BlockFailed(f"{self.page.where(last.line)}: {MISSING_OUTPUT}")
        indent = fence[: len(fence) - len(fence.lstrip())]
        shown = [indent + line if line else line for line in _for_page(printed).split("\n")]
        new = ["", f"{indent}{EXPECTED_OUTPUT}", f"{indent}```text", *shown, f"{indent}```"]
        if self.config.getoption("update_outputs"):
            at = after_annotations(source, close)
            self.config.stash[_EDITS].append((self.parent.path, at, 0, new))
            return
        shown_lines = new[1:] if len(new) <= 8 else [*new[1:5], f"{indent}...", new[-1]]
        raise BlockFailed(
            f"{self.page.where(last.line)}: {MISSING_OUTPUT} Run `python3 tasks.py update "
            f"{self.parent.shown_as}`, which writes it, or write it yourself under the block "
            "(after its numbered annotations, if it has any):\n\n"
            + "\n".join(shown_lines)
            + "\n\nIf what it prints depends on the machine (timings), mark the block "
            '<!--pytest.mark.unshown(reason="...")--> instead; the page then says why.'
        )

    def _approx(self) -> Mark | None:
        """The block's ``approx`` mark, if any: its output comes from training."""
        return next((m for m in self.block.marks if m.kind == "approx"), None)

    def _update_hint(self) -> str:
        return (
            "If the new output is right, run `python3 tasks.py update "
            f"{self.parent.shown_as}`; if only trained numbers moved on another machine, "
            "see CONTRIBUTING.md, 'Output and determinism'."
        )

    def _check_figures(self, figures: dict[str, bytes]) -> int:
        """Compare each figure the block saved with the committed one; return how many."""
        figures_dir = self.parent.path.parent / "figures"
        update = self.config.getoption("update_outputs")
        for name, data in sorted(figures.items()):
            _run_of(self.config, self.page.path).figures.add(hashlib.sha256(data).hexdigest())
            committed = figures_dir / name
            shown = f"figures/{name}"
            if shown not in "\n".join(self.page.expanded):
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: the block saves {name} "
                    f"but the page does not show {shown}"
                )
            old = committed.read_bytes() if committed.exists() else None
            if old is not None and figures_drawn_elsewhere():
                # Another matplotlib draws the same figure with other pixels: the committed
                # one stands for this run's, and the summary says how many were not compared.
                _run_of(self.config, self.page.path).figures.add(hashlib.sha256(old).hexdigest())
                self.config.stash[_COUNTS]["uncompared"] += 1
                continue
            approx = self._approx()
            trained = approx is not None
            why = figure_difference(old, data, approx.area) if trained and old is not None else None
            # A figure from training that only moved within its tolerance is this run's.
            close = trained and old is not None and why is None
            if update and not close:
                figures_dir.mkdir(exist_ok=True)
                committed.write_bytes(data)
                continue
            where = self.page.where(self.block.fences[0].line)
            if old is None:
                raise BlockFailed(
                    f"{where}: {shown} is not committed; run `python3 tasks.py update "
                    f"{self.parent.shown_as}` to write it"
                )
            if close:
                _run_of(self.config, self.page.path).figures.add(hashlib.sha256(old).hexdigest())
            elif trained:
                raise BlockFailed(
                    f"{where}: {shown} differs from the figure the code draws now: "
                    f"{why}. A figure drawn from training may differ "
                    "slightly from machine to machine, not visibly. " + self._update_hint()
                )
            elif old != data:
                raise BlockFailed(
                    f"{where}: {shown} differs from the figure the code draws now (figures "
                    "are compared byte for byte; they are identical from run to run on the "
                    "pinned versions, except those of a block marked approx). "
                    + self._update_hint()
                )
        return len(figures)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (BlockFailed, PageProblem)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        line = self.page.page_line(self.block.fences[0].line) - 1
        return self.path, line, self.name


# An object's address in its repr (``<History at 0x7f3c...>``) differs from run to run.
ADDRESS = re.compile(r"\b0x[0-9a-f]{8,16}\b")


# The times in a Keras training log (``11/11 - 1s - 55ms/step - ...``) depend on the machine.
FIT_TIMES = re.compile(r"^(\d+/\d+) - \d+(?:\.\d+)?m?s - \d+(?:\.\d+)?[mu]?s/step", re.M)


def _for_page(printed: str) -> str:
    """What ``update`` writes on the page: the run's output, addresses elided."""
    return ADDRESS.sub("0x...", normal_code(printed)).rstrip()


def _normal(text: str) -> str:
    text = ADDRESS.sub("0x...", normal_code(text))
    return FIT_TIMES.sub(r"\1 - (time) - (time)/step", text) + "\n"


# --- notebooks -----------------------------------------------------------------------------


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

    def says_fixture(self) -> bool:
        """Whether a Markdown cell tells readers the site runs it on the stand-in data."""
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        return any(
            "DLCOURSE_CIFAR10=fixture" in c.source
            for c in notebook.cells
            if c.cell_type == "markdown"
        )

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


def _outputs(cell, images: bool = True) -> list[tuple]:
    """A cell's outputs as compared: consecutive stream chunks joined, execution counts and
    metadata left out, images by content (or, with ``images=False``, only that they are)."""
    result: list[tuple] = []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "stream":
            if result and result[-1][:2] == ("stream", out["name"]):
                result[-1] = ("stream", out["name"], result[-1][2] + out["text"])
            else:
                result.append(("stream", out["name"], out["text"]))
        elif kind in {"execute_result", "display_data"}:
            data = tuple(
                sorted(
                    (mime, _mime_value(mime, v) if images or not _is_image(mime) else "image")
                    for mime, v in out["data"].items()
                )
            )
            result.append((kind, data))
        elif kind == "error":
            result.append(("error", out["ename"], out["evalue"]))
    return [(r[0], r[1], _normal(r[2])) if r[0] == "stream" else r for r in result]


EXPECTED_OUTPUT = "<!--pytest-codeblocks:expected-output-->"
MISSING_OUTPUT = (
    "this block prints, but the page shows no output under it. What a block prints is shown "
    "to the reader and compared with the run."
)
ANNOTATION = re.compile(r"^(\s*)\d+\.\s")


def after_annotations(source: list[str], close: int) -> int:
    """Where an output block goes: after the closing fence on line ``close`` (1-based) and
    after the numbered annotations that follow it, which Material attaches to the block."""
    at = close
    following = next((i for i in range(close, len(source)) if source[i].strip()), None)
    item = following is not None and ANNOTATION.match(source[following])
    if not item:
        return at
    depth = len(item.group(1))
    for i in range(following, len(source)):
        line = source[i]
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent > depth or (indent == depth and ANNOTATION.match(line)):
            at = i + 1
        else:
            break
    return at


def _images(cell) -> list[str]:
    """The hashes of the images a cell shows."""
    return [
        value.removeprefix("sha256:")
        for kind, *rest in _outputs(cell)
        if kind in {"execute_result", "display_data"}
        for _, value in rest[0]
        if value.startswith("sha256:")
    ]


def _is_image(mime: str) -> bool:
    return mime.startswith("image/") and not mime.endswith("+xml")


def _mime_value(mime: str, value) -> str:
    if _is_image(mime):
        return "sha256:" + hashlib.sha256(base64.b64decode("".join(value))).hexdigest()
    return _normal(value if isinstance(value, str) else "".join(value))


def _shown_texts(cell) -> list[str]:
    """The texts a reader sees under a code cell, as the HTML shows them."""
    texts = []
    for kind, *rest in _outputs(cell):
        if kind == "stream":
            texts.append(rest[1])
        elif kind != "error":
            texts += [value for mime, value in rest[0] if mime == "text/plain"]
    for out in cell.get("outputs", []):
        if out["output_type"] == "error":
            texts.append(ANSI.sub("", "\n".join(out["traceback"])))
    return texts


def _describe(outputs: list[tuple]) -> str:
    return (
        "; ".join(
            f"{o[0]} {o[1]}: {o[2]!r}" if o[0] in {"stream", "error"} else f"{o[0]} {dict(o[1])!r}"
            for o in outputs
        )
        or "nothing"
    )


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


def page_run(config: pytest.Config, page: SitePage) -> ProgramRun:
    """The page's program, run once per session (started ahead by ``pytest_runtest_protocol``)."""
    runs = config.stash[_NOTEBOOKS]
    if page.path not in runs:
        env = {}
        if isinstance(page, DocsNotebook) and page.says_fixture():
            # The assignment notebooks say, in a Markdown cell, that the site runs them on
            # dlcourse's made-up stand-in for CIFAR-10 (no download in CI).
            env["DLCOURSE_CIFAR10"] = "fixture"
        runs[page.path] = ProgramRun(page.program, env, warm=not config.getoption("cold_kernels"))
    return runs[page.path]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Start the program of this item's page and of the next item's, so that a kernel's
    start-up overlaps the tests before it."""
    for it in (item, nextitem):
        if isinstance(it, (BlockItem, NotebookItem)):
            page_run(item.config, it.parent)


class NotebookItem(SiteItem):
    def runtest(self) -> None:
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        program_run = page_run(self.config, self.parent)
        cells = program_run.result()
        if program_run.crash:
            raise BlockFailed(f"the notebook could not be run in a kernel:\n{program_run.crash}")
        fresh_cells = iter(cells)
        ran = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell(outputs=next(fresh_cells).outputs)
                if c.cell_type == "code"
                else c
                for c in notebook.cells
            ]
        )
        page = self.parent.shown_as
        run = _run_of(self.config, page)
        problems, changed = [], False
        for number, (stored, fresh) in enumerate(zip(notebook.cells, ran.cells, strict=True), 1):
            if stored.cell_type != "code":
                continue
            self.config.stash[_COUNTS]["run"] += 1
            run.code.add(normal_code(stored.source))
            for text in _shown_texts(fresh):
                run.outputs.append((frozenset({normal_code(stored.source)}), text))
            elsewhere = figures_drawn_elsewhere()
            run.figures.update(_images(stored if elsewhere else fresh))
            if _outputs(stored, images=not elsewhere) == _outputs(fresh, images=not elsewhere):
                if elsewhere:
                    self.config.stash[_COUNTS]["uncompared"] += len(_images(stored))
                continue
            if self.config.getoption("update_outputs"):
                stored.outputs = fresh.outputs
                changed = True
            else:
                problems.append(
                    f"{page} cell {number}: shows {_describe(_outputs(stored))}, "
                    f"but the run gave {_describe(_outputs(fresh))}"
                )
        if changed:
            for count, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
                cell.execution_count = count + 1
                for out in cell.outputs:
                    if "execution_count" in out:
                        out["execution_count"] = count + 1
            nbformat.write(notebook, self.path)
        if problems:
            raise BlockFailed(
                "the outputs stored in the notebook differ from what a run in a kernel gave:\n"
                + "\n".join(problems)
                + "\nIf the new outputs are right, run `python3 tasks.py update`."
            )


# --- the built site ------------------------------------------------------------------------


def site_build(config: pytest.Config) -> dict:
    """The site this session checks, built once (``conftest.built_site`` uses it too)."""
    if _BUILD not in config.stash:
        config.stash[_BUILD] = SiteBuild(_site(config), _shared_dir(config))
    try:
        return config.stash[_BUILD].result()
    except BuildFailed as err:
        raise PageProblem(str(err)) from None


def pytest_collection_modifyitems(session, config, items) -> None:
    # The pages' blocks first: they run in this process, on one core, while the site build
    # and the notebook kernels started at collection use the other. The built pages are
    # checked after every block has run.
    last = [i for i in items if isinstance(i, (HtmlCheck, BuiltPagesCheck))]
    pages = [i for i in items if isinstance(i.parent, SitePage) and i not in last]
    rest = [i for i in items if not isinstance(i.parent, SitePage) and i not in last]
    items[:] = pages + rest + last


def pytest_deselected(items) -> None:
    for item in items:
        if isinstance(item, (BlockItem, NotebookItem)):
            item.config.stash[_DESELECTED].add(str(item.parent.shown_as))


def pytest_collection_finish(session: pytest.Session) -> None:
    runs_programs = any(isinstance(i, (BlockItem, NotebookItem)) for i in session.items)
    if runs_programs and not session.config.getoption("cold_kernels"):
        # Its imports overlap the rest of collection and the first tests.
        kernel_server()
    site = _site(session.config)
    wanted = any(isinstance(i, (HtmlCheck, BuiltPagesCheck)) for i in session.items)
    if site and wanted and not session.config.getoption("update_outputs"):
        session.config.stash[_BUILD] = SiteBuild(site, _shared_dir(session.config))


def dest_of(source: Path, docs_dir: Path) -> Path:
    """Where MkDocs (with directory URLs) writes the page built from ``source``."""
    relative = source.resolve().relative_to(docs_dir).with_suffix("")
    if relative.name in {"index", "README"}:
        return relative.parent / "index.html"
    return relative / "index.html"


class HtmlCheck(SiteItem):
    def __init__(self, *, locate, **kwargs):
        super().__init__(**kwargs)
        self.locate = locate

    def runtest(self) -> None:
        page = self.parent.shown_as
        if self.config.getoption("update_outputs"):
            pytest.skip("not checked in an update run: run the suite again to check the built page")
        if str(page) in self.config.stash[_DESELECTED]:
            pytest.skip(
                "some blocks of this page were deselected; the built page is checked "
                "when they all run"
            )
        build = site_build(self.config)
        if build["returncode"] != 0:
            raise PageProblem(
                f"{page}: the site did not build, so this page cannot be checked as readers "
                f"see it:\n{build['log'][-2000:]}"
            )
        site = self.parent.site
        built = BuiltPage(
            source=page,
            html_file=build["dir"] / dest_of(self.path, site.docs_dir),
            site_dir=build["dir"],
            locate=self.locate,
        )
        if not built.html_file.is_file():
            raise PageProblem(f"{page}: MkDocs built no page from it ({built.html_file.name})")
        run = self.config.stash[_RUNS].get(str(page), PageRun())
        problems, counts = check_page(built, run, site.diagram_classes)
        self.config.stash[_COUNTS]["html"].add(counts)
        self.config.stash[_COUNTS]["pages"] += 1
        if problems and run.failed:
            problems.append(
                f"This may follow from the failed block(s) above ({', '.join(run.failed)}): a "
                "block that fails records nothing of what it printed or drew. Fix those first."
            )
        if problems:
            raise PageProblem("\n".join(problems))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note each failed block of a page, for the page's built-page check to mention."""
    report = yield
    if report.when == "call" and report.failed and isinstance(item, (BlockItem, NotebookItem)):
        _run_of(item.config, item.parent.shown_as).failed.append(
            f"{item.parent.shown_as}::{item.name}"
        )
    return report


class BuiltPagesCheck(SiteItem):
    """Every HTML page the build wrote comes from a page this session collected."""

    def runtest(self) -> None:
        if self.config.getoption("update_outputs"):
            pytest.skip("not checked in an update run: run the suite again to check the site")
        site = self.parent.site
        build = site_build(self.config)
        if build["returncode"] != 0:
            raise PageProblem(f"the site did not build:\n{build['log'][-2000:]}")
        expected = {dest_of(p, site.docs_dir) for p in site.pages()}
        built = {
            p.relative_to(build["dir"])
            for p in build["dir"].rglob("*.html")
            if p.name != "404.html" and p.relative_to(build["dir"]).parts[0] not in {"assets"}
        }
        stray = sorted(built - expected)
        if stray:
            raise PageProblem(
                "\n".join(
                    f"{p}: MkDocs built this page, but from no file the suite collects as a page"
                    for p in stray
                )
            )


# --- figures and the matplotlib that draws them -----------------------------------------

# The packages whose release decides a figure's pixels: matplotlib draws and renders the
# text (with the FreeType it ships), Pillow writes the PNG.
DRAWING = ("matplotlib", "pillow")


@functools.cache
def figures_drawn_elsewhere() -> str | None:
    """Why figures cannot be compared in this environment, or None where they can.

    The committed figures were drawn with the pinned matplotlib and Pillow. Other releases
    (the oldest supported ones, the newest) lay out text and lines a pixel apart, so there
    a figure is not compared; the outputs printed still are.
    """
    from importlib.metadata import PackageNotFoundError, version

    constraints = Path(__file__).resolve().parent.parent / "requirements" / "constraints.txt"
    if not constraints.exists():
        return None
    pinned = read_pins(constraints)
    for name in DRAWING:
        try:
            installed = version(name)
        except PackageNotFoundError:
            continue
        if name in pinned and installed != pinned[name]:
            return (
                f"they are drawn here by {name} {installed}, not the pinned {pinned[name]} "
                "that drew the committed figures"
            )
    return None


# --- end of session ------------------------------------------------------------------------


def pytest_sessionfinish(session: pytest.Session) -> None:
    counts = session.config.stash[_COUNTS]
    for run in session.config.stash.get(_NOTEBOOKS, {}).values():
        counts["kernels"] += run.kernels
        counts["cold"] += run.cold
    if hasattr(session.config, "workeroutput"):  # an xdist worker: the controller reports
        session.config.workeroutput["docblocks"] = {
            "run": counts["run"],
            "pages": counts["pages"],
            "uncompared": counts["uncompared"],
            "kernels": counts["kernels"],
            "cold": counts["cold"],
            "html": dataclasses.asdict(counts["html"]),
        }
    edits = session.config.stash.get(_EDITS, [])
    by_file: dict[Path, list] = {}
    for path, fence_line, length, printed in edits:
        by_file.setdefault(path, []).append((fence_line, length, printed))
    for path, changes in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for fence_line, length, printed in sorted(changes, reverse=True, key=lambda c: c[0]):
            if isinstance(printed, list):  # a new output block, written whole
                lines[fence_line:fence_line] = printed
                continue
            indent = re.match(r"^\s*", lines[fence_line - 1]).group(0)
            new = [indent + line if line else line for line in _for_page(printed).split("\n")]
            lines[fence_line : fence_line + length] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"\nupdated {len(changes)} expected output(s) in {path}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _BUILD in config.stash:
        config.stash[_BUILD].cleanup()
    for run in config.stash.get(_NOTEBOOKS, {}).values():
        run.cleanup()
    warm_kernel.close_server()
    if _SHARED in config.stash:
        shutil.rmtree(config.stash[_SHARED], ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    counts = config.stash.get(_COUNTS, None)
    if counts and counts["run"]:
        terminalreporter.write_line(f"docs code blocks executed: {counts['run']}")
    if counts and counts["uncompared"]:
        terminalreporter.write_line(
            f"figures not compared: {counts['uncompared']}, because {figures_drawn_elsewhere()}"
            " (each block still had to draw its figure)"
        )
    if counts and counts["kernels"]:
        why = Counter(counts["cold"])
        terminalreporter.write_line(
            f"kernels: {counts['kernels']}, {counts['kernels'] - len(counts['cold'])} of them "
            "forked from one that had imported TensorFlow"
            + "".join(f"; {n} started cold: {reason}" for reason, n in why.most_common())
        )
    if counts and counts["pages"]:
        c = counts["html"]
        terminalreporter.write_line(
            f"built pages checked: {counts['pages']}; matched to this run: {c.python} Python "
            f"blocks, {c.outputs} outputs, {c.images} images, {c.links} links; "
            f"{c.noted} Python blocks shown with a 'not run' note"
        )
