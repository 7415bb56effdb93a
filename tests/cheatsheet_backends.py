"""Run the Keras cheatsheet's snippet files under each Keras backend.

Every modern snippet of ``docs/keras/cheatsheet.md`` is a file in
``snippets/keras/cheatsheet/`` whose first lines say where it runs::

    # Verified on: tensorflow, jax
    # Not on torch: why not

So is the "Keras 3" side of each old-vs-new pair: the ``new`` section of a file in
``legacy/``, whose first lines (inside the section, so the reader sees them in the
tab) are the same header. A :class:`Snippet` is either: a whole file, or one named
section of a file, run exactly as the page shows it (the text between the
``# --8<-- [start:new]`` and ``[end:new]`` lines, as ``pymdownx.snippets`` includes it).

These lines are the single source of truth. The page includes each snippet, so
the reader sees them at the top of the snippet; the page's summary table is checked
against them; and the tests run the snippet on every backend named on line 1 (it must
pass) and on every backend named on line 2 (it must fail, so "not on" is not stale
either). The one snippet that selects its backend itself runs only on that one.

Importing TensorFlow, JAX or PyTorch costs seconds, so the tests do not start one
process per snippet per backend. :func:`start_backend` starts ONE fresh Python per
backend, with ``KERAS_BACKEND`` set before anything imports Keras, running the
worker at the bottom of this file; the three run side by side. The worker still
tests each snippet as a reader would run it, copied alone into a fresh Python:

* each snippet runs with ``__name__ == "__main__"`` in brand-new globals (a whole
  file through ``runpy.run_path``, a section through ``exec`` of its text): nothing an
  earlier snippet defined or imported into its namespace is visible. A snippet that
  relies on another's import or variable fails with ``NameError``, as it would in a
  fresh interpreter;
* each runs in its own new, empty temporary directory, so it cannot read a file an
  earlier snippet wrote;
* ``import dlcourse`` (this site's helper package: installed in the test
  environment, not on a reader's machine) is refused by a ``sys.meta_path`` finder
  installed before any snippet runs, and the worker checks that the refusal works;
* the interpreter runs with ``-I`` (no ``PYTHONPATH``, no user site-packages, not the
  repository's ``tests/`` on ``sys.path``), from a scratch directory, with
  ``KERAS_HOME`` pointing at an empty folder so no ``keras.json`` picks the backend.

``test_worker_isolates_snippets`` checks these properties with throwaway snippets.
What one process does share between snippets is module state: a module imported by
an earlier snippet is already loaded (a later ``import`` still binds the name, so a
missing import is still caught), and so are Keras' global counters and settings. The
snippets change no global setting other than the random seed, which every snippet
that needs one sets itself (and ``backend.py``'s ``KERAS_BACKEND``, the worker's own),
and they name any layer whose name they print. After each snippet the worker checks
that Keras still runs on the backend under test.

The snippet that chooses the backend (``os.environ["KERAS_BACKEND"] = "jax"`` before
``import keras``) runs first in its backend's process, which is started *without*
``KERAS_BACKEND``: if its line did nothing, Keras would come up on TensorFlow and
the check after the snippet would fail.

The worker writes one JSON record per snippet (status, traceback, printed output,
seconds, CPU seconds) to a file; pytest turns each into its own test item.

The workers take about a minute of CPU each, so :func:`start_all` is called as soon as
pytest has collected the tests (``tests/conftest.py``): they run while the pages'
programs run, and the tests only collect their results.

The page's own blocks run too, on TensorFlow, as its program: one notebook, top to
bottom, in one kernel (``tests/kernel.py``), where a snippet could use what an earlier one
defined. A snippet's two claims, "runs on TensorFlow" and "runs alone", are separate:
the page's program shows the first; a worker's run alone, on any backend, the second
(what isolates a snippet, its globals, folder and the refused ``dlcourse``, is the same
in every worker, and the code is the same on every backend). So the TensorFlow worker
runs alone only what no other run covers (:func:`covered_on_tensorflow`): the snippets
verified on TensorFlow alone, and those that must fail there. It used to run every
snippet a second time, about a quarter of the three workers' time.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET_DIR = ROOT / "snippets" / "keras" / "cheatsheet"
LEGACY_DIR = SNIPPET_DIR / "legacy"
CHECKS_DIR = SNIPPET_DIR / "checks"  # not shown: they check claims the page makes in prose
BACKENDS = ("tensorflow", "jax", "torch")
VERIFIED = re.compile(r"^# Verified on: (?P<backends>[a-z]+(?:, [a-z]+)*)$")
NOT_ON = re.compile(r"^# Not on (?P<backends>[a-z]+(?:, [a-z]+)*): (?P<reason>\S.*)$")
CHOOSES_BACKEND = re.compile(r"""^os\.environ\["KERAS_BACKEND"\] = "(?P<backend>[a-z]+)\"""", re.M)


