"""The block marks a page may use, parsed one way for the test suite and the site build.

A mark is an HTML comment on the line before a code block::

    <!--pytest.mark.skip(reason="needs a GPU")-->
    <!--pytest.mark.xfail(raises=AttributeError, strict=True, reason="gone in TF 2")-->
    <!--pytest.mark.isolated(reason="it picks the backend, before Keras is imported")-->
    <!--pytest.mark.approx(abs=0.03)-->
    <!--pytest.mark.unshown(reason="timings depend on the machine")-->

``unshown`` is for a block whose printed output depends on the reader's machine (timings):
the page shows no output, says why in a note, and the suite runs the block without
comparing what it prints. Any other block that prints must show its output.

``approx`` is for a block whose output holds numbers that come out of training (or long
floating-point sums): each number written with a decimal point may differ from the one
shown by up to ``abs``, or by the wider tolerance ``lines={"text": abs}`` gives the lines
containing that text; the rest (words, integers, the number of decimals) is compared
exactly, and the page shows readers the tolerance under the output. Its figures must look
the same, except in at most ``area`` (a share, below 0.01) of their pixels.

Only a single ``pytest.mark.NAME`` or ``pytest.mark.NAME(...)`` is accepted: an
expression such as ``pytest.mark.isolated and pytest.mark.skip`` evaluates to one
of its parts and would hide a skip from readers, so it is refused.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

COMMENT = re.compile(r"^(?P<indent>[ \t]*)<!--\s*(?P<expr>pytest\.mark\b.*?)\s*-->\s*$")
# A number written with a decimal point: what an ``approx`` mark compares within its tolerance.
DECIMAL = re.compile(r"-?\d+\.(?P<decimals>\d+)(?:[eE][-+]?\d+)?")
# pytest-codeblocks' marker before the output of the block (chain) above it.
OUTPUT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:expected-output[-\s]*-->\s*$")
KINDS = {"skip", "xfail", "isolated", "approx", "unshown"}
APPROX_ARGS = {"abs", "lines", "area"}
# The note the site shows above a block with each kind of mark: (admonition type, title).
NOTES = {
    "skip": ("warning", "Not run by the test suite"),
    "xfail": ("failure", "This example raises an error on purpose"),
    "unshown": ("info", "Output not shown"),
    "isolated": ("info", "Run in a fresh session"),
}
# The notes of blocks that do not run (``xfail`` and ``unshown`` blocks run).
NOT_RUN = {"skip"}


class MarkError(ValueError):
    """A mark comment that the suite refuses; the message says what to write instead."""


@dataclass
class Mark:
    kind: str
    expr: str  # the expression, for pytest
    reason: str | None = None
    raises: str | None = None  # xfail: the source text of raises=...
    tolerance: float | None = None  # approx: abs=...
    lines: dict[str, float] = field(default_factory=dict)  # approx: a wider abs on some lines
    area: float = 0.0  # approx: the share of a figure that may look different


def parse_mark(expr: str) -> Mark:
    """Parse the text inside ``<!--...-->``; raise MarkError if the suite would not honour it."""
    try:
        node = ast.parse(expr.strip(), mode="eval").body
    except SyntaxError as err:
        raise MarkError(f"<!--{expr}--> is not valid Python: {err.msg}") from None
    call = node if isinstance(node, ast.Call) else None
    target = call.func if call else node
    if not (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "mark"
        and isinstance(target.value.value, ast.Name)
        and target.value.value.id == "pytest"
    ):
        raise MarkError(
            f"<!--{expr}--> must be a single mark, pytest.mark.NAME(...); "
            "put each mark in its own comment"
        )
    kind = target.attr
    if kind not in KINDS:
        raise MarkError(f"<!--{expr}-->: unknown mark {kind!r}; use one of {sorted(KINDS)}")
    keywords = {k.arg: k.value for k in (call.keywords if call else []) if k.arg}
    mark = Mark(kind, expr.strip())
    reason = keywords.get("reason")
    if isinstance(reason, ast.Constant) and isinstance(reason.value, str):
        mark.reason = " ".join(reason.value.split()) or None
    if kind in NOTES and not mark.reason:
        raise MarkError(
            f'<!--{expr}--> needs reason="..." with some words in it; '
            "the page shows the reason to readers"
        )
    if kind == "xfail":
        raises = keywords.get("raises")
        strict = keywords.get("strict")
        run = keywords.get("run")
        if raises is None:
            raise MarkError(
                f"<!--{expr}--> needs raises=TheError: without it any error, a typo's "
                "NameError included, would count as the expected one"
            )
        if not (isinstance(strict, ast.Constant) and strict.value is True):
            raise MarkError(
                f"<!--{expr}--> needs strict=True, so a block that stops raising fails the suite"
            )
        if run is not None:
            raise MarkError(f"<!--{expr}-->: run= is refused; an xfail block must run")
        mark.raises = ast.unparse(raises)
    if kind == "approx":
        _approx(expr, call, keywords, mark)
    if kind == "isolated" and ((call and call.args) or set(keywords) - {"reason"}):
        raise MarkError(
            f'<!--{expr}--> takes only reason="...": the block runs in a fresh kernel with the '
            "environment every page has; code that needs a variable sets it itself, where "
            "readers see it"
        )
    return mark


def _number(expr: str, name: str, node: ast.expr, below: float) -> float:
    value = node.value if isinstance(node, ast.Constant) else None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < below:
        raise MarkError(
            f"<!--{expr}-->: {name} must be a number above 0 and below {below:g}; a larger "
            "one would let a wrong result through"
        )
    return float(value)


def _approx(expr: str, call: ast.Call | None, keywords: dict, mark: Mark) -> None:
    """``abs=`` (required), ``lines={"text": abs, ...}`` and ``area=``, checked."""
    if call is None or call.args or "abs" not in keywords or set(keywords) - APPROX_ARGS:
        raise MarkError(
            f"<!--{expr}--> takes abs=... (how far each decimal number in the output may be "
            'from the one shown) and, optionally, lines={"text on the line": abs, ...} and '
            "area=... (the share of a figure that may look different)"
        )
    mark.tolerance = _number(expr, "abs", keywords["abs"], 1)
    lines = keywords.get("lines")
    if lines is not None:
        if not isinstance(lines, ast.Dict) or not all(
            isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.strip()
            for k in lines.keys
        ):
            raise MarkError(f'<!--{expr}-->: lines must be a dict such as {{"p = ": 0.2}}')
        mark.lines = {
            k.value: _number(expr, f"lines[{k.value!r}]", v, 1)
            for k, v in zip(lines.keys, lines.values, strict=True)
        }
    if "area" in keywords:
        mark.area = _number(expr, "area", keywords["area"], 0.01)


def tolerance_text(mark: Mark) -> str:
    """What the page says under an ``approx`` block's output."""
    text = (
        "These numbers come from training. On your computer each number with a decimal "
        f"point may differ from the one shown by up to {mark.tolerance:g}"
    )
    wider = [f'{tolerance:g} on lines with "{part}"' for part, tolerance in mark.lines.items()]
    text += f" (up to {', '.join(wider)})." if wider else "."
    if mark.area:
        text += " The figures drawn from the same training may differ in a detail too."
    return text


def note(mark: Mark) -> tuple[str, str, str] | None:
    """(admonition type, title, text) of the note a page shows above the block, if any."""
    if mark.kind not in NOTES:
        return None
    kind, title = NOTES[mark.kind]
    text = mark.reason or ""
    if mark.kind == "xfail":
        text = f"Expected error: `{mark.raises}`. {text}"
    if mark.kind == "isolated":
        text = (
            f"This block must start a new Python process: {text} In a notebook, restart "
            "the runtime (Colab: Runtime > Restart session) before you run it."
        )
    return kind, title, text
