"""Run a snippet file as a script and hand its variables to a test."""

from __future__ import annotations

import os
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_snippet(relative_path: str, tmp_path: Path | None = None) -> dict:
    """Execute ``snippets/...`` top to bottom (in ``tmp_path`` if given) and return its globals."""
    path = ROOT / relative_path
    if not path.is_file():
        raise FileNotFoundError(f"no snippet file {relative_path}")
    cwd = Path.cwd()
    if tmp_path is not None:
        os.chdir(tmp_path)
    try:
        return runpy.run_path(str(path), run_name="__main__")
    finally:
        os.chdir(cwd)
