"""Claims the Set up page makes: the versions it states are the pins and the bounds, and
the install command names the commit the site is built from."""

import os
import re
from importlib.metadata import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pages import SiteConfig, read_page
from snippet_runner import ROOT, run_snippet
from test_program import GITHUB  # a GitHub Actions environment

import tasks
from tools import site_hooks

PAGE = ROOT / "docs" / "setup.md"
# The packages the page gives a version for: those a reader installs.
STATED = {"tensorflow", "keras", "scikit-learn", "matplotlib", "jax", "torch"}
# Those with an oldest supported release: dlcourse's requirements, less NumPy (TensorFlow's).
BOUNDED = {"tensorflow", "keras", "scikit-learn", "matplotlib"}
STALE = "run `python3 tasks.py bump --no-repin` to show today's pins and bounds"


def test_table_states_the_bounds_and_the_pins():
    rows = re.findall(r"^\| `([\w.-]+)` \| ([^|]+?) \| ([^ |]+) \|", PAGE.read_text(), re.M)
    assert {name for name, _, _ in rows} == STATED
    pinned, bounds = tasks.pins(), tasks.lower_bounds()
    assert set(bounds) == BOUNDED | {"numpy"}
    for name, oldest, verified in rows:
        assert verified == pinned[name], f"docs/setup.md states {name} {verified}; {STALE}"
        assert oldest == bounds.get(name, "optional"), f"docs/setup.md: {name} {oldest}; {STALE}"


def test_install_commands_pin_the_verified_or_bound_the_oldest():
    text = PAGE.read_text()
    pinned = re.findall(r"\"([a-z][\w.-]*)(?:\[[\w,-]+\])?==([^\"]+)\"", text)
    bounded = re.findall(r"\"([a-z][\w.-]*)>=([^\"]+)\"", text)
    assert {name for name, _ in pinned} == STATED
    assert {name for name, _ in bounded} == BOUNDED
    assert all(version == tasks.pins()[name] for name, version in pinned), STALE
    assert all(version == tasks.lower_bounds()[name] for name, version in bounded), STALE


def test_version_check_compares_with_the_bounds(capsys):
    ns = run_snippet("snippets/setup/check_install.py")
    assert set(ns["installed"]) == BOUNDED
    assert ns["oldest"] == {name: tasks.lower_bounds()[name] for name in BOUNDED}, STALE


def test_python_version_is_what_keras_requires_and_ci_runs():
    text = " ".join(PAGE.read_text().split())
    python = re.search(r"Keras releases supported need (\d+\.\d+) or newer", text)[1]
    # The installed Keras is a supported one: the pinned release, or the oldest in --oldest.
    assert metadata("keras")["Requires-Python"] == f">={python}"
    ci = re.search(r"The outputs you see were printed on Python (\d+\.\d+)", text).group(1)
    assert f'python-version: "{ci}"' in (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert f'requires-python = ">={python}"' in (ROOT / "pyproject.toml").read_text()


def test_pages_named_for_scikit_learn_and_matplotlib_use_them():
    site = SiteConfig.load(ROOT / "mkdocs.yml")
    uses = {
        "index.md": "from sklearn",
        "tensorflow/keras.md": "load_digits_images",  # scikit-learn's digits, via dlcourse
        "tensorflow/tensors.md": "import matplotlib",
        "tensorflow/autodiff.md": "import matplotlib",
    }
    for name, needle in uses.items():
        path = ROOT / "docs" / name
        assert f"]({name}" in PAGE.read_text()
        code = "\n".join(b.block.code for b in read_page(path, site, Path(name)).blocks)
        assert needle in code, f"{name} runs no code with {needle!r}"


# --- the install command and the commit it names ------------------------------------------


def test_page_writes_the_command_the_hook_rewrites():
    text = PAGE.read_text()
    assert f'pip install "dlcourse @ {site_hooks.DLCOURSE_FROM_GIT}"' in text
    assert site_hooks.DLCOURSE_FROM_GIT.endswith("@main")  # valid as written on GitHub too


class FakeConfig(dict):
    config_file_path = str(ROOT / "mkdocs.yml")


def test_hook_names_the_repository_and_commit_in_github_actions(monkeypatch):
    for key, value in GITHUB.items():
        monkeypatch.setenv(key, value)
    site_hooks.on_config(FakeConfig(extra={}))
    out = site_hooks.on_page_markdown(PAGE.read_text(), None, FakeConfig(), None)
    package = f"dlcourse @ git+https://github.com/someone/learn-keras@{GITHUB['GITHUB_SHA']}"
    assert f'pip install "{package}"' in out
    assert site_hooks.DLCOURSE_FROM_GIT not in out


def test_hook_names_no_commit_elsewhere(monkeypatch):
    # A local commit may never be pushed: the command installs the default branch.
    for key in GITHUB:
        monkeypatch.delenv(key, raising=False)
    config = FakeConfig(extra={}, repo_url="https://github.com/someone/fork/")
    site_hooks.on_config(config)
    out = site_hooks.on_page_markdown(PAGE.read_text(), None, config, None)
    assert 'pip install "dlcourse @ git+https://github.com/someone/fork"' in out


@pytest.mark.slow
def test_built_page_installs_from_the_repository(built_site):
    html = (built_site["dir"] / "setup" / "index.html").read_text()
    shown = BeautifulSoup(html, "html.parser").get_text()
    repo = os.environ.get("REPO_URL") or site_hooks.DEFAULT_REPO
    ref = os.environ.get("GITHUB_SHA") if os.environ.get("GITHUB_ACTIONS") == "true" else None
    assert f'"dlcourse @ git+{repo.rstrip("/")}' + (f"@{ref}" if ref else "") + '"' in shown
