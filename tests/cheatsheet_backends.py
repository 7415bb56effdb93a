"""Run the Keras cheatsheet's snippet files under each Keras backend.

Every modern snippet of ``docs/keras/cheatsheet.md`` is a file in
``snippets/keras/cheatsheet/`` whose first lines say where it runs::

    # Verified on: tensorflow, jax
    # Not on torch: why not

These lines are the single source of truth. The page includes each file whole, so
the reader sees them at the top of the snippet; the page's summary table is checked
against them; and the tests run the file on every backend named on line 1 (it must
pass) and on every backend named on line 2 (it must fail, so "not on" is not stale
either). The one snippet that selects its backend itself runs only on that one.

Importing TensorFlow, JAX or PyTorch costs seconds, so the tests do not start one
process per snippet per backend. :func:`start_backend` starts ONE fresh Python per
backend, with ``KERAS_BACKEND`` set before anything imports Keras, running the
worker at the bottom of this file; the three run side by side. The worker still
tests each snippet as a reader would run it, copied alone into a fresh Python:

* each file runs through ``runpy.run_path(..., run_name="__main__")``, so it starts
  with brand-new globals: nothing an earlier snippet defined or imported into its
  namespace is visible. A snippet that relies on another's import or variable fails
  with ``NameError``, as it would in a fresh interpreter;
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
seconds) to a file; pytest turns each into its own test item.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET_DIR = ROOT / "snippets" / "keras" / "cheatsheet"
BACKENDS = ("tensorflow", "jax", "torch")
VERIFIED = re.compile(r"^# Verified on: (?P<backends>[a-z]+(?:, [a-z]+)*)$")
NOT_ON = re.compile(r"^# Not on (?P<backends>[a-z]+(?:, [a-z]+)*): (?P<reason>\S.*)$")
CHOOSES_BACKEND = re.compile(r"""^os\.environ\["KERAS_BACKEND"\] = "(?P<backend>[a-z]+)\"""", re.M)


class HeaderError(ValueError):
    pass


def snippet_files() -> list[Path]:
    """The modern snippets: every ``*.py`` directly in the cheatsheet folder (not ``legacy/``)."""
    return sorted(SNIPPET_DIR.glob("*.py"))


def chosen_backend(path: Path) -> str | None:
    """The backend a snippet selects itself with ``os.environ["KERAS_BACKEND"] = ...``."""
    m = CHOOSES_BACKEND.search(path.read_text(encoding="utf-8"))
    return m.group("backend") if m else None


def _backends(text: str, where: str) -> tuple[str, ...]:
    backends = tuple(text.split(", "))
    if any(b not in BACKENDS for b in backends) or len(set(backends)) != len(backends):
        raise HeaderError(f"{where}: unknown or repeated backend in {text!r}")
    return backends


def header(path: Path) -> tuple[tuple[str, ...], dict[str, str]]:
    """``(verified_on, {backend: reason it does not run there})`` from a snippet's first lines.

    Line 1 is ``# Verified on: a, b``. Every other backend needs a reason on line 2,
    ``# Not on c: why``, which the reader sees too, except in a snippet that chooses
    its backend itself: it runs only on the one it chooses.
    """
    where = path.relative_to(ROOT)
    lines = path.read_text(encoding="utf-8").split("\n")
    m = VERIFIED.match(lines[0])
    if not m:
        raise HeaderError(
            f"{where}:1: the first line must be '# Verified on: <backends>' "
            f"(from {', '.join(BACKENDS)}); found {lines[0]!r}"
        )
    verified = _backends(m.group("backends"), f"{where}:1")
    missing = [b for b in BACKENDS if b not in verified]
    chosen = chosen_backend(path)
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


def plan(backend: str) -> list[Path]:
    """What the worker for ``backend`` runs: every snippet verified there (must pass) and
    every snippet whose header says it does not run there (must fail, so the page's
    "Not on" claim stays true). The snippet that chooses this backend comes first."""
    paths = []
    for path in snippet_files():
        chosen = chosen_backend(path)
        if chosen is None or chosen == backend:
            paths.append(path)
    return sorted(paths, key=lambda p: chosen_backend(p) is None)


def start_backend(backend: str, paths: list[Path]) -> tuple[subprocess.Popen, Path, float]:
    """Start the worker for ``backend`` on ``paths``; :func:`collect` waits for it."""
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
        TF_ENABLE_ONEDNN_OPTS="0",
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
        # about half of the JAX worker's time is spent in XLA's compiler.
        XLA_FLAGS=" ".join(
            [
                "--xla_cpu_multi_thread_eigen=false",
                "intra_op_parallelism_threads=1",
                "--xla_backend_optimization_level=0",
            ]
        ),
    )
    if not any(chosen_backend(p) == backend for p in paths):
        # Otherwise the first snippet chooses the backend itself, before Keras is imported.
        env["KERAS_BACKEND"] = backend
    results = workdir / "results.json"
    command = [sys.executable, "-I", str(Path(__file__).resolve()), backend, str(results)]
    command += [str(p) for p in paths]
    # The log goes to a file, not a pipe: a worker that is not being waited on yet must
    # not block on a full pipe.
    with open(workdir / "log.txt", "w") as log:
        process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=log)
    return process, results, time.perf_counter()


def collect(process: subprocess.Popen, results: Path, started: float, timeout: float = 300) -> dict:
    """Wait for a worker; ``{"records": {path: record}, "log": ..., "seconds": ...}``."""
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
        out = io.StringIO()
        cwd = os.getcwd()
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="snippet-") as tmp:
            os.chdir(tmp)
            try:
                with contextlib.redirect_stdout(out):
                    runpy.run_path(path, run_name="__main__")
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
        record["output"] = out.getvalue()
        records.append(record)
        # Written after every snippet, so a crash still leaves the earlier records.
        results.write_text(json.dumps(records, indent=1))


if __name__ == "__main__":
    _worker(sys.argv[1], Path(sys.argv[2]), sys.argv[3:])
