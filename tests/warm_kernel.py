"""Warm kernels: a page's kernel forked from a process that has imported TensorFlow.

Every page imports TensorFlow and Keras first, and that import is most of what a kernel
costs: about 5 s of CPU, against under 1 s for starting the kernel itself, and a run of
the suite starts over 30 kernels. So each test process starts one *kernel server*
(``kernel_server.py``) in a reader's environment, which imports TensorFlow, Keras and
ipykernel and nothing else (only ipykernel where the session's pages import neither, as
the rejected fixture pages do), and a kernel is forked from it: Jupyter starts
``kernel_launcher.py`` where it would start ``python -m ipykernel_launcher``, and the
launcher hands its command line, environment, folder and streams to the server. The
forked child takes them over (the environment, the folder, ``sys.path[0]`` and
``sys.argv`` as ``python -m`` sets them, a new session, NumPy's global generator seeded
afresh) and runs ipykernel. It is the process a reader's kernel is once its first
``import tensorflow`` has run; ``tests/test_kernel.py`` checks that a probe of the
process (paths, environment, flags, signal handlers, warning filters, backends) prints
the same in a warm kernel and in a cold one.

A warm kernel gets the environment the server imported in (the server refuses any other),
but for the course package's own variables (``DLCOURSE_*``, which the assignment pages
get): the server never imports that package. The kernels share the server's IPython,
matplotlib and Keras home, as a reader's notebooks share theirs; each still runs in a
folder of its own. A segment of a program starts cold (a new ``python -m
ipykernel_launcher``, with a home of its own) where the difference could show:

* its code changes environment variables (``os.environ``, ``os.putenv``, ``%env``)
  before it imports Keras or TensorFlow, as a reader does to choose a backend (a change
  after that import happens alike in a warm kernel and a cold one);
* the page gets environment variables of its own, other than ``DLCOURSE_*``;
* the server's imports printed something or raised a warning a notebook shows (then no
  kernel is warm, and the summary says why);
* not on Linux (forking a process that has loaded TensorFlow is not safe everywhere),
  or with ``--cold-kernels``.

Under pytest-xdist the workers share one server (:func:`share_in`): the first worker that
needs it starts it, in the environment every worker's kernels get, and the others fork
their kernels from it too, each with its own ``JPY_PARENT_PID`` (which Jupyter sets for the
process that starts a kernel, and which nothing reads on import). It runs until the xdist
controller ends, which stops it (:func:`stop_shared`): a worker may finish first.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

HERE = Path(__file__).resolve().parent
SERVER_CODE = (HERE / "kernel_server.py").read_text()
LAUNCHER_CODE = (HERE / "kernel_launcher.py").read_text()
SERVER_COMMAND = [sys.executable, "-c", SERVER_CODE]
# What the server imports for its kernels, in this order: what every page imports first.
# A session whose programs import neither (the rejected fixture pages) preloads nothing.
PRELOAD = ("keras", "tensorflow")
# Variables only the course package reads: a kernel may get them although the server,
# which never imports that package, did not.
COURSE_VARIABLES = "DLCOURSE_"
MAGIC_OR_CALL = re.compile(r"\b(put|unset)env\b|^\s*%(set_)?env\b", re.M)
ENVIRON = {"environ", "environb"}
READS = {"get", "copy", "keys", "items", "values"}


def changes_environment(code: str) -> bool:
    """Whether code may set an environment variable (what a warm kernel's imports did not see).

    Reading ``os.environ`` (``[name]``, ``.get``, ``in``) is fine; any other use of it,
    ``os.putenv``, ``%env`` or code that is not plain Python counts as a change.
    """
    if MAGIC_OR_CALL.search(code):
        return True
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython syntax (magics) that the pattern did not name
        return True
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        named = (isinstance(node, ast.Attribute) and node.attr in ENVIRON) or (
            isinstance(node, ast.Name) and node.id in ENVIRON
        )
        if named and not _read(node, parents):
            return True
        if isinstance(node, ast.alias) and node.name in ENVIRON:
            return True  # `from os import environ`: followed no further
    return False


def changes_environment_first(code: str, preload: tuple[str, ...]) -> bool:
    """Whether code may set an environment variable before it imports what the server
    preloaded: only then can a warm kernel differ from a cold one.

    A cold kernel imports those modules where the code first does, in the environment of
    that moment; once that is the server's, what the code does next happens alike in
    both. So the top-level statements before the first import of a preloaded module
    decide (a statement that defines or calls anything counts with all it contains);
    code that does not parse is decided whole by :func:`changes_environment`.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return changes_environment(code)
    for statement in tree.body:
        if set(_imported(statement)) & set(preload):
            return False
        if changes_environment(ast.unparse(statement)):
            return True
    return False


def _imported(statement: ast.stmt) -> list[str]:
    """The top-level packages an import statement imports."""
    if isinstance(statement, ast.Import):
        return [alias.name.split(".")[0] for alias in statement.names]
    if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
        return [statement.module.split(".")[0]]
    return []


def _read(node: ast.AST, parents: dict) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Compare) and node in parent.comparators:
        return True  # "NAME" in os.environ
    if isinstance(parent, ast.Attribute) and parent.attr in READS:
        call = parents.get(parent)
        return isinstance(call, ast.Call) and call.func is parent
    return False


