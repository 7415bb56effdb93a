"""A page's program (tools/program.py): the notebook the suite runs and the site serves."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from pages import SiteConfig, read_page
from program import NOTEBOOKS_BRANCH, SKIP_TAG, Source, site_program

ROOT = Path(__file__).resolve().parent.parent
SITE = SiteConfig.load(ROOT / "mkdocs.yml")
GITHUB = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_REPOSITORY": "someone/learn-keras",
    "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
    "GITHUB_SERVER_URL": "https://github.com",
}


def test_in_github_actions_links_name_the_repository_and_commit(monkeypatch):
    for key, value in GITHUB.items():
        monkeypatch.setenv(key, value)
    source = Source.from_environment("https://github.com/dlcourse/dlcourse")
    assert source.package() == (
        "dlcourse @ git+https://github.com/someone/learn-keras"
        "@0123456789abcdef0123456789abcdef01234567"
    )
    assert source.colab("cnn/pooling.ipynb") == (
        "https://colab.research.google.com/github/someone/learn-keras/blob/"
        f"{NOTEBOOKS_BRANCH}/cnn/pooling.ipynb"
    )


def test_elsewhere_no_commit_and_no_colab(monkeypatch):
    # A local commit may never be pushed: name the repository only, and offer no Colab link.
    for key in GITHUB:
        monkeypatch.delenv(key, raising=False)
    source = Source.from_environment("https://github.com/dlcourse/dlcourse/")
    assert source.package() == "dlcourse @ git+https://github.com/dlcourse/dlcourse"
    assert source.colab("cnn/pooling.ipynb") is None
    assert Source("https://gitlab.com/a/b", "abc").colab("x.ipynb") is None


def program_of(page: str):
    read = read_page(ROOT / page, SITE, Path(page))
    return site_program(read, ROOT, SITE.repo_url)


def test_program_is_the_pages_python_in_order_with_an_install_cell_first():
    program = program_of("docs/cnn/conv-layer.md")
    install, *cells = program.cells
    assert install.block is None and install.tags == [SKIP_TAG]
    assert '%pip install --quiet "dlcourse @ git+' in install.code
    assert [c.block.fences[0].line for c in cells] == sorted(c.block.fences[0].line for c in cells)
    assert all(c.block.lang == "python" for c in cells)


def test_skipped_and_isolated_blocks_say_so_in_the_notebook():
    notebook = program_of("docs/tensorflow/distributed.md").notebook()
    notes = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    assert any(n.startswith("*Not run by the site's tests: it needs a cluster") for n in notes)
    # An isolated block's note says to restart, and why.
    assert any(
        n.startswith("*Restart the runtime before this cell") and "two logical devices" in n
        for n in notes
    )
    skipped = [c for c in notebook.cells if SKIP_TAG in c.metadata.get("tags", [])]
    assert len(skipped) == 2  # the install cell and the cluster block


def test_a_page_without_course_imports_installs_only_what_it_imports():
    (install, *_) = program_of("docs/tensorflow/tensors.md").cells
    assert "dlcourse" not in install.code
    assert '"tensorflow>=' in install.code


@pytest.mark.slow
def test_site_serves_each_lesson_pages_program(built_site):
    """The download is the notebook the suite runs: the same cells, tags and notes."""
    served = built_site["dir"] / "download"
    for page in ("docs/cnn/conv-layer.md", "docs/tensorflow/distributed.md"):
        name = Path(page).relative_to("docs").with_suffix(".ipynb")
        got = nbformat.reads((served / name).read_text(encoding="utf-8"), as_version=4)
        want = program_of(page).notebook()
        assert [(c.cell_type, c.source, c.metadata) for c in got.cells[1:]] == [
            (c.cell_type, c.source, c.metadata) for c in want.cells[1:]
        ]
    for page in ("index", "reference", "testing"):
        assert not (served / f"{page}.ipynb").exists()
    html = (built_site["dir"] / "cnn" / "conv-layer" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../download/cnn/conv-layer.ipynb"' in html
    assert "Open in Colab" not in html  # not built by GitHub Actions
    notebook = json.loads((served / "notebooks" / "first-model.ipynb").read_text())
    assert notebook["cells"][0]["cell_type"] == "markdown"
