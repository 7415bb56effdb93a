"""Run a page's program (``tools/program.py``) as a reader runs its notebook.

Clean, as a reader's fresh notebook is: a new Jupyter kernel (a new process, so no
compiler flags, modules or monkeypatches carry over from the suite), started in an empty
folder outside the repository, with no ``PYTHONPATH``, no IPython or matplotlib profile
and no Keras config of the contributor's, and with the settings every page states
(``program.KERNEL_ENV``). Cells run top to bottom; a cell marked to start fresh gets a
new kernel in the same folder, as after a restart; the first cell that raises
unexpectedly stops the run, as "Run all" does.

For each cell the run keeps its outputs (as Jupyter records them, followed by what the
process wrote below Python, such as a child process or TensorFlow's C++ runtime) and the
figures it saved in the folder. Nothing the page's code does reaches the process that judges it.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import shutil
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import warm_kernel
from program import KERNEL_ENV, SKIP_TAG, Program

FIGURE_SUFFIXES = {".png", ".svg"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# What a reader's environment would not have: the suite's and the contributor's settings.
NOT_INHERITED = re.compile(
    r"^(PYTHON(PATH|STARTUP|HOME)|PYTEST_.*|KERAS_.*|MPLBACKEND|MPLCONFIGDIR|IPYTHONDIR|"
    r"JUPYTER_.*|COLUMNS|LINES|DLCOURSE_.*|COV_.*|VIRTUAL_ENV_PROMPT)$"
)
# TensorFlow's C++ start-up lines, written to file descriptor 2 before its logging starts
# (so TF_CPP_MIN_LOG_LEVEL cannot hide them): CUDA probes on a machine without a GPU, and
# notes on the CPU's instructions. They differ from machine to machine and are not compared.
STARTUP_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    r"|[IWE]\d{4} [\d:.]+\s+\d+ \S+\.cc:\d+\] .*"
    r"|To enable the following instructions: .*"
    r"|E0000 .*)\n?",
    re.MULTILINE,
)


def reader_env(extra: dict[str, str] | None = None, home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not NOT_INHERITED.match(k)}
    for key, value in KERNEL_ENV.items():
        env.setdefault(key, value)  # `tasks.py test --machine` may set another machine's
    if home is not None:  # a fresh install's: no profile, matplotlibrc or keras.json of ours
        env.update(
            IPYTHONDIR=str(home / "ipython"),
            MPLCONFIGDIR=str(home / "matplotlib"),
            KERAS_HOME=str(home / "keras"),
        )
    env.update(extra or {})
    return env


def kernel_server(preload: tuple[str, ...] = warm_kernel.PRELOAD) -> warm_kernel.KernelServer:
    """This process's kernel server (``warm_kernel.py``), in a reader's environment."""
    return warm_kernel.server(lambda home: reader_env(None, home), preload)


def merged_streams(outputs: list) -> list:
    """Consecutive outputs of one stream as one output, as Jupyter shows them (a cell that
    prints as it goes, such as a ``fit`` log, sends many pieces)."""
    merged: list = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (
            last
            and out["output_type"] == last["output_type"] == "stream"
            and (out["name"] == last["name"])
        ):
            merged[-1] = type(last)({**last, "text": last["text"] + out["text"]})
        else:
            merged.append(out)
    return merged


def without_startup_noise(outputs: list) -> list:
    """The outputs without TensorFlow's C++ start-up lines (a stream left empty goes)."""
    kept = []
    for out in outputs:
        if out["output_type"] == "stream":
            text = STARTUP_NOISE.sub("", out["text"])
            if not text:
                continue
            out = type(out)({**out, "text": text})  # a NotebookNode stays one
        kept.append(out)
    return kept


@dataclass
class CellRun:
    ran: bool = False
    outputs: list = field(default_factory=list)
    figures: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes

    def text(self) -> str:
        """What the cell printed and showed, as text, in order: streams, the text form of
        results and displays, and tracebacks, without TensorFlow's start-up lines."""
        parts = []
        for out in self.outputs:
            kind = out["output_type"]
            if kind == "stream":
                parts.append(ANSI.sub("", out["text"]))
            elif kind in {"execute_result", "display_data"}:
                if any(m.startswith("image/") for m in out["data"]):
                    continue  # a figure shown inline: the page shows the file the cell saved
                text = ANSI.sub("", out["data"].get("text/plain", ""))
                parts.append(text if text.endswith("\n") else text + "\n")
            elif kind == "error":
                parts.append(ANSI.sub("", "\n".join(out["traceback"])) + "\n")
        return "".join(parts)

    def inline_images(self) -> int:
        """How many images the cell displayed (matplotlib shows each figure under its cell)."""
        return sum(
            any(m.startswith("image/") for m in out["data"])
            for out in self.outputs
            if out["output_type"] in {"execute_result", "display_data"}
        )

    def error(self) -> tuple[str, str, str] | None:
        """(name, message, traceback) of the error the cell raised, if any."""
        for out in self.outputs:
            if out["output_type"] == "error":
                return out["ename"], out["evalue"], ANSI.sub("", "\n".join(out["traceback"]))
        return None