class KernelServer:
    """One kernel server for this test process. Its kernels get ``kernel_env``, a reader's
    environment with a home of their own (``env_of(home)``): the environment it imports in."""

    def __init__(
        self,
        env_of: Callable[[Path], dict[str, str]],
        preload: tuple[str, ...],
        *,
        attach: dict | None = None,
        watch: int | None = None,
    ):
        """Start a server, or with ``attach`` (what :meth:`describe` wrote) use one that
        another worker started. ``watch``: the process whose end stops the server (by
        default the one that starts it)."""
        self.dir = Path(attach["dir"]) if attach else Path(tempfile.mkdtemp(prefix="kernels-"))
        self.preload = tuple(attach["preload"]) if attach else preload
        self.socket = self.dir / "s"  # AF_UNIX paths are short: keep it near the root
        self.log = self.dir / "server.log"
        self.kernel_env = env_of(self.dir / "home")
        self._why_not: str | None = None
        self._checked = False
        self._lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.pid = attach["pid"] if attach else 0
        self.shared = False  # used by other workers too: the xdist controller stops it
        name = f"Warm{id(self)}KernelManager"
        self.manager_class = type(name, (WarmKernelManager,), {"socket_path": str(self.socket)})
        if attach:
            return
        (self.dir / "work").mkdir()
        # Jupyter adds this one to a kernel's environment: the process that starts it.
        imports_in = {**self.kernel_env, "JPY_PARENT_PID": str(os.getpid())}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*SERVER_COMMAND, str(self.socket), COURSE_VARIABLES, ",".join(self.preload)]
                + ([str(watch)] if watch else []),
                cwd=self.dir / "work",
                env=imports_in,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        self.pid = self.process.pid

    def describe(self) -> dict:
        """What another worker needs to use this server."""
        return {
            "dir": str(self.dir),
            "pid": self.pid,
            "preload": list(self.preload),
            "env": self.kernel_env,
        }

    def running(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def why_cold(self, timeout: float = 300) -> str | None:
        """None once kernels can be forked; otherwise why every kernel starts cold."""
        with self._lock:
            if not self._checked:
                self._why_not, self._checked = self._wait(timeout), True
        if self._why_not is None and not self.running():
            code = f" (exit {self.process.returncode})" if self.process is not None else ""
            return f"the kernel server stopped{code}"
        return self._why_not

    def _wait(self, timeout: float) -> str | None:
        from kernel import STARTUP_NOISE

        ready = self.dir / "ready.json"
        deadline = time.monotonic() + timeout
        while not ready.exists():
            if not self.running():
                tail = self.log.read_text(errors="replace")[-1500:]
                return f"the kernel server stopped while importing:\n{tail}"
            if time.monotonic() > deadline:
                return f"the kernel server did not start in {timeout:.0f} s"
            time.sleep(0.05)
        status = json.loads(ready.read_text())
        shown = STARTUP_NOISE.sub("", self.log.read_text(errors="replace")).strip()
        if shown or status["warnings"]:
            return (
                f"importing {', '.join(['ipykernel', *self.preload])} showed something a "
                "reader would see in "
                f"their first cell: {shown!r} {status['warnings']!r}"
            )
        return None

    def close(self) -> None:
        if self.running():
            os.killpg(self.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class WarmKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel the server forks (``socket_path`` names the server)."""

    socket_path = ""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        if cmd[:3] != [sys.executable, "-m", "ipykernel_launcher"]:
            return cmd  # another kernel than the one the server has warmed: start it cold
        return [sys.executable, "-I", "-S", "-c", LAUNCHER_CODE, self.socket_path, *cmd[1:]]


_SERVER: KernelServer | None = None
_SERVER_LOCK = threading.Lock()
_SHARED: tuple[Path, int] | None = None  # the xdist workers' folder, and their controller
SHARED_FILE = "kernel-server.json"


def share_in(folder: Path, controller: int) -> None:
    """In an xdist worker: share one server with the other workers, through ``folder``;
    it runs until ``controller`` (the process the workers report to) ends."""
    global _SHARED
    _SHARED = (folder, controller)


def server(
    env_of: Callable[[Path], dict[str, str]], preload: tuple[str, ...] = PRELOAD
) -> KernelServer:
    """This process's kernel server, started on first use (``preload`` counts only then)."""
    global _SERVER
    with _SERVER_LOCK:
        if _SERVER is None:
            _SERVER = _shared_server(env_of, preload) if _SHARED else KernelServer(env_of, preload)
        return _SERVER


def _shared_server(env_of: Callable[[Path], dict[str, str]], preload: tuple[str, ...]):
    folder, controller = _SHARED
    with (folder / f"{SHARED_FILE}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shared = folder / SHARED_FILE
        if shared.exists():
            info = json.loads(shared.read_text())
            other = KernelServer(env_of, preload, attach=info)
            if other.kernel_env == info["env"] and other.running():
                other.shared = True
                return other
            # This worker's kernels would get another environment than the server's.
            return KernelServer(env_of, preload)
        started = KernelServer(env_of, preload, watch=controller)
        started.shared = True
        shared.write_text(json.dumps(started.describe()))
        return started


def close_server() -> None:
    """This process's server, unless it is shared: :func:`stop_shared` stops that one."""
    global _SERVER
    with _SERVER_LOCK:
        if _SERVER is not None and not _SERVER.shared:
            _SERVER.close()
        _SERVER = None


def stop_shared(folder: Path) -> None:
    """In the xdist controller, at the end: stop the server its workers shared, if any."""
    shared = folder / SHARED_FILE
    if shared.exists():
        info = json.loads(shared.read_text())
        with contextlib.suppress(ProcessLookupError):
            os.killpg(info["pid"], signal.SIGKILL)
        shutil.rmtree(info["dir"], ignore_errors=True)
