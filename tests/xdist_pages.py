"""The docs plugin under pytest-xdist: whole pages to workers, the longest first.

``tasks.py test`` runs ``-n`` workers with ``--dist loadfile``, so that a page's items all
run in one worker. The workers share one site build in the controller's folder and one
kernel server (``warm_kernel.py``), and the controller adds up what they counted for the
summary line (``docblocks.py``).
"""

from __future__ import annotations

import os

import pytest
from page_session import SHARED


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist controller: tell each worker where the one shared site build goes, and
    the process whose end stops the kernel server they share."""
    node.workerinput["docblocks_shared"] = str(node.config.stash[SHARED])
    # The workers share one kernel server, which runs as long as this process does.
    node.workerinput["docblocks_controller"] = os.getpid()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadfile``, handing out the longest units first."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class PageScheduling(LoadFileScheduling):
        def _assign_work_unit(self, node) -> None:
            # The longest units first, so that no worker starts one when the others are
            # nearly done (xdist hands out the front of its queue).
            longest = min(self.workqueue, key=_start_first)
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return PageScheduling(config, log)


# What takes longest, for the order in which xdist hands out the units of work: a
# notebook (one item, a whole kernel run), then files that start processes of their own,
# then the pages that train longest.
# The rest follow in xdist's order (the most tests first).
LONG_RUNNING = (
    "tests/pages/test_keras_cheatsheet.py",
    "docs/keras/cheatsheet.md",
    "tests/pages/test_tensorflow_distributed.py",
    "docs/tensorflow/distributed.md",
    "tests/test_docblocks_rejects.py",
    "tests/test_browser.py",
    "docs/cnn/transfer-learning.md",
    "docs/tensorflow/keras.md",
    "tests/test_browser_reader.py",
)


def _start_first(scope: str) -> int:
    if scope.endswith(".ipynb"):
        return 0
    return 1 + LONG_RUNNING.index(scope) if scope in LONG_RUNNING else len(LONG_RUNNING) + 1
