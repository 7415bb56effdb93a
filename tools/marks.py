"""The block marks a page may use, parsed one way for the test suite and the site build.

A mark is an HTML comment on the line before a code block::

    <!--pytest.mark.skip(reason="needs a GPU")-->
    <!--pytest.mark.xfail(raises=AttributeError, strict=True, reason="gone in TF 2")-->
    <!--pytest.mark.isolated(env={"KERAS_BACKEND": "jax"})-->
    <!--pytest.mark.approx(abs=0.03)-->

``approx`` is for a block whose output holds numbers that come out of training: each
number written with a decimal point may differ from the one shown by up to ``abs``; the
rest (words, integers, the number of decimals) is compared exactly, and the page shows
readers the tolerance under the output.

Only a single ``pytest.mark.NAME`` or ``pytest.mark.NAME(...)`` is accepted: an
expression such as ``pytest.mark.isolated and pytest.mark.skip`` evaluates to one
of its parts and would hide a skip from readers, so it is refused.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

COMMENT = re.compile(r"^(?P<indent>[ \t]*)<!--\s*(?P<expr>pytest\.mark\b.*?)\s*-->\s*$")
# pytest-codeblocks' marker before the output of the block (chain) above it.
OUTPUT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:expected-output[-\s]*-->\s*$")
KINDS = {"skip", "skipif", "xfail", "isolated", "approx"}
# The note the site shows above a block with each kind of mark: (admonition type, title).
NOTES = {
    "skip": ("warning", "Not run by the test suite"),
    "skipif": ("warning", "Not always run by the test suite"),
    "xfail": ("failure", "This example raises an error on purpose"),
}


class MarkError(ValueError):
    """A mark comment that the suite refuses; the message says what to write instead."""


@dataclass
class Mark:
    kind: str
    expr: str  # the expression, for pytest
    reason: str | None = None
    raises: str | None = None  # xfail: the source text of raises=...
    tolerance: float | None = None  # approx: abs=...


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
        mark.tolerance = _tolerance(expr, call, keywords)
    if kind == "skipif" and not (call and call.args):
        raise MarkError(f"<!--{expr}--> needs a condition as its first argument")
    return mark


def _tolerance(expr: str, call: ast.Call | None, keywords: dict) -> float:
    value = keywords.get("abs")
    if call is None or call.args or set(keywords) != {"abs"}:
        raise MarkError(
            f"<!--{expr}--> takes one argument, abs=...: how far each decimal number in the "
            "output may be from the one shown"
        )
    number = value.value if isinstance(value, ast.Constant) else None
    if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 < number < 1:
        raise MarkError(
            f"<!--{expr}-->: abs must be a number between 0 and 1, such as abs=0.03; a "
            "larger one would let a wrong number through"
        )
    return float(number)


def tolerance_text(mark: Mark) -> str:
    """What the page says under an ``approx`` block's output."""
    return (
        f"These numbers come from training. On your computer each number with a decimal "
        f"point may differ from the one shown by up to {mark.tolerance:g}."
    )


def note(mark: Mark) -> tuple[str, str, str] | None:
    """(admonition type, title, text) of the note a page shows above the block, if any."""
    if mark.kind not in NOTES:
        return None
    kind, title = NOTES[mark.kind]
    text = mark.reason or ""
    if mark.kind == "xfail":
        text = f"Expected error: `{mark.raises}`. {text}"
    return kind, title, text
