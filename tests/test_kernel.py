"""A page's program runs in a kernel that is, to the page, a reader's fresh kernel.

Warm kernels (``tests/warm_kernel.py``) are forked from a process that has imported
TensorFlow; these tests check that the page cannot tell, and that the cases where it
could start cold.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import kernel
import pytest
import warm_kernel
from kernel import ProgramRun, kernel_server
from program import Cell, Program

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="warm kernels are Linux only")

# What a page could look at in its process, printed after the import every page does
# first. Environment variables are read through a child process: naming os.environ would
# start the kernel cold.
PROBE = r"""
import os, signal, subprocess, sys, threading, warnings
import keras, matplotlib, numpy, tensorflow as tf

here = os.getcwd()
print("path", [p.replace(here, "<cwd>") for p in sys.path])
print("argv", os.path.basename(sys.argv[0]), __name__, sys.flags)
env = subprocess.run(["env"], capture_output=True, text=True).stdout.splitlines()
print("env", sorted(line.split("=")[0] for line in env if "=" in line))
print("homes", [os.path.basename(os.getenv(k)) for k in ("IPYTHONDIR", "MPLCONFIGDIR")])
print("session", os.getsid(0) == os.getpid())
print("signals", {s.name: str(signal.getsignal(s)) for s in signal.Signals
                  if s not in (signal.SIGKILL, signal.SIGSTOP)})
