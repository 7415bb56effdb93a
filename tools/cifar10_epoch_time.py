"""Time one training epoch of the CIFAR-10 reference model (docs/assignments/cifar10-solution).

The time of a training step does not depend on what the pixels show, so the model is
trained on random uint8 arrays of CIFAR-10's shape (50,000 x 32 x 32 x 3). It times
``--steps`` steps of batch 32 after a warm-up epoch (which includes tracing), and scales
them to a full epoch of 1,563 steps. It prints the wall-clock time and the CPU time of
the process (all cores added up), so that a busy machine shows in their ratio.

    .venv/bin/python tools/cifar10_epoch_time.py --steps 300

TensorFlow runs as a reader's does: oneDNN on (unless TF_ENABLE_ONEDNN_OPTS is set), all
cores, the GPU if there is one.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "snippets" / "assignments" / "cifar10-solution.py"


def reference_model():
    """The reference solution's model, compiled: its model and compile cells, run as the
    notebook has them (so that the time is always the current model's)."""
    import jupytext

    cells = [c.source for c in jupytext.read(SOLUTION).cells if c.cell_type == "code"]
    namespace: dict = {}
    for marker in ("keras.Sequential(", "model.compile("):
        exec(next(c for c in cells if marker in c), namespace)
    return namespace["model"]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300, help="timed steps of batch 32")
    args = parser.parse_args()
    import numpy as np
    import tensorflow as tf

    batch, images = 32, 50_000
    epoch_steps = math.ceil(images / batch)
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(args.steps * batch, 32, 32, 3), dtype=np.uint8)
    y = rng.integers(0, 10, size=(args.steps * batch, 1), dtype=np.uint8)
    model = reference_model()
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)  # warm-up: tracing
    wall, cpu = time.perf_counter(), cpu_seconds()
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    scale = epoch_steps / args.steps
    devices = [d.device_type for d in tf.config.list_physical_devices()]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    print(f"devices: {', '.join(devices)}; TensorFlow {tf.__version__}")
    print(f"load average at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(f"timed: {args.steps} steps of {batch} images")
    print(f"  wall {wall:.1f} s, CPU {cpu:.1f} s ({wall / args.steps * 1000:.0f} ms/step)")
    print(f"one epoch of {images:,} images ({epoch_steps:,} steps), scaled:")
    print(f"  wall {wall * scale:.0f} s, CPU {cpu * scale:.0f} s")


if __name__ == "__main__":
    main()
