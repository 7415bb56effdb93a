"""Pytest plugin: every Python block a reader sees on the site runs, as the site shows it.

For each page under ``docs_dir`` (from ``mkdocs.yml``) the collector yields:

* one item per code block (a block and its ``cont`` continuations), named by the
  page line it starts on. It runs the code, compares printed output with the
  page's expected-output block and compares each figure the code saves with the
  committed one in ``figures/`` beside the page;
* ``unexecuted``: fails if a Python-highlighted block would not run (tildes,
  ``pycon``, a fence pytest-codeblocks cannot see) unless it is marked skip;
* ``links``: fails on a relative link to a file that does not exist;
* ``figures``: fails if the page shows a figure no block produced.

``--update-outputs`` rewrites expected outputs and figures from the run instead
of failing on a difference.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import linecache
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pytest
from pages import RUNNABLE_LANGS, Block, Page, PageError, SiteConfig, read_page

FIGURE_SUFFIXES = {".png", ".svg"}
LINK = re.compile(r"!?\[[^\]]*\]\((?P<target><[^>]+>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?P<target>\S+)")
INLINE_CODE = re.compile(r"`+[^`]*`+")
MARK_NEEDS_REASON = ("pytest.mark.skip", "pytest.mark.skipif", "pytest.mark.xfail")


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


def pytest_configure(config: pytest.Config) -> None:
    # Deterministic, CPU-only, quiet: set before anything imports TensorFlow.
    for key, value in {
        "CUDA_VISIBLE_DEVICES": "-1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "KERAS_BACKEND": "tensorflow",
        "MPLBACKEND": "Agg",
    }.items():
        os.environ.setdefault(key, value)
    # Keras' summary() sizes its table from the terminal; pages must not depend on it.
    os.environ["COLUMNS"] = "80"
    config.stash[_EDITS] = []
    config.stash[_COUNTS] = {"run": 0}


_EDITS = pytest.StashKey[list]()
_COUNTS = pytest.StashKey[dict]()


def _site(config: pytest.Config) -> SiteConfig | None:
    path = Path(config.getoption("docs_config"))
    if not path.is_absolute():
        path = config.invocation_params.dir / path
    return SiteConfig.load(path.resolve()) if path.exists() else None


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    site = _site(parent.config)
    if not site or site.docs_dir not in file_path.resolve().parents:
        return None
    if file_path.suffix == ".md":
        return DocsPage.from_parent(parent, path=file_path, site=site)
    if file_path.suffix == ".ipynb":
        return DocsNotebook.from_parent(parent, path=file_path)
    return None


class DocsNotebook(pytest.File):
    """A notebook page: its code cells run in order, in one namespace, as in Jupyter."""

    def collect(self):
        yield NotebookItem.from_parent(self, name="cells")


class NotebookItem(pytest.Item):
    def runtest(self) -> None:
        import nbformat

        notebook = nbformat.read(self.path, as_version=4)
        namespace: dict = {"__name__": "__main__"}
        changed, problems = False, []
        cwd = Path.cwd()
        with tempfile.TemporaryDirectory(prefix="notebook-") as tmp:
            os.chdir(tmp)
            try:
                for number, cell in enumerate(notebook.cells, 1):
                    if cell.cell_type != "code":
                        continue
                    self.config.stash[_COUNTS]["run"] += 1
                    out = io.StringIO()
                    name = f"<{self.path.name} cell {number}>"
                    linecache.cache[name] = (
                        len(cell.source),
                        None,
                        cell.source.splitlines(True),
                        name,
                    )
                    with contextlib.redirect_stdout(out):
                        exec(compile(cell.source, name, "exec"), namespace)
                    shown = "".join(
                        o.get("text", "") for o in cell.outputs if o.get("name") == "stdout"
                    )
                    if _normal(shown) == _normal(out.getvalue()):
                        continue
                    if self.config.getoption("update_outputs"):
                        text = out.getvalue()
                        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
                        changed = True
                    else:
                        problems.append(
                            f"{self.path.name} cell {number}: shows {shown!r}, "
                            f"printed {out.getvalue()!r}"
                        )
            finally:
                os.chdir(cwd)
                _close_figures()
        if changed:
            for count, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
                cell.execution_count = count + 1
            nbformat.write(notebook, self.path)
        if problems:
            raise BlockFailed(
                "the output stored in the notebook differs from what the code printed:\n"
                + "\n".join(problems)
                + "\nIf the new output is right, run `python3 tasks.py update`."
            )

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BlockFailed):
            return f"{self.path.name}: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.name


class DocsPage(pytest.File):
    def __init__(self, *, site: SiteConfig, **kwargs):
        super().__init__(**kwargs)
        self.site = site
        self.figures_made: set[str] = set()
        self.blocks_run: set[str] = set()
        self.blocks_to_run: set[str] = set()  # not marked skip

    @property
    def shown_as(self) -> Path:
        try:
            return self.path.resolve().relative_to(self.site.root)
        except ValueError:
            return self.path

    def collect(self):
        try:
            page = read_page(self.path, self.site, self.shown_as)
        except PageError as err:
            yield PageCheck.from_parent(self, name="read", problems=[str(err)])
            return
        for block in page.blocks:
            if block.lang not in RUNNABLE_LANGS:
                continue
            item = BlockItem.from_parent(
                self, name=f"line {page.page_line(block.fences[0].line)}", page=page, block=block
            )
            for mark in block.marks:
                item.add_marker(eval(mark, {"sys": sys, "pytest": pytest, "os": os}))
            if not item.get_closest_marker("skip"):
                self.blocks_to_run.add(item.name)
            yield item
        yield PageCheck.from_parent(self, name="unexecuted", problems=_unexecuted(page))
        yield PageCheck.from_parent(self, name="links", problems=_broken_links(page, self.path))
        yield FigureCheck.from_parent(self, name="figures", page=page)


def _unexecuted(page: Page) -> list[str]:
    problems = [
        f"{page.where(f.line)}: this ```{f.lang} block is highlighted as Python but would not "
        "run (use a plain ```python fence; pycon sessions become a python block plus an "
        "expected-output block)"
        for f in page.unexecuted
    ]
    for block in page.blocks:
        for mark in block.marks:
            if mark.startswith(MARK_NEEDS_REASON) and "reason=" not in mark:
                problems.append(
                    f'{page.where(block.fences[0].line)}: <!--{mark}--> needs reason="..."; '
                    "the page shows the reason to readers"
                )
    return problems


def _broken_links(page: Page, path: Path) -> list[str]:
    problems, in_fence = [], None
    for number, line in enumerate(page.expanded, 1):
        fence = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence:
            marker = fence.group(1)[0]
            in_fence = None if in_fence == marker else (in_fence or marker)
            continue
        if in_fence:
            continue
        text = INLINE_CODE.sub("", line)
        targets = [m.group("target") for m in LINK.finditer(text)]
        targets += [m.group("target") for m in REF_LINK.finditer(text)]
        for target in targets:
            target = target.strip("<>")
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
                continue
            file_part = target.split("#", 1)[0].split("?", 1)[0]
            if not file_part:
                continue
            resolved = (path.parent / file_part).resolve()
            if file_part.endswith("/"):
                resolved = resolved / "index.md"
            if not resolved.exists():
                problems.append(f"{page.where(number)}: link to '{target}', which does not exist")
    return problems


class PageCheck(pytest.Item):
    def __init__(self, *, problems: list[str], **kwargs):
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        if self.problems:
            raise PageProblem("\n".join(self.problems))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, PageProblem):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.name


class PageProblem(Exception):
    pass


class FigureCheck(PageCheck):
    """Every ``figures/...`` image a page shows was written by one of its blocks."""

    def __init__(self, *, page: Page, **kwargs):
        super().__init__(problems=[], **kwargs)
        self.page = page

    def runtest(self) -> None:
        if not self.parent.blocks_to_run <= self.parent.blocks_run:
            pytest.skip("figures are checked when every block of the page runs in the session")
        made = self.parent.figures_made
        for number, line in enumerate(self.page.expanded, 1):
            for m in LINK.finditer(line):
                target = m.group("target").strip("<>")
                if target.startswith("figures/") and Path(target).name not in made:
                    self.problems.append(
                        f"{self.page.where(number)}: shows {target}, but no block on the page "
                        "saved it; figures must come from a block that runs"
                    )
        super().runtest()


class BlockFailed(Exception):
    pass


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
        self.parent.blocks_run.add(self.name)
        code = self.block.block.code
        linecache.cache[self.filename] = (len(code), None, code.splitlines(True), self.filename)
        compiled = compile(code, self.filename, "exec")
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
                    with contextlib.redirect_stdout(out):
                        exec(compiled, {"__name__": "__main__"})
                self._check_figures(Path(tmp))
            finally:
                os.chdir(cwd)
                _close_figures()
        self._check_output(out.getvalue())

    def _run_in_subprocess(self, code: str) -> str:
        """Run in a fresh interpreter: for code that must start before TensorFlow
        initialises (logical devices, ``KERAS_BACKEND``)."""
        marker = self.get_closest_marker("isolated")
        env = {**os.environ, **marker.kwargs.get("env", {})}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600
        )
        if done.returncode != 0:
            raise BlockFailed(
                f"{self.page.where(self.block.fences[0].line)}: the code block, run in a fresh "
                f"process, exited with {done.returncode}:\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def _check_output(self, printed: str) -> None:
        expected = self.block.block.expected_output
        if expected is None:
            return
        if self.block.block.expected_output_ignore_whitespace:
            same = re.sub(r"\s+", "", expected) == re.sub(r"\s+", "", printed)
        else:
            same = _normal(expected) == _normal(printed)
        if same:
            return
        fence = self.block.output_fence
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
        raise BlockFailed(
            f"{where}: the output shown on the page differs from what the code printed.\n{diff}\n"
            "If the new output is right, run `python3 tasks.py update`."
        )

    def _check_figures(self, tmp: Path) -> None:
        figures_dir = self.parent.path.parent / "figures"
        update = self.config.getoption("update_outputs")
        for made in sorted(p for p in tmp.iterdir() if p.suffix in FIGURE_SUFFIXES):
            self.parent.figures_made.add(made.name)
            committed = figures_dir / made.name
            shown = f"figures/{made.name}"
            if shown not in "\n".join(self.page.expanded):
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: the block saves {made.name} "
                    f"but the page does not show {shown}"
                )
            if update:
                figures_dir.mkdir(exist_ok=True)
                shutil.copyfile(made, committed)
                continue
            if not committed.exists():
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: {shown} is not committed; "
                    "run `python3 tasks.py update` to write it"
                )
            problem = _compare_images(committed, made)
            if problem:
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: {shown} differs from the "
                    f"figure the code draws now ({problem}). If the new one is right, run "
                    "`python3 tasks.py update`."
                )

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (BlockFailed, PageProblem)):
            return str(excinfo.value)
        return self._explain(excinfo.value)

    def _explain(self, error: BaseException) -> str:
        """Name the page line, show the block's code with the failing line marked."""
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
        tb = "".join(traceback.format_exception(error)[-6:])
        return f"{where}: the code block raised {type(error).__name__}\n\n{listing}\n\n{tb}"

    def reportinfo(self):
        line = self.page.page_line(self.block.fences[0].line) - 1
        return self.path, line, self.name


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"


def _compare_images(expected: Path, actual: Path) -> str | None:
    if expected.suffix == ".svg":
        return None if expected.read_bytes() == actual.read_bytes() else "the SVG text differs"
    from matplotlib.testing.compare import compare_images

    result = compare_images(str(expected), str(actual), tol=2, in_decorator=True)
    if result is None:
        return None
    return f"RMS difference {result['rms']:.2f} > 2" if "rms" in result else str(result)


def _close_figures() -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def pytest_sessionfinish(session: pytest.Session) -> None:
    edits = session.config.stash.get(_EDITS, [])
    by_file: dict[Path, list] = {}
    for path, fence_line, length, printed in edits:
        by_file.setdefault(path, []).append((fence_line, length, printed))
    for path, changes in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for fence_line, length, printed in sorted(changes, reverse=True):
            indent = re.match(r"^\s*", lines[fence_line - 1]).group(0)
            new = [
                indent + line if line else line
                for line in _normal(printed).rstrip("\n").split("\n")
            ]
            lines[fence_line : fence_line + length] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"\nupdated {len(changes)} expected output(s) in {path}")


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    counts = config.stash.get(_COUNTS, None)
    if counts and counts["run"]:
        terminalreporter.write_line(f"docs code blocks executed: {counts['run']}")
