"""Claims the page "Scaling out" makes about its code.

Distribution needs fresh processes (logical devices are fixed when TensorFlow
starts) and, for several workers, several processes at once, so most tests here
run the page's snippets in processes of their own (the workers forked from one that has
imported Keras).
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from shown import output_after
from snippet_runner import ROOT, run_snippet

PAGE = ROOT / "docs" / "tensorflow" / "distributed.md"
SNIPPETS = ROOT / "snippets" / "tensorflow" / "distributed"
QUIET = {
    "CUDA_VISIBLE_DEVICES": "-1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "KERAS_BACKEND": "tensorflow",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


# The workers are forked from one process that has imported Keras (and so TensorFlow):
# one import instead of one per worker, as the suite's warm kernels do. TensorFlow reads
# TF_CONFIG when the strategy is made, not on import, so each worker sets its own after
# the fork and is then the process `TF_CONFIG=... python worker.py` would be.
FORK_WORKERS = """
import json, os, sys
import keras  # noqa: F401

code, configs = sys.argv[1], json.loads(sys.argv[2])
children = []
for index, tf_config in enumerate(configs):
    pid = os.fork()
    if pid == 0:
        os.environ["TF_CONFIG"] = json.dumps(tf_config)
        for fd, name in ((1, "out"), (2, "err")):
            written = os.open(f"worker-{index}.{name}", os.O_WRONLY | os.O_CREAT)
            os.dup2(written, fd)
            os.close(written)
        sys.stdout = os.fdopen(1, "w", buffering=1)
        sys.stderr = os.fdopen(2, "w", buffering=1)
        status = 0
        try:
            exec(compile(code, "<worker>", "exec"), {"__name__": "__main__"})
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        except BaseException:
            import traceback

            traceback.print_exc()
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    children.append(pid)
with open("workers.json", "w") as f:
    json.dump([os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children], f)
