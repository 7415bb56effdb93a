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
