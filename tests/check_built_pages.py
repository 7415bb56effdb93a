"""Stage 5 in the suite: each page as MkDocs built it, walked by ``tests/html_check.py``.

The site is built once per session (``tests/site_build.py``), started at collection so
that the build overlaps the pages' programs. After its blocks, a page's ``html`` item
checks the built page against what its run recorded; ``every built page is collected``
checks that the build wrote no page the suite does not collect.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_outputs import BlockItem, NotebookItem
from html_check import BuiltPage, PageRun, check_page
from page_session import (
    BUILD,
    COUNTS,
    DESELECTED,
    RUNS,
    PageProblem,
    SiteItem,
    run_of,
    shared_dir,
    site_of,
)
from site_build import BuildFailed, SiteBuild


def site_build(config: pytest.Config) -> dict:
    """The site this session checks, built once (``conftest.built_site`` uses it too)."""
    if BUILD not in config.stash:
        config.stash[BUILD] = SiteBuild(site_of(config), shared_dir(config))
    try:
        return config.stash[BUILD].result()
    except BuildFailed as err:
        raise PageProblem(str(err)) from None


def pytest_deselected(items) -> None:
    for item in items:
        if isinstance(item, (BlockItem, NotebookItem)):
            item.config.stash[DESELECTED].add(str(item.parent.shown_as))


def pytest_collection_finish(session: pytest.Session) -> None:
    site = site_of(session.config)
    wanted = any(isinstance(i, (HtmlCheck, BuiltPagesCheck)) for i in session.items)
    if site and wanted and not session.config.getoption("update_outputs"):
        session.config.stash[BUILD] = SiteBuild(site, shared_dir(session.config))


def dest_of(source: Path, docs_dir: Path) -> Path:
    """Where MkDocs (with directory URLs) writes the page built from ``source``."""
    relative = source.resolve().relative_to(docs_dir).with_suffix("")
    if relative.name in {"index", "README"}:
        return relative.parent / "index.html"
    return relative / "index.html"


class HtmlCheck(SiteItem):
    def __init__(self, *, locate, **kwargs):
        super().__init__(**kwargs)
        self.locate = locate

    def runtest(self) -> None:
        page = self.parent.shown_as
        if self.config.getoption("update_outputs"):
            pytest.skip("not checked in an update run: run the suite again to check the built page")
        if str(page) in self.config.stash[DESELECTED]:
            pytest.skip(
                "some blocks of this page were deselected; the built page is checked "
                "when they all run"
            )
        build = site_build(self.config)
        if build["returncode"] != 0:
            raise PageProblem(
                f"{page}: the site did not build, so this page cannot be checked as readers "
                f"see it:\n{build['log'][-2000:]}"
            )
        site = self.parent.site
        built = BuiltPage(
            source=page,
            html_file=build["dir"] / dest_of(self.path, site.docs_dir),
            site_dir=build["dir"],
            locate=self.locate,
        )
        if not built.html_file.is_file():
            raise PageProblem(f"{page}: MkDocs built no page from it ({built.html_file.name})")
        run = self.config.stash[RUNS].get(str(page), PageRun())
        problems, counts = check_page(built, run, site.diagram_classes)
        self.config.stash[COUNTS]["html"].add(counts)
        self.config.stash[COUNTS]["pages"] += 1
        if problems and run.failed:
            problems.append(
                f"This may follow from the failed block(s) above ({', '.join(run.failed)}): a "
                "block that fails records nothing of what it printed or drew. Fix those first."
            )
        if problems:
            raise PageProblem("\n".join(problems))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note each failed block of a page, for the page's built-page check to mention."""
    report = yield
    if report.when == "call" and report.failed and isinstance(item, (BlockItem, NotebookItem)):
        run_of(item.config, item.parent.shown_as).failed.append(
            f"{item.parent.shown_as}::{item.name}"
        )
    return report


class BuiltPagesCheck(SiteItem):
    """Every HTML page the build wrote comes from a page this session collected."""

    def runtest(self) -> None:
        if self.config.getoption("update_outputs"):
            pytest.skip("not checked in an update run: run the suite again to check the site")
        site = self.parent.site
        build = site_build(self.config)
        if build["returncode"] != 0:
            raise PageProblem(f"the site did not build:\n{build['log'][-2000:]}")
        expected = {dest_of(p, site.docs_dir) for p in site.pages()}
        built = {
            p.relative_to(build["dir"])
            for p in build["dir"].rglob("*.html")
            if p.name != "404.html" and p.relative_to(build["dir"]).parts[0] not in {"assets"}
        }
        stray = sorted(built - expected)
        if stray:
            raise PageProblem(
                "\n".join(
                    f"{p}: MkDocs built this page, but from no file the suite collects as a page"
                    for p in stray
                )
            )