"""


def _run_workers(code: str, workers: int, cwd: Path, timeout: int = 300) -> list:
    """Run ``code`` in ``workers`` processes, one TF_CONFIG cluster on localhost.

    Returns each worker's (exit code, output, error output)."""
    cluster = {"worker": [f"localhost:{_free_port()}" for _ in range(workers)]}
    configs = [{"cluster": cluster, "task": {"type": "worker", "index": i}} for i in range(workers)]
    proc = subprocess.Popen(
        [sys.executable, "-c", FORK_WORKERS, code, json.dumps(configs)],
        cwd=cwd,
        env={**os.environ, **QUIET},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        log, _ = proc.communicate(timeout=timeout)
    finally:  # a worker whose peer died would wait for it forever
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 0, log
    codes = json.loads((cwd / "workers.json").read_text())
    return [
        (code, (cwd / f"worker-{i}.out").read_text(), (cwd / f"worker-{i}.err").read_text())
        for i, code in enumerate(codes)
    ]


def test_tf_config_shown_is_the_one_the_code_checks(capsys):
    shown = json.loads((SNIPPETS / "tf_config.json").read_text())
    ns = run_snippet("snippets/tensorflow/distributed/tf_config.py")
    assert ns["tf_config"] == shown
    assert ns["cluster"].num_tasks("worker") == 2
    out = capsys.readouterr().out
    assert "this process: worker 0\nits address: trainer-0.example.com:2222" in out
    # The block unsets TF_CONFIG again, as the page says it should.
    assert "TF_CONFIG" not in os.environ


def test_mirrored_strategy_trains_two_replicas():
    # The page's isolated block runs mirrored.py in a fresh process and the suite checks
    # that it printed exactly the output shown; here, that the shown numbers say it learned.
    assert "weights are MirroredVariable" in output_after(PAGE, "mirrored.py:model")
    out = output_after(PAGE, "mirrored.py:fit")
    losses = json.loads(re.search(r"loss per epoch: (\[.*\])", out).group(1))
    assert losses == sorted(losses, reverse=True)
    assert float(re.search(r"test accuracy: ([\d.]+)", out).group(1)) > 0.85


CLUSTER = f"""
import runpy
import keras
import numpy as np
ns = runpy.run_path({str(SNIPPETS / "multi_worker.py")!r}, run_name="__main__")
print("checksum", sum(float(np.abs(w).sum()) for w in ns["model"].get_weights()))

# The page's warning, in the same cluster: Model.fit under this strategy fails.
with ns["strategy"].scope():
    probe = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    probe.compile(optimizer="sgd", loss="mse")
try:
    probe.fit(np.ones((64, 4)), np.ones((64, 1)), batch_size=16, epochs=1, verbose=0)
    print("fit: ran")
except ValueError as err:
    print("fit: ValueError", "PerReplica" in str(err))
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> tuple[Path, list]:
    """The page's multi_worker.py run as two workers on localhost, then the fit probe.
    One cluster for both tests below: each start costs two TensorFlow imports."""
    cwd = tmp_path_factory.mktemp("cluster")
    return cwd, _run_workers(CLUSTER, 2, cwd)


def test_two_workers_train_one_model(cluster):
    cwd, results = cluster
    for code, out, err in results:
        assert code == 0, err[-3000:]
        assert "2 replicas in sync" in out
        assert float(re.search(r"test accuracy: ([\d.]+)", out).group(1)) > 0.85
    # Every worker ends with the same weights and prints the same losses.
    (_, first, _), (_, second, _) = results
    assert first.split("\n", 1)[1] == second.split("\n", 1)[1]
    assert "worker 0:" in first and "worker 1:" in second
    # Only the chief saved the model.
    assert (cwd / "digits_mlp.keras").is_file()


def test_keras_fit_still_fails_with_multi_worker_mirrored(cluster):
    """The page warns that Model.fit fails under MultiWorkerMirroredStrategy
    (keras-team/keras#20585). If this test fails, Keras has fixed it: update the
    warning on the page and consider showing fit again."""
    _, results = cluster
    for code, out, err in results:
        assert code == 0, err[-3000:]
        assert out.strip().endswith("\nfit: ValueError True"), out


def test_exercise_solutions(capsys):
    ns = run_snippet("snippets/tensorflow/distributed/exercises.py")
    assert ns["cluster"].num_tasks("worker") == 3
    assert "this process: worker 1 at trainer-1.example.com:2222" in capsys.readouterr().out
    assert "TF_CONFIG" not in os.environ
    assert ns["default"].num_replicas_in_sync == 1
    assert ns["weight"].device.endswith("CPU:0")


def test_checkpoint_manager_resumes_the_run_that_failed(tmp_path, capsys):
    ns = run_snippet("snippets/tensorflow/distributed/checkpoint_manager.py")
    resumed = capsys.readouterr().out
    assert "restored ckpt-3\nepoch 4:" in resumed
    # The same training without a failure, into an empty folder, prints the same losses.
    ns["train"].__globals__["checkpoint_dir"] = str(tmp_path)
    ns["train"](epochs=6)
    uninterrupted = capsys.readouterr().out
    assert uninterrupted.splitlines() == [
        line for line in resumed.splitlines() if line.startswith("epoch ")
    ]
    assert len(list(tmp_path.glob("ckpt-*.index"))) == 2  # max_to_keep=2


def test_backup_and_restore_resumed_instead_of_starting_again():
    # The page's block ran in this session and printed exactly this; here, what it shows.
    out = "\n".join(
        output_after(PAGE, f"backup_and_restore.py:{step}")
        for step in ("backup-fail", "backup-restart")
    )
    losses = [float(x) for x in re.findall(r"epoch \d: loss ([\d.]+)", out)]
    assert len(losses) == 6 and losses == sorted(losses, reverse=True)  # no restart from 1
    assert "epochs run after the restart: [4, 5, 6]" in out
    assert "optimizer steps in all: 24" in out  # 6 epochs of 4 batches: Adam's state came back


def test_backup_mid_epoch_restarts_that_epoch(tmp_path):
    """The page says that in Keras 3.15 a backup made every n batches is restored at
    the start of its epoch. If this fails, Keras resumes mid-epoch now: update the page."""
    import contextlib

    import keras
    import numpy as np

    x, y = np.ones((64, 4), "float32"), np.ones((64, 1), "float32")
    seen = []

    class Fail(keras.callbacks.Callback):
        def __init__(self, fail):
            super().__init__()
            self.fail = fail

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch = epoch

        def on_train_batch_begin(self, batch, logs=None):
            seen.append((self.epoch, batch))
            if self.fail and (self.epoch, batch) == (1, 3):
                raise RuntimeError("failed in epoch 1, batch 3")

    for fail in (True, False):
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", run_eagerly=True)  # no tracing: faster
        backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"), save_freq=2)
        with contextlib.suppress(RuntimeError):
            model.fit(x, y, epochs=2, batch_size=16, verbose=0, callbacks=[backup, Fail(fail)])
    # Backed up after batch 1 of epoch 1, failed at batch 3: epoch 1 ran again from batch 0.
    assert seen[seen.index((1, 3)) + 1 :] == [(1, 0), (1, 1), (1, 2), (1, 3)]
    assert int(model.optimizer.iterations) == 6 + 4  # batches 0-1 of epoch 1 counted twice