class ProgramRun:
    """One run of a program, in a thread started when the page is collected, so that the
    kernel's start-up and imports overlap the other tests. Its kernels are warm
    (``warm_kernel.py``) unless ``warm`` is false or a segment's code rules it out."""

    def __init__(self, program: Program, env: dict[str, str] | None = None, warm: bool = True):
        self.program = program
        self.warm = warm and sys.platform == "linux"
        self.kernels = 0
        self.cold: list[str] = []  # why each kernel that started cold did
        # Named for the page, so that a process listing says whose kernel is whose.
        slug = re.sub(r"\W+", "-", program.title.lower()).strip("-")[:40]
        self.home = Path(tempfile.mkdtemp(prefix=f"page-run-{slug}-"))
        self.dir = self.home / "work"
        self.dir.mkdir()
        self.extra = env or {}
        self.cells = [CellRun() for _ in program.cells]
        self.stopped_at: int | None = None  # the cell that raised unexpectedly
        self.crash: str | None = None
        self._error: BaseException | None = None
        # Python 3.11's ast.parse keeps its depth count per interpreter, not per thread: two
        # threads parsing at once can fail with "AST constructor recursion depth mismatch".
        # So whatever parses code (choosing each segment's kernel, formatting a traceback)
        # runs here, in the thread that collects and runs the tests, never in the run's.
        self._plan = [(s, *self._kernel(self._segment_code(s))) for s in self._segments()]
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def result(self, timeout: float = 1800) -> list[CellRun]:
        self._thread.join(timeout)
        if self._thread.is_alive():
            self.crash = f"the page's program still ran after {timeout:.0f} s"
        elif self._error is not None and self.crash is None:
            self.crash = "".join(traceback.format_exception(self._error))[-3000:]
        return self.cells

    def cleanup(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    def _segments(self) -> list[list[int]]:
        segments: list[list[int]] = [[]]
        for i, cell in enumerate(self.program.cells):
            if cell.fresh and segments[-1]:
                segments.append([])
            segments[-1].append(i)
        return [s for s in segments if s]

    def _run(self) -> None:
        loop = asyncio.new_event_loop()  # this thread's own
        try:
            for segment, manager, env in self._plan:
                if not loop.run_until_complete(self._run_segment(segment, manager, env)):
                    break
        except BaseException as err:  # reported by the page's items, by way of result()
            self._error = err
        finally:
            loop.close()

    def _segment_code(self, indices: list[int]) -> str:
        """The code a segment's kernel runs: its cells but those tagged to skip."""
        cells = [self.program.cells[i] for i in indices]
        return "\n".join(c.code for c in cells if SKIP_TAG not in c.tags)

    async def _run_segment(
        self, indices: list[int], manager: type | None, env: dict[str, str]
    ) -> bool:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        cells = []
        for i in indices:
            cell = nbformat.v4.new_code_cell(self.program.cells[i].code)
            cell.metadata["tags"] = list(self.program.cells[i].tags)
            cells.append(cell)
        notebook = nbformat.v4.new_notebook(cells=cells)
        seen = self._figures()
        # What the kernel's process writes below Python (a child process, TensorFlow's C++
        # runtime) goes to this file, and into the output of the cell that wrote it. Jupyter
        # forwards it from a pipe by a thread of its own, which can lose the race with the
        # end of the cell; a file has it the moment the write returns.
        below_python = self.home / f"fd-{indices[0]}.log"
        start = 0

        def starting(cell, cell_index):
            nonlocal start
            start = below_python.stat().st_size

        def executed(cell, cell_index, execute_reply):
            nonlocal seen
            run = self.cells[indices[cell_index]]
            with below_python.open("rb") as written:
                written.seek(start)
                text = written.read().decode(errors="replace")
            outputs = list(cell.outputs)
            if text:
                outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))
            run.ran, run.outputs = True, merged_streams(without_startup_noise(outputs))
            now = self._figures()
            run.figures = {
                name: (self.dir / name).read_bytes()
                for name, digest in now.items()
                if seen.get(name) != digest
            }
            seen = now

        client = NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            allow_errors=False,
            skip_cells_with_tag=SKIP_TAG,
            resources={"metadata": {"path": str(self.dir)}},
            on_cell_execute=starting,
            on_cell_executed=executed,
            extra_arguments=["--IPKernelApp.capture_fd_output=False"],
            **({"kernel_manager_class": manager} if manager else {}),
        )
        try:
            with below_python.open("wb", buffering=0) as log:
                await client.async_execute(env=env, stdout=log, stderr=log)
        except CellExecutionError:
            failed = next(
                (i for i in indices if self.cells[i].ran and self.cells[i].error()), indices[0]
            )
            self.stopped_at = failed
            return False
        except Exception as err:
            if not any(self.cells[i].ran for i in indices):  # the kernel did not start
                wrote = below_python.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{err}\nthe kernel's process wrote:\n{wrote}") from err
            raise
        return True

    def _kernel(self, code: str) -> tuple[type | None, dict[str, str]]:
        """The kernel manager class for a segment of this code (None: Jupyter's own, a
        cold kernel) and the kernel's environment."""
        self.kernels += 1
        if not self.warm:
            why = "warm kernels are off (--cold-kernels, or not on Linux)"
        elif not all(name.startswith(warm_kernel.COURSE_VARIABLES) for name in self.extra):
            why = "the page gets environment variables the other pages do not"
        elif warm_kernel.changes_environment_first(code, kernel_server().preload):
            why = "its code changes environment variables before it imports Keras or TensorFlow"
        else:
            server = kernel_server()
            why = server.why_cold()
            if why is None:
                return server.manager_class, {**server.kernel_env, **self.extra}
        self.cold.append(why)
        return None, reader_env(self.extra, self.home)

    def _figures(self) -> dict[str, str]:
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in self.dir.iterdir()
            if p.suffix in FIGURE_SUFFIXES and p.is_file()
        }