class HeaderError(ValueError):
    pass


def section_text(text: str, section: str) -> str:
    """The lines between ``# --8<-- [start:section]`` and ``# --8<-- [end:section]``."""
    name = re.escape(section)
    m = re.search(
        rf"^# --8<-- \[start:{name}\]\n(?P<body>.*?)^# --8<-- \[end:{name}\]$", text, re.M | re.S
    )
    if not m:
        raise HeaderError(f"no section {section!r}")
    return m.group("body")


@dataclass(frozen=True)
class Snippet:
    """What the page includes as one block: a whole file, or one named section of it."""

    path: Path
    section: str | None = None

    @property
    def name(self) -> str:
        """``train.py`` or ``legacy/save_dir.py:new``: the page's include, minus the folder."""
        rel = self.path.relative_to(SNIPPET_DIR).as_posix()
        return f"{rel}:{self.section}" if self.section else rel

    @property
    def include(self) -> str:
        """The page's ``--8<--`` argument for it."""
        rel = self.path.relative_to(ROOT).as_posix()
        return f"{rel}:{self.section}" if self.section else rel

    @property
    def spec(self) -> str:
        """How the worker is told to run it (absolute path, then ``:section`` if any)."""
        return f"{self.path}:{self.section}" if self.section else str(self.path)

    def text(self) -> str:
        text = self.path.read_text(encoding="utf-8")
        return section_text(text, self.section) if self.section else text


def snippet_files() -> list[Path]:
    """The modern snippets: every ``*.py`` directly in the cheatsheet folder (not ``legacy/``)."""
    return sorted(SNIPPET_DIR.glob("*.py"))


def legacy_sections() -> list[Snippet]:
    """The "Keras 3" side of each old-vs-new pair: every ``new`` section in ``legacy/``
    that starts with a ``# Verified on:`` line. (A pair that is not about Keras, such as
    TensorFlow 1's sessions, has no header; the page test checks that every "Keras 3"
    tab shows a snippet with one.)"""
    found = []
    for path in sorted(LEGACY_DIR.glob("*.py")):
        try:
            body = section_text(path.read_text(encoding="utf-8"), "new")
        except HeaderError:
            continue
        if body.startswith("# Verified on:"):
            found.append(Snippet(path, "new"))
    return found


def check_files() -> list[Path]:
    """Files the page does not show, with the same header, for claims made in its prose
    (such as "that export fails on PyTorch"). Each is about one backend and stops at once
    on the others, before importing Keras, so it costs their workers nothing."""
    return sorted(CHECKS_DIR.glob("*.py"))


def snippets() -> list[Snippet]:
    """Everything the workers run: the modern files whole, the legacy sections, the checks."""
    files = [Snippet(p) for p in snippet_files()]
    return files + legacy_sections() + [Snippet(p) for p in check_files()]


def chosen_backend(snippet: Snippet | Path) -> str | None:
    """The backend a snippet selects itself with ``os.environ["KERAS_BACKEND"] = ...``."""
    snippet = snippet if isinstance(snippet, Snippet) else Snippet(snippet)
    m = CHOOSES_BACKEND.search(snippet.text())
    return m.group("backend") if m else None


def _backends(text: str, where: str) -> tuple[str, ...]:
    backends = tuple(text.split(", "))
    if any(b not in BACKENDS for b in backends) or len(set(backends)) != len(backends):
        raise HeaderError(f"{where}: unknown or repeated backend in {text!r}")
    return backends


