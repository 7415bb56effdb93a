import pytest
from check_built_pages import site_build


@pytest.fixture(scope="session")
def built_site(request) -> dict:
    """The real site, built once per session while recording imports (shared with the
    page checks, which walk its HTML)."""
    return site_build(request.config)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the Keras cheatsheet's three backend workers as soon as their tests are
    selected, so they run while the pages' programs do (``tests/cheatsheet_backends.py``)."""
    config = session.config
    if hasattr(config, "workerinput") or config.option.collectonly:
        return  # an xdist worker does not know yet which tests it will run
    if any("backend_runs" in getattr(item, "fixturenames", ()) for item in session.items):
        import cheatsheet_backends

        cheatsheet_backends.start_all()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """In an xdist worker: start them when the first of their tests starts here (xdist
    hands that file out first: ``LONG_RUNNING`` in ``xdist_pages.py``)."""
    if hasattr(item.config, "workerinput") and "backend_runs" in getattr(item, "fixturenames", ()):
        import cheatsheet_backends

        cheatsheet_backends.start_all()
