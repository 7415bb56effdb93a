"""What the docs plugin's stages share over a session.

Where each page's run is recorded for the built-page check, what the summary line counts,
and the errors and item base class that report a page and line as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from html_check import PageRun
from pages import SiteConfig

EDITS = pytest.StashKey[list]()
RUNS = pytest.StashKey[dict]()  # page (as shown) -> PageRun
COUNTS = pytest.StashKey[dict]()
BUILD = pytest.StashKey["SiteBuild"]()
DESELECTED = pytest.StashKey[set]()  # pages with a block left out of this run
NOTEBOOKS = pytest.StashKey[dict]()  # page path -> ProgramRun
SHARED = pytest.StashKey[Path]()  # xdist controller: the folder its workers build the site in


def site_of(config: pytest.Config) -> SiteConfig | None:
    """The site this session checks, from ``--docs-config``."""
    path = Path(config.getoption("docs_config"))
    if not path.is_absolute():
        path = config.invocation_params.dir / path
    return SiteConfig.load(path.resolve()) if path.exists() else None


def run_of(config: pytest.Config, page: Path) -> PageRun:
    """What the session recorded of a page's run: the code, outputs and figures it saw."""
    return config.stash[RUNS].setdefault(str(page), PageRun())


def shared_dir(config: pytest.Config) -> Path | None:
    """In an xdist worker: the controller's folder that the workers share."""
    shared = getattr(config, "workerinput", {}).get("docblocks_shared")
    return Path(shared) if shared else None


class PageProblem(Exception):
    pass


class BlockFailed(Exception):
    pass


class SiteItem(pytest.Item):
    """An item whose failures are messages naming the page and line, shown as they are."""

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (PageProblem, BlockFailed)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.name


class PageCheck(SiteItem):
    def __init__(self, *, problems: list[str], **kwargs):
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        if self.problems:
            raise PageProblem("\n".join(self.problems))