def header(snippet: Snippet | Path) -> tuple[tuple[str, ...], dict[str, str]]:
    """``(verified_on, {backend: reason it does not run there})`` from a snippet's first lines.

    Line 1 is ``# Verified on: a, b``. Every other backend needs a reason on line 2,
    ``# Not on c: why``, which the reader sees too, except in a snippet that chooses
    its backend itself: it runs only on the one it chooses.
    """
    snippet = snippet if isinstance(snippet, Snippet) else Snippet(snippet)
    where = snippet.include
    lines = snippet.text().split("\n")
    m = VERIFIED.match(lines[0])
    if not m:
        raise HeaderError(
            f"{where}:1: the first line must be '# Verified on: <backends>' "
            f"(from {', '.join(BACKENDS)}); found {lines[0]!r}"
        )
    verified = _backends(m.group("backends"), f"{where}:1")
    missing = [b for b in BACKENDS if b not in verified]
    chosen = chosen_backend(snippet)
    if chosen is not None:
        if verified != (chosen,):
            raise HeaderError(f"{where}:1: it chooses {chosen!r} itself, so only that one")
        return verified, {}
    n = NOT_ON.match(lines[1]) if missing and len(lines) > 1 else None
    if missing and not n:
        raise HeaderError(
            f"{where}:2: not verified on {', '.join(missing)}, so line 2 must say why: "
            f"'# Not on {', '.join(missing)}: <reason>'"
        )
    not_on = _backends(n.group("backends"), f"{where}:2") if n else ()
    if sorted(not_on) != sorted(missing):
        raise HeaderError(f"{where}:2: 'Not on' must name exactly {', '.join(missing)}")
    return verified, dict.fromkeys(not_on, n.group("reason") if n else "")


def shown_on_page(snippet: Snippet) -> bool:
    """Whether the page includes it (a whole modern file, or a legacy file's ``new``
    section in a "Keras 3" tab), so that the page's program runs it."""
    return f'--8<-- "{snippet.include}"' in PAGE.read_text(encoding="utf-8")


def covered_on_tensorflow(snippet: Snippet) -> bool:
    """Whether the TensorFlow worker may leave it out: the page's program runs it on
    TensorFlow, and another backend's worker runs it alone."""
    verified, _ = header(snippet)
    return "tensorflow" in verified and len(verified) > 1 and shown_on_page(snippet)


def plan(backend: str) -> list[Snippet]:
    """What the worker for ``backend`` runs: every snippet verified there (must pass) and
    every snippet whose header says it does not run there (must fail, so the page's
    "Not on" claim stays true), but for TensorFlow what :func:`covered_on_tensorflow`
    covers. The snippet that chooses this backend comes first."""
    chosen = [s for s in snippets() if chosen_backend(s) == backend]
    rest = [s for s in snippets() if chosen_backend(s) is None]
    if backend == "tensorflow":
        rest = [s for s in rest if not covered_on_tensorflow(s)]
    return chosen + rest


def start_backend(
    backend: str, paths: list[Snippet | Path]
) -> tuple[subprocess.Popen, Path, float]:
    """Start the worker for ``backend`` on ``paths``; :func:`collect` waits for it."""
    paths = [p if isinstance(p, Snippet) else Snippet(p) for p in paths]
    workdir = Path(tempfile.mkdtemp(prefix=f"cheatsheet-{backend}-"))
    (workdir / "keras_home").mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"KERAS_BACKEND", "PYTHONPATH", "PYTHONSTARTUP", "KERAS_HOME"}
    }
    env.update(
        CUDA_VISIBLE_DEVICES="-1",
        TF_CPP_MIN_LOG_LEVEL="2",
        TF_ENABLE_ONEDNN_OPTS=os.environ.get("TF_ENABLE_ONEDNN_OPTS", "0"),
        KERAS_HOME=str(workdir / "keras_home"),
        MPLBACKEND="Agg",
        # The three workers run side by side on a small CPU: one thread each. With PyTorch's
        # default (a thread per core) its threads spin against the other workers' and a
        # tiny fit() ran 50 times slower.
        OMP_NUM_THREADS="1",
        TF_NUM_INTRAOP_THREADS="1",
        TF_NUM_INTEROP_THREADS="1",
        # XLA (JAX, and TensorFlow's jit-compiled train steps) on one thread, and with
        # fewer optimisation passes: the models are tiny, so compiling dominates, and
        # about half of the JAX worker's time is spent in XLA's compiler. Only "--" flags:
        # a stray word before the last two once kept them from taking effect, and the JAX
        # worker took 53 s of CPU instead of 26 s.
        # The machine's own XLA flags come first (`tasks.py test --machine` caps the ISA).
        XLA_FLAGS=" ".join(
            [
                *os.environ.get("XLA_FLAGS", "").split(),
                "--xla_cpu_multi_thread_eigen=false",
                "--xla_backend_optimization_level=0",
                "--xla_llvm_disable_expensive_passes=true",
            ]
        ),
        # JAX's older threefry random-bit generator: other random numbers, same programs.
        # The default (partitionable) one takes XLA far longer to compile for each new
        # shape: building VGG16 with random weights cost 10 s of CPU instead of 4, and a
        # small CNN with dropout 15 s instead of 7, on this project's 2-core machine.
        JAX_THREEFRY_PARTITIONABLE="0",
    )
    if not any(chosen_backend(p) == backend for p in paths):
        # Otherwise the first snippet chooses the backend itself, before Keras is imported.
        env["KERAS_BACKEND"] = backend
    results = workdir / "results.json"
    command = [sys.executable, "-I", str(Path(__file__).resolve()), backend, str(results)]
    command += [p.spec for p in paths]
    # The log goes to a file, not a pipe: a worker that is not being waited on yet must
    # not block on a full pipe.
    with open(workdir / "log.txt", "w") as log:
        process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=log)
    return process, results, time.perf_counter()


