"""What a page shows under its blocks, for page tests that check claims about it.

The suite compares every expected-output block with what its block printed in the same
session, so a page test can read a trained number from the page instead of training the
model a second time. One reader for every page test, built on the suite's own fence
parser (``pages.find_fences``), so it agrees with what the suite compares.
"""

from __future__ import annotations

from pathlib import Path

from pages import find_fences


def outputs(page: Path) -> list[tuple[int, str]]:
    """``(line of the opening fence, text)`` of each expected-output block, in page order."""
    lines = page.read_text(encoding="utf-8").split("\n")
    return [(fence.line, fence.text) for fence in find_fences(lines) if fence.after_output]


def output_after(page: Path, marker: str) -> str:
    """The first expected-output block at or after the first page line containing
    ``marker`` (a heading's ``{ #anchor }``, an include, or a line of the output itself).
    Lines are dedented, as the reader sees them."""
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next((n for n, line in enumerate(lines, 1) if marker in line), None)
    if at is None:
        raise LookupError(f"{page}: no line contains {marker!r}")
    for fence in find_fences(lines):
        inside = fence.line <= at <= fence.line + fence.code_lines
        if fence.after_output and (fence.line >= at or inside):
            return "\n".join(line.strip() for line in fence.text.splitlines())
    raise LookupError(f"{page}: no expected output at or after {marker!r} (line {at})")
