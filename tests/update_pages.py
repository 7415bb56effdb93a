"""``--update-outputs``: write the outputs the run printed onto the pages.

The compare stage records each change (``EDITS``); at the end of the session they are
written, each file's from the bottom up so that line numbers stay right.
"""

from __future__ import annotations

import re
from pathlib import Path

from pages import normal_code

EXPECTED_OUTPUT = "<!--pytest-codeblocks:expected-output-->"

# An object's address in its repr (``<History at 0x7f3c...>``) differs from run to run.
ADDRESS = re.compile(r"\b0x[0-9a-f]{8,16}\b")


def for_page(printed: str) -> str:
    """What ``update`` writes on the page: the run's output, addresses elided."""
    return ADDRESS.sub("0x...", normal_code(printed)).rstrip()


ANNOTATION = re.compile(r"^(\s*)\d+\.\s")


def after_annotations(source: list[str], close: int) -> int:
    """Where an output block goes: after the closing fence on line ``close`` (1-based) and
    after the numbered annotations that follow it, which Material attaches to the block."""
    at = close
    following = next((i for i in range(close, len(source)) if source[i].strip()), None)
    item = following is not None and ANNOTATION.match(source[following])
    if not item:
        return at
    depth = len(item.group(1))
    for i in range(following, len(source)):
        line = source[i]
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent > depth or (indent == depth and ANNOTATION.match(line)):
            at = i + 1
        else:
            break
    return at


def write_edits(edits: list) -> None:
    """Write the recorded outputs: a new output block whole, an old one's lines replaced."""
    by_file: dict[Path, list] = {}
    for path, fence_line, length, printed in edits:
        by_file.setdefault(path, []).append((fence_line, length, printed))
    for path, changes in by_file.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        for fence_line, length, printed in sorted(changes, reverse=True, key=lambda c: c[0]):
            if isinstance(printed, list):  # a new output block, written whole
                lines[fence_line:fence_line] = printed
                continue
            indent = re.match(r"^\s*", lines[fence_line - 1]).group(0)
            new = [indent + line if line else line for line in for_page(printed).split("\n")]
            lines[fence_line : fence_line + length] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"\nupdated {len(changes)} expected output(s) in {path}")
