"""Stage 3 in the suite: run each page's program once, in a clean kernel (``tests/kernel.py``).

A page's program starts when the first of its items is about to run, together with the
next page's, so that a kernel's start-up overlaps the tests before it. Where page code
cannot tell the difference, the kernel is forked from a server that has imported
TensorFlow already (``tests/warm_kernel.py``).
"""

from __future__ import annotations

import pytest
from kernel import ProgramRun, kernel_server
from page_session import NOTEBOOKS
from program import imports
from warm_kernel import PRELOAD


def page_run(config: pytest.Config, page) -> ProgramRun:
    """The page's program, run once per session (started ahead by ``pytest_runtest_protocol``)."""
    runs = config.stash[NOTEBOOKS]
    if page.path not in runs:
        runs[page.path] = ProgramRun(
            page.program, page.program_env(), warm=not config.getoption("cold_kernels")
        )
    return runs[page.path]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Start the program of this item's page and of the next item's."""
    for it in (item, nextitem):
        if getattr(it, "runs_program", False):
            page_run(item.config, it.parent)


def pytest_collection_finish(session: pytest.Session) -> None:
    pages = {i.parent for i in session.items if getattr(i, "runs_program", False)}
    if pages and not session.config.getoption("cold_kernels"):
        # Its imports overlap the rest of collection and the first tests. Only a session
        # whose pages import Keras or TensorFlow has the server import them.
        used = set().union(*(imports(cell.code) for page in pages for cell in page.program.cells))
        kernel_server(PRELOAD if used & set(PRELOAD) else ())
