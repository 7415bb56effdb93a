import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> dict:
    """The real site, built once with ``mkdocs build --strict`` while recording imports."""
    site = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - start
    imports = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    log = "\n".join(line for line in done.stderr.splitlines() if "import time:" not in line)
    return {
        "dir": site,
        "returncode": done.returncode,
        "log": log,
        "imports": imports,
        "seconds": seconds,
    }