print("filters", sorted(map(str, warnings.filters)))
print("threads", sorted(t.name for t in threading.enumerate() if t.name != "launcher"))
print("matplotlib", matplotlib.get_backend(), matplotlib.rcParams["figure.dpi"])
print("keras", keras.config.backend(), keras.config.floatx(), keras.config.image_data_format())
log = tf.get_logger()
print("tf log", log.level, [type(h.stream).__name__ for h in log.handlers])
print("tf log goes to stdout", [h.stream is sys.stdout for h in log.handlers])
tf.get_logger().warning("logged")
print("numpy", numpy.random.rand())
"""


def run(code: str, warm: bool = True, env: dict | None = None) -> ProgramRun:
    program_run = ProgramRun(Program("probe", [Cell(code)]), env, warm=warm)
    program_run.result(timeout=300)
    program_run.cleanup()
    assert program_run.crash is None, program_run.crash
    return program_run


def probe(warm: bool) -> tuple[list[str], str]:
    done = run(PROBE, warm=warm)
    assert done.cold == ([] if warm else ["warm kernels are off (--cold-kernels, or not on Linux)"])
    text = done.cells[0].text()
    numbers = re.findall(r"^numpy (.*)$", text, re.M)
    # Thread names carry a counter that imports advance: their order is what is compared.
    text = re.sub(r"Thread-\d+", "Thread-N", re.sub(r"^numpy .*\n", "", text, flags=re.M))
    return numbers, text


def test_a_warm_kernel_is_to_the_page_a_cold_one(monkeypatch):
    # The cold kernel gets exactly the environment the warm ones get: this process's may
    # have gained variables since the server started (a test that set one, say).
    server = kernel_server()
    monkeypatch.setenv("SET_AFTER_THE_SERVER_STARTED", "1")

    def same_env(extra=None, home=None):
        return {**server.kernel_env, **(extra or {})}

    monkeypatch.setattr(kernel, "reader_env", same_env)
    (warm_number,), warm = probe(warm=True)
    (other_number,), _ = probe(warm=True)
    (_,), cold = probe(warm=False)
    assert warm.splitlines() == cold.splitlines()
    assert warm_number != other_number, "each warm kernel seeds NumPy afresh"


def test_tensorflow_logs_into_the_cell_as_in_a_readers_kernel():
    done = run("import tensorflow as tf\ntf.get_logger().warning('shown in the cell')")
    assert done.cold == []
    assert [o["name"] for o in done.cells[0].outputs] == ["stdout"]
    assert done.cells[0].text() == "WARNING:tensorflow:shown in the cell\n"


@pytest.mark.parametrize(
    "code",
    [
        'import os\nos.environ["KERAS_BACKEND"] = "jax"',
        "import os\nos.environ.update(TF_CPP_MIN_LOG_LEVEL='3')",
        "from os import environ\nenviron['X'] = '1'",
        "import os\nos.putenv('X', '1')",
        "import os\nos.environb[b'X'] = b'1'",
        "import os\nsettings = os.environ\nsettings['X'] = '1'",
        "import os\ndel os.environ['X']",
        "%env KERAS_BACKEND=jax",
        "%set_env KERAS_BACKEND jax",
    ],
)
def test_code_that_may_set_a_variable_starts_cold(code):
    assert warm_kernel.changes_environment(code)


@pytest.mark.parametrize(
    "code",
    [
        "import os\n# the environment\nprint(os.sep)",
        "import os\nFIXTURE = os.environ.get('DLCOURSE_CIFAR10') == 'fixture'",
        "import os\nprint(os.environ['HOME'], 'X' in os.environ)",
    ],
)
def test_code_that_only_reads_stays_warm(code):
    assert not warm_kernel.changes_environment(code)


@pytest.mark.parametrize(
    ("code", "cold"),
    [
        ('import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras', True),
        ('import numpy\nimport os\nos.environ["X"] = "1"\nimport tensorflow', True),
        ('import os\ndef pick():\n    os.environ["X"] = "1"\npick()\nimport keras', True),
        ("%env KERAS_BACKEND=jax\nimport keras", True),
        ('import os\nimport tensorflow as tf\nos.environ["TF_CONFIG"] = "{}"', False),
        ('from keras import layers\nimport os\ndel os.environ["X"]', False),
    ],
)
def test_only_a_change_before_the_import_starts_cold(code, cold):
    """A change after the first import of Keras or TensorFlow happens alike in both."""
    assert warm_kernel.changes_environment_first(code, warm_kernel.PRELOAD) is cold


def test_choosing_a_backend_before_the_import_works_as_for_a_reader():
    code = 'import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n'
    done = run(code + "print(keras.config.backend())")
    assert done.cold == [
        "its code changes environment variables before it imports Keras or TensorFlow"
    ]
    assert done.cells[0].text() == "jax\n"


def test_course_variables_reach_a_warm_kernel():
    done = run(
        "import os\nprint(os.getenv('DLCOURSE_CIFAR10'))".replace("os.getenv", "os.getenv"),
        env={"DLCOURSE_CIFAR10": "fixture"},
    )
    assert done.cold == [] and done.cells[0].text() == "fixture\n"
    other = run("print(1)", env={"OTHER_SETTING": "1"})
    assert other.cold == ["the page gets environment variables the other pages do not"]


def test_xdist_workers_share_one_server_until_the_controller_stops_it(tmp_path, monkeypatch):
    """The first worker starts the server; another uses it, and its kernels get its own
    JPY_PARENT_PID. A worker whose kernels would get another environment starts its own."""
    monkeypatch.setattr(warm_kernel, "_SHARED", (tmp_path, os.getpid()))
    env_of = lambda home: kernel.reader_env(None, home)  # noqa: E731
    with monkeypatch.context() as other_worker:
        other_worker.setattr(os, "getpid", lambda: 1)  # the worker that starts it
        started = warm_kernel._shared_server(env_of, ())
    attached = warm_kernel._shared_server(env_of, ())
    assert (attached.pid, attached.process, attached.shared) == (started.pid, None, True)
    monkeypatch.setattr(warm_kernel, "_SERVER", attached)
    done = run("import os\nprint(os.getenv('JPY_PARENT_PID'))")
    assert done.cold == [] and done.cells[0].text() == f"{os.getpid()}\n"

    monkeypatch.setenv("ANOTHER_SETTING", "1")
    own = warm_kernel._shared_server(env_of, ())
    assert own.pid != started.pid and not own.shared
    own.close()

    warm_kernel.stop_shared(tmp_path)
    started.process.wait(timeout=30)
    assert not attached.running()


def test_the_server_refuses_a_kernel_with_another_environment():
    server = kernel_server()
    assert server.why_cold() is None
    env = {**server.kernel_env, "JPY_PARENT_PID": str(os.getpid()), "OTHER_SETTING": "1"}
    launcher = [sys.executable, "-I", "-S", "-c", warm_kernel.LAUNCHER_CODE, str(server.socket)]
    done = subprocess.run(
        [*launcher, "-m", "ipykernel_launcher", "-f", "unused.json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "no warm kernel: the environment differs in ['OTHER_SETTING']" in done.stderr


def test_a_stream_printed_in_pieces_is_one_output_as_jupyter_shows_it():
    """A cell that prints as it goes (a fit log) sends many pieces; Jupyter shows one
    output per stream until another kind of output comes between."""
    code = (
        "import sys, time\n"
        "for i in range(3):\n"
        "    print(i, flush=True)\n"
        "    time.sleep(0.05)\n"
        "print('note', file=sys.stderr, flush=True)\n"
        "print('end')"
    )
    outputs = run(code).cells[0].outputs
    assert [(o["name"], o["text"]) for o in outputs] == [
        ("stdout", "0\n1\n2\n"),
        ("stderr", "note\n"),
        ("stdout", "end\n"),
    ]


def test_a_run_parses_no_code_in_its_own_thread(monkeypatch):
    """Python 3.11's ast.parse fails when two threads parse at once, and the tests parse
    in the main thread while programs run: a run's thread must leave parsing to it."""
    import ast
    import threading

    parsed_in: list[str] = []
    real_parse = ast.parse

    def parse(*args, **kwargs):
        parsed_in.append(threading.current_thread().name)
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(ast, "parse", parse)
    cells = [Cell("import os\nprint(os.sep)"), Cell("raise ValueError('shown')", fresh=True)]
    program_run = ProgramRun(Program("parsing", cells))
    program_run.result(timeout=300)
    program_run.cleanup()
    assert program_run.kernels == 2 and program_run.cells[0].text() == "/\n"
    assert parsed_in and set(parsed_in) == {threading.main_thread().name}
