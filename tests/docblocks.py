"""Pytest plugin: every Python block a reader sees on the site runs, as the site shows it.

Every file MkDocs renders as a page (Markdown in any extension MkDocs reads, and
notebooks, in any folder under ``docs_dir``) is collected, with these items:

* one per code block (a block and its ``cont`` continuations), named by the page
  line it starts on. It runs the code, compares what it printed (stdout and stderr,
  as a terminal shows them) with the page's expected-output block, and compares
  each figure it saves, byte for byte, with the committed one in ``figures/``;
* ``checks``: what the Markdown shows that would not be checked (a block
  highlighted as Python that would not run, an output with no marker, a line-range
  include, ...), each with the page and line;
* ``html``: after every block has run, the built page is walked (``html_check.py``):
  each block shown as Python, each output under it, each image and each link must
  match what ran in this session.

A notebook page gets ``cells``: it is run in a Jupyter kernel and every stored
output (streams, results, displays, images, errors) must equal the run's.

``--update-outputs`` rewrites expected outputs and figures from the run instead
of failing on a difference.

Under pytest-xdist (``tasks.py test`` runs ``-n`` workers with ``--dist loadfile``), a
page's items all run in one worker, so its ``html`` item sees the blocks that ran. The
workers share one site build, and the controller adds up what they counted. The
scheduler is ``loadfile``'s, except that a test module listed in ``RUNS_WITH_PAGE``
joins its page's unit and the longest units are handed out first (``LONG_RUNNING``).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import difflib
import fcntl
import functools
import hashlib
import importlib.util
import io
import json
import linecache
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import pytest
from compare import figure_difference, numbers_beyond
from html_check import BuiltPage, Counts, PageRun, check_page
from marks import Mark
from pages import (
    FENCE,
    RUNNABLE_LANGS,
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

FIGURE_SUFFIXES = {".png", ".svg"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HERE = Path(__file__).resolve()
# Python-level stderr joins stdout, as in-process; TensorFlow's C++ start-up log (fd 2,
# different on every machine) does not.
ISOLATED_RUNNER = (
    "import sys; sys.stderr = sys.stdout; "
    "exec(compile(sys.argv[1], sys.argv[2], 'exec'), {'__name__': '__main__'})"
)
MKDOCS_BUILD = [sys.executable, "-X", "importtime", "-m", "mkdocs", "build"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docblocks", "run the code blocks of the docs pages")
    group.addoption(
        "--docs-config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
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
_NOTEBOOKS = pytest.StashKey[dict]()  # notebook path -> NotebookRun
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
    config.stash[_COUNTS] = {"run": 0, "html": Counts(), "pages": 0, "uncompared": 0}
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
        counts["html"].add(Counts(**done["html"]))


# Test modules that must run in the same xdist worker as the page they test, because
# they use what its blocks did in that process: the cheatsheet's backend test reads the
# outcome of the page's own TensorFlow runs instead of running each snippet again.
RUNS_WITH_PAGE = {"tests/pages/test_keras_cheatsheet.py": "docs/keras/cheatsheet.md"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadfile``, except that each module in :data:`RUNS_WITH_PAGE` joins its
    page's unit of work (the page's blocks run first: ``pytest_collection_modifyitems``)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class PageScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return RUNS_WITH_PAGE.get(scope, scope)

        def _assign_work_unit(self, node) -> None:
            # The longest units first, so that no worker starts one when the others are
            # nearly done (xdist hands out the front of its queue).
            longest = min(self.workqueue, key=_start_first)
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return PageScheduling(config, log)


# What takes longest, for the order in which xdist hands out the units of work: a
# notebook (one item, a whole kernel run), then files that start processes of their own.
# The rest follow in xdist's order (the most tests first).
LONG_RUNNING = (
    "docs/keras/cheatsheet.md",
    "tests/pages/test_tensorflow_distributed.py",
    "docs/tensorflow/distributed.md",
    "tests/test_docblocks_rejects.py",
    "tests/test_browser.py",
)


def _start_first(scope: str) -> int:
    if scope.endswith(".ipynb"):
        return 0
    return 1 if scope in LONG_RUNNING else 2


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
        for block in page.blocks:
            if block.lang not in RUNNABLE_LANGS:
                continue
            item = BlockItem.from_parent(
                self, name=f"line {page.page_line(block.fences[0].line)}", page=page, block=block
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


@functools.cache
def _start_tensorflow_quietly() -> None:
    """Import TensorFlow and start its devices with stderr (file descriptor 2) discarded.

    Its C++ start-up writes CUDA probes ("Could not find cuda drivers", "failed call to
    cuInit") straight to file descriptor 2 on a machine without a GPU, whatever
    TF_CPP_MIN_LOG_LEVEL says; pytest would show them under the first failure of every run.
    """
    if importlib.util.find_spec("tensorflow") is None:
        return
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import tensorflow as tf

        tf.config.list_physical_devices()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class BlockItem(pytest.Item):
    def __init__(self, *, page: Page, block: Block, **kwargs):
        super().__init__(**kwargs)
        self.page, self.block = page, block
        self.filename = f"<{page.path}:{page.page_line(block.fences[0].line)}>"

    # Expanded line of each line of the block's code, for failure reports.
    def code_lines(self) -> list[int]:
        lines = []
        for fence in self.block.fences:
            lines += range(fence.line + 1, fence.line + 1 + fence.code_lines)
        return lines

    def runtest(self) -> None:
        self.config.stash[_COUNTS]["run"] += 1
        run = _run_of(self.config, self.page.path)
        run.code.update(f.text for f in self.block.fences)
        code = self.block.block.code
        if re.search(r"\b(tensorflow|keras)\b", code):
            _start_tensorflow_quietly()
        linecache.cache[self.filename] = (len(code), None, code.splitlines(True), self.filename)
        # dont_inherit: the page's code must not get this module's `from __future__ import
        # annotations`, which would leave unevaluated the annotations a reader's run evaluates.
        compiled = compile(code, self.filename, "exec", dont_inherit=True)
        random.seed(0)
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed(0)
        out = io.StringIO()
        cwd = Path.cwd()
        with tempfile.TemporaryDirectory(prefix="docblock-") as tmp:
            os.chdir(tmp)
            try:
                if self.get_closest_marker("isolated"):
                    out.write(self._run_in_subprocess(code))
                else:
                    # One stream, as a reader's terminal shows both.
                    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                        exec(compiled, {"__name__": "__main__"})
                drew = self._check_figures(Path(tmp))
            finally:
                os.chdir(cwd)
                _close_figures()
        if self._approx() and self.block.block.expected_output is None and not drew:
            raise BlockFailed(
                f"{self.page.where(self.block.fences[0].line)}: this block is marked approx but "
                "shows no output and saves no figure; the mark is for a block whose output "
                "or figure comes from training"
            )
        self._check_output(out.getvalue())

    def _run_in_subprocess(self, code: str) -> str:
        """Run in a fresh interpreter: for code that must start before TensorFlow
        initialises (logical devices, ``KERAS_BACKEND``)."""
        marker = self.get_closest_marker("isolated")
        env = {**os.environ, **marker.kwargs.get("env", {})}
        done = subprocess.run(
            [sys.executable, "-c", ISOLATED_RUNNER, code, self.filename],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        if done.returncode != 0:
            raise BlockFailed(
                f"{self.page.where(self.block.fences[0].line)}: the code block, run in a fresh "
                f"process, exited with {done.returncode}:\n{(done.stdout + done.stderr)[-3000:]}"
            )
        return done.stdout

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
        shown = [indent + line if line else line for line in _normal(printed).rstrip().split("\n")]
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

    def _check_figures(self, tmp: Path) -> int:
        """Compare each figure the block saved with the committed one; return how many."""
        figures_dir = self.parent.path.parent / "figures"
        update = self.config.getoption("update_outputs")
        made_figures = sorted(p for p in tmp.iterdir() if p.suffix in FIGURE_SUFFIXES)
        for made in made_figures:
            data = made.read_bytes()
            _run_of(self.config, self.page.path).figures.add(hashlib.sha256(data).hexdigest())
            committed = figures_dir / made.name
            shown = f"figures/{made.name}"
            if shown not in "\n".join(self.page.expanded):
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: the block saves {made.name} "
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
                shutil.copyfile(made, committed)
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
        return len(made_figures)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (BlockFailed, PageProblem)):
            return str(excinfo.value)
        return self._explain(excinfo.value)

    def _explain(self, error: BaseException) -> str:
        """The page line, the block's code with the failing line marked, and the traceback a
        reader would see: from the block down, without the test machinery's frames."""
        failing = None
        for frame, lineno in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename == self.filename:
                failing = lineno
        code = self.block.block.code.splitlines()
        expanded_lines = self.code_lines()
        first = self.block.fences[0].line
        where = self.page.where(expanded_lines[failing - 1] if failing else first)
        listing = "\n".join(
            f"{'>' if n == failing else ' '} {n:3d} | {text}" for n, text in enumerate(code, 1)
        )
        return (
            f"{where}: the code block raised {type(error).__name__}\n\n{listing}\n\n"
            + reader_traceback(error)
        )

    def reportinfo(self):
        line = self.page.page_line(self.block.fences[0].line) - 1
        return self.path, line, self.name


def reader_traceback(error: BaseException, limit: int = 8) -> str:
    """The traceback without pytest's, pluggy's or this plugin's frames, last frames first kept."""
    summary = traceback.extract_tb(error.__traceback__)
    frames = [
        f
        for f in summary
        if Path(f.filename).resolve() != HERE
        and not re.search(r"[/\\](_pytest|pluggy)[/\\]", f.filename)
    ][-limit:]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


def _normal(text: str) -> str:
    return normal_code(text) + "\n"


def _close_figures() -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


# --- notebooks -----------------------------------------------------------------------------


class DocsNotebook(SitePage):
    """A notebook page: run in a Jupyter kernel, as a reader runs it."""

    def collect(self):
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        problems = []
        for number, cell in enumerate(notebook.cells, 1):
            if cell.cell_type != "markdown":
                continue
            for fence in find_fences(cell.source.split("\n")):
                if highlighted_as_python(fence.lang):
                    problems.append(
                        f"{self.shown_as} cell {number}: this ```{fence.lang} block in a Markdown "
                        "cell is shown as Python but never runs; put the code in a code cell"
                    )
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


class NotebookRun:
    """One notebook run in a Jupyter kernel, in a scratch folder, with the outputs the run
    gave. It runs in a thread started at collection, so that the kernel and its imports
    overlap the other tests."""

    def __init__(self, path: Path):
        self.path = path
        self.dir = Path(tempfile.mkdtemp(prefix="notebook-"))
        self.notebook = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            import nbformat
            from nbclient import NotebookClient

            notebook = nbformat.read(self.path, as_version=4)
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
            env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # Jupyter's inline
            client = NotebookClient(
                notebook,
                timeout=600,
                kernel_name="python3",
                allow_errors=True,
                resources={"metadata": {"path": str(self.dir)}},
            )
            loop = asyncio.new_event_loop()  # this thread's own, closed when done
            try:
                # The kernel's own stderr is TensorFlow's start-up noise (CUDA probes on a
                # machine without a GPU); what the cells print comes over Jupyter's channels.
                loop.run_until_complete(client.async_execute(env=env, stderr=subprocess.DEVNULL))
            finally:
                loop.close()
            self.notebook = notebook
        except BaseException as err:  # reported by the notebook's test item
            self.error = err

    def result(self):
        self.thread.join(timeout=900)
        if self.error is not None or self.notebook is None:
            raise BlockFailed(
                f"the notebook could not be run in a kernel: {self.error!r}\n"
                + "".join(traceback.format_exception(self.error))[-3000:]
            )
        return self.notebook

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def notebook_run(config: pytest.Config, path: Path) -> NotebookRun:
    runs = config.stash[_NOTEBOOKS]
    if path not in runs:
        runs[path] = NotebookRun(path)
    return runs[path]


class NotebookItem(SiteItem):
    def runtest(self) -> None:
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        ran = notebook_run(self.config, self.path).result()
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


class SiteBuild:
    """``mkdocs build`` of the site in a subprocess, started early so it overlaps the blocks.

    Under xdist the workers share one build in the controller's ``shared`` folder: the
    first worker to get the lock builds and writes ``result.json`` (from a thread, so the
    others need not wait for that worker to ask); the others wait on the lock and read it.
    """

    def __init__(self, site: SiteConfig, shared: Path | None = None):
        self.shared = shared
        self.process: subprocess.Popen | None = None
        self.publisher: threading.Thread | None = None
        self._result: dict | None = None
        if shared is None:
            self.dir = Path(tempfile.mkdtemp(prefix="built-site-"))
            self.log_file = self.dir.with_suffix(".log")
        else:
            self.dir, self.log_file = shared / "site", shared / "build.log"
            self.result_file = shared / "result.json"
            self.lock = (shared / "build.lock").open("w")
            try:
                fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another worker is building
            if self.result_file.exists():  # another worker built it already
                fcntl.flock(self.lock, fcntl.LOCK_UN)
                return
        self.start = time.perf_counter()
        with self.log_file.open("w") as log:
            self.process = subprocess.Popen(
                [*MKDOCS_BUILD, "-f", str(site.config_file), "-d", str(self.dir)],
                cwd=site.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        if shared is not None:
            self.publisher = threading.Thread(target=self._publish, daemon=True)
            self.publisher.start()

    def _publish(self) -> None:
        try:
            result = self._wait()
            data = {**result, "dir": str(result["dir"]), "imports": sorted(result["imports"])}
            self.result_file.write_text(json.dumps(data))
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)

    def _wait(self) -> dict:
        returncode = self.process.wait()
        seconds = time.perf_counter() - self.start
        lines = self.log_file.read_text(errors="replace").splitlines()
        imports = {line.rsplit("|", 1)[-1].strip() for line in lines if "import time:" in line}
        log = "\n".join(line for line in lines if "import time:" not in line)
        return {
            "dir": self.dir,
            "returncode": returncode,
            "log": log,
            "imports": imports,
            "seconds": seconds,
        }

    def result(self) -> dict:
        if self._result is not None:
            return self._result
        if self.shared is None:
            self._result = self._wait()
            return self._result
        if self.publisher is not None:  # this worker builds: the lock is its own
            self.publisher.join()
        fcntl.flock(self.lock, fcntl.LOCK_SH)  # until the building worker is done
        try:
            if not self.result_file.exists():
                raise PageProblem(
                    "the xdist worker that was building the site stopped before the build "
                    f"finished; its log:\n{self.log_file.read_text(errors='replace')[-2000:]}"
                )
            data = json.loads(self.result_file.read_text())
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
        self._result = {**data, "dir": Path(data["dir"]), "imports": set(data["imports"])}
        return self._result

    def cleanup(self) -> None:
        if self.publisher is not None:
            # Other workers may still wait for this build: a worker whose tests ended
            # first (one that ran only a page's test file) must not kill it.
            self.publisher.join(timeout=900)
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.shared is None:  # a shared build is the controller's to remove
            shutil.rmtree(self.dir, ignore_errors=True)
            self.log_file.unlink(missing_ok=True)


def site_build(config: pytest.Config) -> dict:
    """The site this session checks, built once (``conftest.built_site`` uses it too)."""
    if _BUILD not in config.stash:
        config.stash[_BUILD] = SiteBuild(_site(config), _shared_dir(config))
    return config.stash[_BUILD].result()


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
    site = _site(session.config)
    wanted = any(isinstance(i, (HtmlCheck, BuiltPagesCheck)) for i in session.items)
    if site and wanted and not session.config.getoption("update_outputs"):
        session.config.stash[_BUILD] = SiteBuild(site, _shared_dir(session.config))
    if _shared_dir(session.config) is None:  # an xdist worker starts only the notebooks it runs
        for item in session.items:
            if isinstance(item, NotebookItem):
                notebook_run(session.config, item.path)


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
    if hasattr(session.config, "workeroutput"):  # an xdist worker: the controller reports
        counts = session.config.stash[_COUNTS]
        session.config.workeroutput["docblocks"] = {
            "run": counts["run"],
            "pages": counts["pages"],
            "uncompared": counts["uncompared"],
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
            new = [
                indent + line if line else line
                for line in _normal(printed).rstrip("\n").split("\n")
            ]
            lines[fence_line : fence_line + length] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"\nupdated {len(changes)} expected output(s) in {path}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _BUILD in config.stash:
        config.stash[_BUILD].cleanup()
    for run in config.stash.get(_NOTEBOOKS, {}).values():
        run.cleanup()
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
    if counts and counts["pages"]:
        c = counts["html"]
        terminalreporter.write_line(
            f"built pages checked: {counts['pages']}; matched to this run: {c.python} Python "
            f"blocks, {c.outputs} outputs, {c.images} images, {c.links} links; "
            f"{c.noted} Python blocks shown with a 'not run' note"
        )
