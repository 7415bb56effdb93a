"""Claims the page "Scaling out" makes about its code.

Distribution needs fresh processes (logical devices are fixed when TensorFlow
starts) and, for several workers, several processes at once, so most tests here
run the page's snippets with ``subprocess``.
"""

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from snippet_runner import ROOT, run_snippet

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


def _run_workers(code: str, workers: int, cwd: Path, timeout: int = 300) -> list:
    """Start ``workers`` processes running ``code`` as one TF_CONFIG cluster on localhost."""
    cluster = {"worker": [f"localhost:{_free_port()}" for _ in range(workers)]}
    procs = []
    for index in range(workers):
        tf_config = {"cluster": cluster, "task": {"type": "worker", "index": index}}
        env = {**os.environ, **QUIET, "TF_CONFIG": json.dumps(tf_config)}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", code],
                cwd=cwd,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=timeout)
            results.append((proc.returncode, out, err))
    finally:
        for proc in procs:  # a worker whose peer died would wait for it forever
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return results


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
    page = (ROOT / "docs" / "tensorflow" / "distributed.md").read_text()
    out = page[page.index("replicas in sync: 2") :].split("```", 1)[0]
    assert "weights are MirroredVariable" in out
    losses = json.loads(re.search(r"loss per epoch: (\[.*\])", out).group(1))
    assert losses == sorted(losses, reverse=True)
    assert float(re.search(r"test accuracy: ([\d.]+)", out).group(1)) > 0.85


WORKER = f"""
import runpy
import numpy as np
ns = runpy.run_path({str(SNIPPETS / "multi_worker.py")!r}, run_name="__main__")
print("checksum", sum(float(np.abs(w).sum()) for w in ns["model"].get_weights()))
"""


def test_two_workers_train_one_model(tmp_path):
    results = _run_workers(WORKER, 2, tmp_path)
    for code, out, err in results:
        assert code == 0, err[-3000:]
        assert "2 replicas in sync" in out
        assert float(re.search(r"test accuracy: ([\d.]+)", out).group(1)) > 0.85
    # Every worker ends with the same weights and prints the same losses.
    (_, first, _), (_, second, _) = results
    assert first.split("\n", 1)[1] == second.split("\n", 1)[1]
    assert "worker 0:" in first and "worker 1:" in second
    # Only the chief saved the model.
    assert (tmp_path / "digits_mlp.keras").is_file()


FIT = """
import keras
import numpy as np
import tensorflow as tf

strategy = tf.distribute.MultiWorkerMirroredStrategy()
with strategy.scope():
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
try:
    model.fit(np.ones((64, 4)), np.ones((64, 1)), batch_size=16, epochs=1, verbose=0)
    print("fit ran")
except ValueError as err:
    print("ValueError", "PerReplica" in str(err))
"""


def test_keras_fit_still_fails_with_multi_worker_mirrored(tmp_path):
    """The page warns that Model.fit fails under MultiWorkerMirroredStrategy
    (keras-team/keras#20585). If this test fails, Keras has fixed it: update the
    warning on the page and consider showing fit again."""
    results = _run_workers(FIT, 2, tmp_path)
    for code, out, err in results:
        assert code == 0, err[-3000:]
        assert out.strip() == "ValueError True"


def test_exercise_solutions(capsys):
    ns = run_snippet("snippets/tensorflow/distributed/exercises.py")
    assert ns["cluster"].num_tasks("worker") == 3
    assert "this process: worker 1 at trainer-1.example.com:2222" in capsys.readouterr().out
    assert "TF_CONFIG" not in os.environ
    assert ns["default"].num_replicas_in_sync == 1
    assert ns["weight"].device.endswith("CPU:0")
