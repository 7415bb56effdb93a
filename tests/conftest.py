from pathlib import Path

import pytest
from docblocks import RUNS_WITH_PAGE, site_build


@pytest.fixture(scope="session")
def built_site(request) -> dict:
    """The real site, built once per session while recording imports (shared with the
    page checks, which walk its HTML)."""
    return site_build(request.config)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the Keras cheatsheet's three backend workers as soon as their tests are
    selected, so they run while the pages' blocks do (``tests/cheatsheet_backends.py``)."""
    config = session.config
    if hasattr(config, "workerinput") or config.option.collectonly:
        return  # an xdist worker does not know yet which tests it will run
    if any("backend_runs" in getattr(item, "fixturenames", ()) for item in session.items):
        import cheatsheet_backends

        cheatsheet_backends.start_all(session.items)
        # A plugin, not a hook here: this conftest's hooks do not see the items under docs/.
        config.pluginmanager.register(_CheatsheetPageOutcomes(cheatsheet_backends))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """In an xdist worker: start the cheatsheet's backend workers when the first of the
    cheatsheet page's items or its tests starts here (``RUNS_WITH_PAGE`` in
    ``docblocks.py`` keeps them together, so this worker runs the page's blocks too)."""
    config = item.config
    if not hasattr(config, "workerinput"):
        return
    import cheatsheet_backends

    if cheatsheet_backends._STARTED:
        return
    root = Path(__file__).resolve().parent.parent
    page = cheatsheet_backends.PAGE.relative_to(root).as_posix()
    ours = {page, *(module for module, p in RUNS_WITH_PAGE.items() if p == page)}
    if Path(str(item.path)).relative_to(root).as_posix() not in ours:
        return
    together = config.getvalue("dist") == "loadfile"
    cheatsheet_backends.start_all(item.session.items if together else ())
    config.pluginmanager.register(_CheatsheetPageOutcomes(cheatsheet_backends))


class _CheatsheetPageOutcomes:
    """Records the outcome of the cheatsheet page's blocks whose TensorFlow run stands in
    for the TensorFlow worker's (``tests/cheatsheet_backends.py``)."""

    def __init__(self, backends):
        self.backends = backends

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.nodeid not in self.backends.PAGE_RUNS.values():
            return
        if report.when == "call" or report.outcome != "passed":
            self.backends.PAGE_OUTCOMES.setdefault(report.nodeid, report.outcome)
