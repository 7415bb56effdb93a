"""Readers can install dlcourse as the Set up page says, and page blocks run with it.

The package is built as a wheel from the project (offline, with the setuptools in this
environment), installed into a fresh virtual environment, and page blocks that import
``dlcourse`` run there with the repository nowhere on the path. NumPy, scikit-learn and the
other dependencies come from this environment's site-packages through ``PYTHONPATH``:
entries there do not process ``.pth`` files, so this environment's editable install of
``dlcourse`` stays invisible, and the test checks that the copy used is the wheel's.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import HeaderParser
from importlib.metadata import distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pages import SiteConfig, read_page

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "dlcourse"
pytestmark = pytest.mark.slow

# Runs each block as the suite does (stderr joined to stdout, a fresh namespace each), all in
# one process, then says which dlcourse the blocks used.
SEPARATOR = "----- next block -----"
RUNNER = f"""
import sys
sys.stderr = sys.stdout
for number, code in enumerate(sys.argv[1:]):
    if number:
        print({SEPARATOR!r})
    exec(compile(code, f"<page block {{number + 1}}>", "exec"), {{"__name__": "__main__"}})
import dlcourse
sys.__stderr__.write("dlcourse from " + dlcourse.__file__ + "\\n")
"""


def _pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy, so the build writes no build/ or egg-info into the repository.
    project = tmp_path_factory.mktemp("project")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    out = tmp_path_factory.mktemp("dist")
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", str(project), "-w", str(out))
    (built,) = out.glob("dlcourse-*.whl")
    return built


@pytest.fixture(scope="module")
def reader_python(wheel, tmp_path_factory) -> Path:
    """A fresh environment with only the wheel installed in it."""
    env = tmp_path_factory.mktemp("reader") / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    _pip("--python", str(python), "install", "--no-deps", "--no-index", str(wheel))
    return python


def _metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return HeaderParser().parsestr(archive.read(name).decode())


def test_wheel_holds_the_package_and_nothing_else(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    modules = {f"dlcourse/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*.py")}
    assert modules <= set(names)
    assert all(n.startswith("dlcourse/") or ".dist-info/" in n for n in names), names


def test_wheel_requires_what_readers_need(wheel):
    required = {
        canonicalize_name(r.name)
        for r in map(Requirement, _metadata(wheel).get_all("Requires-Dist"))
        if r.marker is None  # not an extra
    }
    # What the pages that import dlcourse run with (the Set up page names these).
    assert {"tensorflow", "keras", "numpy", "scikit-learn", "matplotlib"} <= required
    # Every package dlcourse itself imports is declared, so pip installs it.
    imported = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"__future__", "dlcourse"}
    provided = {  # the top-level modules of the required distributions, as installed here
        Path(file.parts[0]).stem
        for name in required
        for file in distribution(name).files or []
        if len(file.parts) > 1 or file.suffix == ".py"
    }
    missing = third_party - provided
    assert not missing, f"dlcourse imports {missing}, which no required distribution provides"


def _first_block(page: str, *needles: str):
    site = SiteConfig.load(ROOT / "mkdocs.yml")
    for block in read_page(ROOT / page, site, Path(page)).blocks:
        code = block.block.code
        if not block.marks and all(n in code for n in needles):
            return block
    raise AssertionError(f"{page} has no block with {needles}")


# Page blocks that import dlcourse, one per module. Keras is left out on purpose: dlcourse
# does not import it, and starting TensorFlow in a fresh process costs about 9 s of CPU.
BLOCKS = [
    ("docs/setup.md", ("from dlcourse.datasets import",)),  # with NumPy and scikit-learn
    ("docs/testing.md", ("from dlcourse.params import",)),
]


def test_page_blocks_run_with_the_installed_wheel(reader_python, tmp_path):
    blocks = [_first_block(page, *needles) for page, needles in BLOCKS]
    site_packages = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PYTHONPATH": os.pathsep.join(site_packages),
    }
    cwd = tmp_path / "empty"
    cwd.mkdir()
    # -s: no user site-packages; -P: neither the working directory nor a script's is on the path.
    done = subprocess.run(
        [str(reader_python), "-s", "-P", "-c", RUNNER, *(b.block.code for b in blocks)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    used = Path(done.stderr.split("dlcourse from ")[-1].strip()).resolve()
    assert used.is_relative_to(reader_python.parent.parent.resolve()), used
    assert not used.is_relative_to(ROOT)
    printed = done.stdout.split(SEPARATOR + "\n")
    assert len(printed) == len(blocks)
    for (page, _), block, output in zip(BLOCKS, blocks, printed, strict=True):
        assert block.block.expected_output is not None, f"{page}: the block shows no output"
        assert _lines(output) == _lines(block.block.expected_output), page


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]
