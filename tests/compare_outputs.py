"""Stage 4: compare each block's run with what the page shows.

A Markdown page has one ``BlockItem`` per block (a ``cont`` chain): it checks its cell's
outputs (streams, warnings and logging included, displays as text) and figures against
the page's. A notebook page has one ``NotebookItem``: its stored outputs against a fresh
run. With ``--update-outputs`` the differences are recorded for ``update_pages.py`` to
write instead.
"""

from __future__ import annotations

import base64
import difflib
import functools
import hashlib
import re
from pathlib import Path

import pytest
from compare import figure_difference, numbers_beyond
from kernel import ANSI, CellRun
from marks import Mark
from page_session import COUNTS, EDITS, BlockFailed, PageProblem, SiteItem, run_of
from pages import FENCE, Block, Page, normal_code
from pins import read_pins
from run_programs import page_run
from update_pages import ADDRESS, EXPECTED_OUTPUT, after_annotations, for_page


class BlockItem(pytest.Item):
    """One block (a ``cont`` chain): its cell in the page's program, as the kernel ran it."""

    runs_program = True

    def __init__(self, *, page: Page, block: Block, cell: int, **kwargs):
        super().__init__(**kwargs)
        self.page, self.block, self.cell = page, block, cell

    def runtest(self) -> None:
        self.config.stash[COUNTS]["run"] += 1
        run = run_of(self.config, self.page.path)
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
        run_of(self.config, self.page.path).outputs.append((chain, expected))
        if _normal(expected) == _normal(printed):
            return
        fence = self.block.output_fence
        approx = self._approx()
        beyond = approx and approx_beyond(expected, printed, approx.tolerance, approx.lines)
        if beyond == []:
            return  # every number within the tolerance the page shows
        if self.config.getoption("update_outputs"):
            if fence is None or self.page.origin[fence.line - 1][1] is not None:
                raise BlockFailed(
                    f"{self.page.where(self.block.fences[0].line)}: cannot update an expected "
                    "output that comes from a snippet; edit it by hand"
                )
            self.config.stash[EDITS].append(
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
        shown = [indent + line if line else line for line in for_page(printed).split("\n")]
        new = ["", f"{indent}{EXPECTED_OUTPUT}", f"{indent}```text", *shown, f"{indent}```"]
        if self.config.getoption("update_outputs"):
            at = after_annotations(source, close)
            self.config.stash[EDITS].append((self.parent.path, at, 0, new))
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
            run_of(self.config, self.page.path).figures.add(hashlib.sha256(data).hexdigest())
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
                run_of(self.config, self.page.path).figures.add(hashlib.sha256(old).hexdigest())
                self.config.stash[COUNTS]["uncompared"] += 1
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
                run_of(self.config, self.page.path).figures.add(hashlib.sha256(old).hexdigest())
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


# The times in a Keras training log (``11/11 - 1s - 55ms/step - ...``) depend on the machine.
FIT_TIMES = re.compile(r"^(\d+/\d+) - \d+(?:\.\d+)?m?s - \d+(?:\.\d+)?[mu]?s/step", re.M)


def approx_beyond(
    expected: str, printed: str, tolerance: float, lines: dict[str, float] | None = None
) -> list[str] | None:
    """:func:`compare.numbers_beyond` on the two outputs as compared (a training log's
    times, which a tolerance does not cover, made alike first)."""
    return numbers_beyond(_normal(expected), _normal(printed), tolerance, lines)


def _normal(text: str) -> str:
    text = ADDRESS.sub("0x...", normal_code(text))
    return FIT_TIMES.sub(r"\1 - (time) - (time)/step", text) + "\n"


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


MISSING_OUTPUT = (
    "this block prints, but the page shows no output under it. What a block prints is shown "
    "to the reader and compared with the run."
)


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


class NotebookItem(SiteItem):
    runs_program = True

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
        run = run_of(self.config, page)
        problems, changed = [], False
        for number, (stored, fresh) in enumerate(zip(notebook.cells, ran.cells, strict=True), 1):
            if stored.cell_type != "code":
                continue
            self.config.stash[COUNTS]["run"] += 1
            run.code.add(normal_code(stored.source))
            for text in _shown_texts(fresh):
                run.outputs.append((frozenset({normal_code(stored.source)}), text))
            elsewhere = figures_drawn_elsewhere()
            run.figures.update(_images(stored if elsewhere else fresh))
            if _outputs(stored, images=not elsewhere) == _outputs(fresh, images=not elsewhere):
                if elsewhere:
                    self.config.stash[COUNTS]["uncompared"] += len(_images(stored))
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
