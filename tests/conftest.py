import pytest
from docblocks import site_build


@pytest.fixture(scope="session")
def built_site(request) -> dict:
    """The real site, built once per session while recording imports (shared with the
    page checks, which walk its HTML)."""
    return site_build(request.config)
