"""The exact versions requirements/constraints.txt pins, read one way by tasks.py (bump,
--oldest), the site build (the footer's "verified with") and the test suite (whether the
figures it draws can be compared with the committed ones). Standard library only."""

from __future__ import annotations

import re
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$", re.M)


def normalized(name: str) -> str:
    """A package name as pip compares them: ``Scikit_Learn`` -> ``scikit-learn``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(constraints: Path) -> dict[str, str]:
    """``{"tensorflow": "2.21.0", ...}``: each package's pinned version."""
    return {normalized(name): version for name, version in PIN.findall(constraints.read_text())}


def read_bounds(pyproject: Path) -> dict[str, str]:
    """``{"tensorflow": "2.20", ...}``: the lower bound of each requirement pyproject.toml
    lists as ``name>=version``."""
    import tomllib

    if not pyproject.is_file():
        return {}
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    found = (
        re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", d.split(";")[0])
        for d in dependencies
    )
    return {normalized(m[1]): m[2] for m in found if m}
