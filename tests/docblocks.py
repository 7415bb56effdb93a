"""Pytest plugin: every page's code runs as its reader runs it, and the page shows that run.

The pipeline, one stage a module:

1. **Read the page** (``tools/pages.py``): snippets expanded as MkDocs expands them, the
   fences the site renders, each line mapped back to ``docs/page.md:LINE``.
   ``tests/read_pages.py`` collects every page MkDocs renders into items.
2. **Make its program** (``tools/program.py``): the Python blocks a reader sees, in
   order, as a notebook; the site serves the same notebook for download and Colab.
3. **Run it** (``tests/run_programs.py`` with ``tests/kernel.py``): top to bottom in a
   clean Jupyter kernel outside the repository. Page code runs only there, never in
   this process, so it cannot change the verdict.
4. **Compare** (``tests/compare_outputs.py``, with ``tests/compare.py``): each block's
   outputs (streams, warnings and logging included) and figures against the page's.
   ``--update-outputs`` writes the run's instead (``tests/update_pages.py``).
5. **Check the built HTML** (``tests/check_built_pages.py`` with ``tests/html_check.py``):
   every code block shown as Python is a cell that ran, every cell that ran is shown,
   every output and image shown is one the run made, every link resolves, and nothing
   else on the page shows code or output (deny by default).

``tests/page_session.py`` holds what the stages share; ``tests/xdist_pages.py`` hands
whole pages to pytest-xdist workers, the longest first. This module adds the options,
sets the environment and prints the summary.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import check_built_pages
import compare_outputs
import pytest
import read_pages
import run_programs
import warm_kernel
import xdist_pages
from compare_outputs import figures_drawn_elsewhere
from html_check import Counts
from page_session import BUILD, COUNTS, DESELECTED, EDITS, NOTEBOOKS, RUNS, SHARED, shared_dir
from update_pages import write_edits

# Each stage's hooks live in its module, registered as a plugin of its own.
STAGES = (read_pages, run_programs, compare_outputs, check_built_pages, xdist_pages)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docblocks", "run the code blocks of the docs pages")
    group.addoption(
        "--docs-config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    group.addoption(
        "--cold-kernels",
        action="store_true",
        help="start every page's kernel from scratch, not forked from one that has imported "
        "TensorFlow (slower; tests/warm_kernel.py)",
    )
    group.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite expected outputs and figures on the pages from this run",
    )


def pytest_configure(config: pytest.Config) -> None:
    for stage in STAGES:
        config.pluginmanager.register(stage, stage.__name__)
    # Deterministic, CPU-only, quiet: set before anything imports TensorFlow.
    for key, value in {
        "CUDA_VISIBLE_DEVICES": "-1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "KERAS_BACKEND": "tensorflow",
        "MPLBACKEND": "Agg",
        # The CIFAR-10 notebooks load dlcourse's made-up fixture instead of downloading.
        "DLCOURSE_CIFAR10": "fixture",
    }.items():
        os.environ.setdefault(key, value)
    # Keras' summary() sizes its table from the terminal; pages must not depend on it.
    os.environ["COLUMNS"] = "80"
    config.stash[EDITS] = []
    config.stash[RUNS] = {}
    config.stash[COUNTS] = {
        "run": 0,
        "html": Counts(),
        "pages": 0,
        "uncompared": 0,
        "kernels": 0,
        "cold": [],
    }
    if config.getoption("update_outputs") and figures_drawn_elsewhere():
        raise pytest.UsageError(
            f"--update-outputs writes the committed figures, and {figures_drawn_elsewhere()}: "
            "run `python3 tasks.py update` (the pinned versions) instead."
        )
    config.stash[DESELECTED] = set()
    config.stash[NOTEBOOKS] = {}
    if config.getoption("numprocesses", None) and not hasattr(config, "workerinput"):
        config.stash[SHARED] = Path(tempfile.mkdtemp(prefix="docblocks-shared-"))
    if shared_dir(config) is not None:
        warm_kernel.share_in(shared_dir(config), config.workerinput["docblocks_controller"])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """xdist controller: add up what a worker counted, for the summary line."""
    done = getattr(node, "workeroutput", {}).get("docblocks")
    if done:
        counts = node.config.stash[COUNTS]
        counts["run"] += done["run"]
        counts["pages"] += done["pages"]
        counts["uncompared"] += done["uncompared"]
        counts["kernels"] += done["kernels"]
        counts["cold"] += done["cold"]
        counts["html"].add(Counts(**done["html"]))


def pytest_sessionfinish(session: pytest.Session) -> None:
    counts = session.config.stash[COUNTS]
    for run in session.config.stash.get(NOTEBOOKS, {}).values():
        counts["kernels"] += run.kernels
        counts["cold"] += run.cold
    if hasattr(session.config, "workeroutput"):  # an xdist worker: the controller reports
        session.config.workeroutput["docblocks"] = {
            "run": counts["run"],
            "pages": counts["pages"],
            "uncompared": counts["uncompared"],
            "kernels": counts["kernels"],
            "cold": counts["cold"],
            "html": dataclasses.asdict(counts["html"]),
        }
    write_edits(session.config.stash.get(EDITS, []))


def pytest_unconfigure(config: pytest.Config) -> None:
    if BUILD in config.stash:
        config.stash[BUILD].cleanup()
    for run in config.stash.get(NOTEBOOKS, {}).values():
        run.cleanup()
    warm_kernel.close_server()
    if SHARED in config.stash:
        warm_kernel.stop_shared(config.stash[SHARED])
        shutil.rmtree(config.stash[SHARED], ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    counts = config.stash.get(COUNTS, None)
    if counts and counts["run"]:
        terminalreporter.write_line(f"docs code blocks executed: {counts['run']}")
    if counts and counts["uncompared"]:
        terminalreporter.write_line(
            f"figures not compared: {counts['uncompared']}, because {figures_drawn_elsewhere()}"
            " (each block still had to draw its figure)"
        )
    if counts and counts["kernels"]:
        why = Counter(counts["cold"])
        terminalreporter.write_line(
            f"kernels: {counts['kernels']}, {counts['kernels'] - len(counts['cold'])} of them "
            "forked from one that had imported what the pages import"
            + "".join(f"; {n} started cold: {reason}" for reason, n in why.most_common())
        )
    if counts and counts["pages"]:
        c = counts["html"]
        terminalreporter.write_line(
            f"built pages checked: {counts['pages']}; matched to this run: {c.python} Python "
            f"blocks, {c.outputs} outputs, {c.images} images, {c.links} links; "
            f"{c.noted} Python blocks shown with a 'not run' note"
        )
