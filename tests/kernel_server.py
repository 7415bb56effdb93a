"""The process warm kernels are forked from (``tests/warm_kernel.py`` starts it).

Run as ``python -c <this file's text> SOCKET PREFIX PRELOAD [WATCH]``, as a kernel is started (same
interpreter, no flags, the very environment its kernels get), in an empty folder. It imports
ipykernel and the modules named in PRELOAD (comma-separated: Keras and TensorFlow, which
every page imports first; none for pages that import neither), then writes ``ready.json`` next to
SOCKET and serves: each connection is one kernel's launcher, which sends its argv,
environment and working folder, and its standard input, output and error as file
descriptors. The server forks; the child becomes the process ``python -m
ipykernel_launcher ARGV`` would be and runs it. A launcher whose environment is not the
one the server imported in gets no kernel, but for the course package's own variables
(their names start with PREFIX): the server never imports the course package; and for
``JPY_PARENT_PID``, the process that asked for the kernel. It serves until the process that
started it ends, or the process WATCH names. Standard library only until the imports, so
that nothing else is loaded before them.
"""

import json
import os
import signal
import socket
import sys
import threading
import warnings

HEADER = 4  # bytes of request length
PARENT = "JPY_PARENT_PID"
IMPORTED_IN = dict(os.environ)  # what the imports read their settings from


def warm_up(preload: list[str]) -> dict:
    """Import ipykernel and ``preload``; the warnings a reader would see.

    What the imports print goes to this process's log, which the suite reads too.
    """
    # ipykernel sets this before a kernel runs any code; matplotlib reads it on import.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    caught = []
    show = warnings.showwarning
    # Not warnings.catch_warnings(): it would also undo the filters the imports add.
    warnings.showwarning = lambda message, category, *args, **kwargs: caught.append(
        f"{category.__name__}: {message}"
    )
    try:
        import importlib

        import ipykernel.kernelapp  # noqa: F401

        for name in preload:
            importlib.import_module(name)
    finally:
        warnings.showwarning = show
    del os.environ["MPLBACKEND"]  # the child takes the launcher's environment anyway
    sys.stdout.flush()
    return {"warnings": caught}


def redo_import_time_logging() -> None:
    """Once the kernel has started, set up logging as the imports would have in it.

    A log handler writes to the ``sys.stderr`` (or ``sys.stdout``) of the moment it was
    made: in a reader's kernel, the kernel's streams, which show in the cell. Here the
    imports made them before the kernel replaced those streams. And TensorFlow's logger
    sets itself up by whether the session is interactive (a kernel is; this process was
    not). So when the kernel has initialised, handlers that write to the old streams
    write to the new ones, and TensorFlow's logger is made again, as its import made it.
    """
    import logging

    from ipykernel.kernelapp import IPKernelApp

    initialize = IPKernelApp.initialize
    old = {id(sys.stdout): "stdout", id(sys.stderr): "stderr"}

    def initialize_then_redo(app, argv=None):
        IPKernelApp.initialize = initialize
        initialize(app, argv)
        for ref in list(logging._handlerList):
            handler = ref()
            stream = getattr(handler, "stream", None)
            if isinstance(handler, logging.StreamHandler) and id(stream) in old:
                handler.setStream(getattr(sys, old[id(stream)]))
        if "tensorflow" not in sys.modules:
            return  # the kernel's own import of it sets its logger up
        from tensorflow.python.platform import tf_logging

        logger = logging.getLogger("tensorflow")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
        tf_logging._logger = None
        tf_logging.get_logger()

    IPKernelApp.initialize = initialize_then_redo


def receive(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
    while len(data) < HEADER or len(data) < HEADER + int.from_bytes(data[:HEADER], "big"):
        more = conn.recv(1 << 20)
        if not more:
            raise EOFError("the launcher closed the connection mid-request")
        data += more
    return json.loads(data[HEADER:]), fds


def watch_launcher(conn: socket.socket) -> None:
    """The launcher forwards signals as one byte each; when it is gone, so is the kernel."""
    while True:
        data = conn.recv(64)
        if not data:
            os.kill(os.getpid(), signal.SIGKILL)
        for signum in data:
            os.kill(os.getpid(), signum)


def become_kernel(
    listener: socket.socket, conn: socket.socket, request: dict, fds: list[int], prefix: str
):
    """In the child: the process a fresh ``python -m ipykernel_launcher`` would be."""
    import runpy

    listener.close()
    differ = {name for name, _ in set(request["env"].items()) ^ set(IMPORTED_IN.items())}
    # Only the course package reads its own variables, and nothing here has imported it.
    course = {name for name in differ if name.startswith(prefix)}
    # Jupyter sets this one for the process that starts the kernel (one server may serve
    # several); only the kernel reads it, once it runs.
    differ -= {PARENT}
    if differ - course or (course and "dlcourse" in sys.modules):
        names = sorted(differ)
        os.write(fds[2], f"no warm kernel: the environment differs in {names}\n".encode())
        os._exit(1)
    os.setsid()  # a kernel gets its own session (jupyter_client's start_new_session)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    # The environment is the server's own, as the imports left it (TensorFlow sets some
    # variables as it loads), with the launcher's course variables.
    for name in [*course, PARENT]:
        if name in request["env"]:
            os.environ[name] = request["env"][name]
        else:
            del os.environ[name]
    os.chdir(request["cwd"])
    sys.path[0] = os.getcwd()  # as `python -m` sets it (`-c` left "")
    if "numpy" in sys.modules:  # its global generator was seeded once, in the server
        sys.modules["numpy"].random.seed()
    # Named, so that it takes no number from the threads the kernel names "Thread-N".
    watch = threading.Thread(target=watch_launcher, args=(conn,), name="launcher", daemon=True)
    watch.start()
    argv = request["argv"]
    if argv[:2] != ["-m", "ipykernel_launcher"]:
        raise SystemExit(f"warm kernels run ipykernel_launcher, not {argv}")
    sys.argv = ["-m", *argv[2:]]
    redo_import_time_logging()
    code = 0
    try:
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    # The kernel has shut down, and nothing it does from here on shows anywhere. Tearing
    # down TensorFlow's modules would take a second or two: skip it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def serve(path: str, prefix: str, preload: list[str], watch: int | None) -> None:
    status = warm_up(preload)
    # The test process (or the one named, which the workers sharing this server report
    # to): when it is gone, so are the server and its kernels.
    parent = os.getppid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    listener.settimeout(1)
    ready = os.path.join(os.path.dirname(path), "ready.json")
    with open(ready + ".part", "w") as f:
        json.dump(status, f)
    os.replace(ready + ".part", ready)
    kernels: set[int] = set()  # forked and not yet reaped, so no other process has the pid
    while alive(watch) if watch else os.getppid() == parent:
        reap(kernels)
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        conn.settimeout(None)
        try:
            request, fds = receive(conn)
        except (OSError, EOFError, ValueError):
            conn.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            become_kernel(listener, conn, request, fds, prefix)  # does not return
        kernels.add(pid)
        conn.close()
        for fd in fds:
            os.close(fd)
    for pid in kernels:
        os.kill(pid, signal.SIGKILL)


def reap(kernels: set[int]) -> None:
    """Collect the kernels that have ended."""
    while kernels:
        pid, _ = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            return
        kernels.discard(pid)


if __name__ == "__main__":
    watch = int(sys.argv[4]) if len(sys.argv) > 4 else None
    serve(sys.argv[1], sys.argv[2], [name for name in sys.argv[3].split(",") if name], watch)
