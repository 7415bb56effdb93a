"""Claims the Set up page makes: the versions it states are the pins, and the install
command names the commit the site is built from."""

import os
import re
import subprocess
from importlib.metadata import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pages import SiteConfig, read_page
from snippet_runner import ROOT, run_snippet

from tools import site_hooks

PAGE = ROOT / "docs" / "setup.md"
# The packages the page gives a version for: those a reader installs.
STATED = {"tensorflow", "keras", "scikit-learn", "matplotlib", "jax", "torch"}
STALE = (
    "requirements/constraints.txt pins another version: update the page and its snippets, "
    "then `python3 tasks.py update docs/setup.md`"
)


def pins() -> dict[str, str]:
    lines = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    pairs = (line.split("==") for line in lines if "==" in line and not line.startswith("#"))
    return {name.strip().lower().replace("_", "-"): version.strip() for name, version in pairs}


def test_table_states_the_pinned_versions():
    table = dict(re.findall(r"^\| `([\w.-]+)` \| ([^ |]+) \|", PAGE.read_text(), re.M))
    assert set(table) == STATED
    pinned = pins()
    for name, version in table.items():
        assert version == pinned[name], f"docs/setup.md states {name} {version}; {STALE}"


def test_every_install_command_pins_what_the_suite_runs():
    commands = re.findall(r"\"([a-z][\w.-]*)(?:\[[\w,-]+\])?==([^\"]+)\"", PAGE.read_text())
    assert {name for name, _ in commands} == STATED
    pinned = pins()
    for name, version in commands:
        assert version == pinned[name], f"docs/setup.md installs {name}=={version}; {STALE}"


def test_version_check_compares_with_the_pins(capsys):
    verified = run_snippet("snippets/setup/check_install.py")["verified"]
    pinned = pins()
    assert {name.lower() for name in verified} == {
        "tensorflow",
        "keras",
        "scikit-learn",
        "matplotlib",
    }
    for name, (_, tested) in verified.items():
        assert tested == pinned[name.lower()], f"the version check uses {name} {tested}; {STALE}"


def test_python_version_is_what_keras_requires_and_ci_runs():
    text = " ".join(PAGE.read_text().split())
    keras, python = re.search(r"Keras (\d+\.\d+) needs Python (\d+\.\d+) or newer", text).groups()
    assert pins()["keras"].startswith(keras + ".")
    assert metadata("keras")["Requires-Python"] == f">={python}"
    ci = re.search(r"the suite runs on Python (\d+\.\d+)", text).group(1)
    assert f'python-version: "{ci}"' in (ROOT / ".github" / "workflows" / "test.yml").read_text()


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


def _head() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True)
    except OSError:
        return None
    return done.stdout.decode().strip() if done.returncode == 0 else None


class FakeConfig(dict):
    config_file_path = str(ROOT / "mkdocs.yml")


def test_hook_names_the_repository_and_commit(tmp_path):
    commit = _head() or "main"
    assert site_hooks.built_commit(ROOT) == commit
    assert site_hooks.built_commit(tmp_path) == "main"  # not a git checkout
    site_hooks.on_config(FakeConfig(extra={}))
    config = FakeConfig(repo_url="https://github.com/someone/fork/")
    out = site_hooks.on_page_markdown(PAGE.read_text(), None, config, None)
    assert f'pip install "dlcourse @ git+https://github.com/someone/fork@{commit}"' in out
    assert site_hooks.DLCOURSE_FROM_GIT not in out


@pytest.mark.slow
def test_built_page_installs_from_the_built_commit(built_site):
    html = (built_site["dir"] / "setup" / "index.html").read_text()
    shown = BeautifulSoup(html, "html.parser").get_text()
    repo = os.environ.get("REPO_URL") or site_hooks.DEFAULT_REPO
    assert f'"dlcourse @ git+{repo.rstrip("/")}@{_head() or "main"}"' in shown