_STARTED: dict[str, tuple[subprocess.Popen, Path, float]] = {}
PAGE = ROOT / "docs" / "keras" / "cheatsheet.md"


def _kill_unclaimed() -> None:
    for process, _, _ in _STARTED.values():
        if process.poll() is None:
            process.kill()
            process.wait()


def start_all() -> None:
    """Start the three workers (once per session), side by side; :func:`run_all` waits."""
    if not _STARTED:
        for backend in BACKENDS:
            _STARTED[backend] = start_backend(backend, plan(backend))
        atexit.register(_kill_unclaimed)  # the tests that wait for them were not run


def run_all() -> dict[str, dict]:
    """Each backend's :func:`collect` result, starting the workers if nobody had."""
    start_all()
    return {backend: collect(*_STARTED[backend]) for backend in BACKENDS}


def collect(process: subprocess.Popen, results: Path, started: float, timeout: float = 600) -> dict:
    """Wait for a worker; ``{"records": {spec: record}, "log": ..., "seconds": ...}``."""
    try:
        process.wait(timeout=timeout)
        killed = ""
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        killed = f"\n[worker killed after {timeout} s]"
    workdir = results.parent
    log = (workdir / "log.txt").read_text(errors="replace") + killed
    records = json.loads(results.read_text()) if results.exists() else []
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "records": {r["path"]: r for r in records},
        "log": log,
        "returncode": process.returncode,
        "seconds": time.perf_counter() - started,  # from start to the moment we noticed
    }


# ---------------------------------------------------------------------------------------
# The worker: runs in the fresh per-backend process. Standard library only until a
# snippet imports something.


class _RefuseDlcourse:
    """A ``sys.meta_path`` finder: ``import dlcourse`` fails as on a reader's machine."""

    def find_spec(self, name, path=None, target=None):
        if name == "dlcourse" or name.startswith("dlcourse."):
            raise ModuleNotFoundError(f"No module named {name!r} (not on a reader's machine)")
        return None


def _worker(backend: str, results: Path, paths: list[str]) -> None:
    import contextlib
    import io
    import linecache
    import runpy
    import traceback

    sys.meta_path.insert(0, _RefuseDlcourse())
    try:
        import dlcourse  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        raise SystemExit("dlcourse is importable; the self-containment check would be void")

    records = []
    for path in paths:
        record = {"path": path, "backend": backend, "status": "passed", "error": "", "output": ""}
        file, _, section = path.partition(".py:")
        code = None
        if section:  # one named section of a file, exactly the lines the page includes
            source = section_text(Path(file + ".py").read_text(encoding="utf-8"), section)
            linecache.cache[path] = (len(source), None, source.splitlines(True), path)
            code = compile(source, path, "exec")  # tracebacks show the section's lines
        out = io.StringIO()
        cwd = os.getcwd()
        start, cpu_start = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory(prefix="snippet-") as tmp:
            os.chdir(tmp)
            try:
                with contextlib.redirect_stdout(out):
                    if code is None:
                        runpy.run_path(path, run_name="__main__")
                    else:
                        exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
                keras = sys.modules.get("keras")
                running = keras.config.backend() if keras else backend
                if running != backend:
                    raise RuntimeError(f"ran on Keras backend {running!r}, not {backend!r}")
            except BaseException:  # a snippet's SystemExit is a failure too
                record["status"] = "failed"
                record["error"] = traceback.format_exc()
            finally:
                os.chdir(cwd)
        record["seconds"] = round(time.perf_counter() - start, 2)
        # CPU time of the whole process (all threads): what it costs on a busy machine too.
        record["cpu_seconds"] = round(time.process_time() - cpu_start, 2)
        record["output"] = out.getvalue()
        records.append(record)
        # Written after every snippet, so a crash still leaves the earlier records.
        results.write_text(json.dumps(records, indent=1))


if __name__ == "__main__":
    _worker(sys.argv[1], Path(sys.argv[2]), sys.argv[3:])
