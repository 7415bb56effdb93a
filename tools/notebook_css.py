"""Leave out of a notebook page the JupyterLab CSS that styles nothing on it.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (about 570 KB) in every notebook page,
for a page that uses some thirty of its classes: the browser parses all of it and matches
every element against it. JupyterLab's classes (``jp-*``, Lumino's ``lm-*`` and the others
in ``BUILD_TIME_CLASS``) come only from nbconvert's HTML, at build time: no script on the
site adds one. So a rule whose every selector names such a class that the page does not
have can match nothing, and goes; so does a ``--jp-*`` custom property that nothing left
refers to. Everything else stays.
"""

from __future__ import annotations

import dataclasses
import functools
import re

import tinycss2

STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
# The namespaces of JupyterLab and what it is built on (Lumino and PhosphorJS, Blueprint,
# CodeMirror, Jupyter widgets) and of nbconvert's ANSI colours: only nbconvert's HTML has
# them. Any other class may be added by a script, so a rule that names one stays.
BUILD_TIME_CLASS = re.compile(
    r"\.((?:jp|lm|bp3|cm|jupyter|widget|ansi)-[\w-]+|CodeMirror[\w-]*|p-[A-Z][\w-]*)"
)
# What a selector inside these requires is optional or negated: not a class it must have.
FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any)\(")
READ_PROPERTY = re.compile(r"var\(\s*(--jp-[\w-]+)")
DECLARED_PROPERTY = re.compile(r"(--jp-[\w-]+)\s*:")
GROUPED = {"media", "supports", "layer", "container", "document"}


def without_functional(selector: str) -> str:
    """The selector without what its ``:not(...)``-like pseudo-classes hold."""
    out, depth, i = [], 0, 0
    while i < len(selector):
        match = FUNCTIONAL.match(selector, i) if depth == 0 else None
        if match:
            depth, i = 1, match.end()
            continue
        char = selector[i]
        if depth:
            depth += {"(": 1, ")": -1}.get(char, 0)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def may_match(selector: str, classes: set[str]) -> bool:
    needed = BUILD_TIME_CLASS.findall(without_functional(selector))
    return all(name in classes for name in needed)


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return [*parts, prelude[start:]]


@dataclasses.dataclass(frozen=True)
class Rule:
    """A style rule: its selectors, and its declarations as (property name, text)."""

    selectors: tuple[str, ...]
    prelude: str
    declarations: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class Block:
    """A grouping rule (``@media``, ``@supports``) and the rules inside it."""

    header: str
    children: tuple


@functools.cache
def parsed(css: str) -> tuple:
    """The stylesheet as Rules, Blocks and other at-rules (text); parse errors, which a
    browser skips too, left out. Cached: every notebook page carries the same sheet."""
    return _parsed(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _parsed(nodes) -> tuple:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            prelude = tinycss2.serialize(node.prelude)
            declarations = tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True
            )
            out.append(
                Rule(
                    tuple(split_selectors(prelude)),
                    prelude,
                    tuple(
                        (d.name, tinycss2.serialize([d]))
                        for d in declarations
                        if d.type == "declaration"  # a browser skips what does not parse
                    ),
                )
            )
        elif node.type == "at-rule" and node.lower_at_keyword in GROUPED and node.content:
            children = tinycss2.parse_rule_list(
                node.content, skip_comments=True, skip_whitespace=True
            )
            out.append(
                Block(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", _parsed(children))
            )
        elif node.type == "at-rule":
            out.append(tinycss2.serialize([node]))
    return tuple(out)


def _kept(nodes: tuple, classes: set[str]) -> list:
    """The rules that may style a page with these classes."""
    kept = []
    for node in nodes:
        if isinstance(node, Rule):
            if any(may_match(s, classes) for s in node.selectors):
                kept.append(node)
        elif isinstance(node, Block):
            children = _kept(node.children, classes)
            if children:
                kept.append(Block(node.header, tuple(children)))
        else:
            kept.append(node)
    return kept


def _serialize(nodes, unread: set[str]) -> str:
    """The rules as CSS, without the declarations of the properties in ``unread``."""
    out = []
    for node in nodes:
        if isinstance(node, Rule):
            body = "".join(text for name, text in node.declarations if name not in unread)
            out.append(f"{node.prelude}{{{body}}}")
        elif isinstance(node, Block):
            out.append(f"{node.header}{{{_serialize(node.children, unread)}}}")
        else:
            out.append(node)
    return "\n".join(out)


def prune(page: str, also_read: str = "") -> str:
    """The page with its inline stylesheets cut to the rules that can style it.
    ``also_read``: the site's own CSS, whose ``var()`` reads keep a property."""
    classes = {name for value in CLASS_ATTR.findall(page) for name in value.split()}
    sheets = [_kept(parsed(m.group(2)), classes) for m in STYLE.finditer(page)]
    unread: set[str] = set()
    while True:  # a property read only by one that goes, goes too
        text = also_read + "".join(_serialize(sheet, unread) for sheet in sheets)
        declared = set(DECLARED_PROPERTY.findall(text))
        now_unread = unread | (declared - set(READ_PROPERTY.findall(text)))
        if now_unread == unread:
            break
        unread = now_unread
    pruned = iter(sheets)
    return STYLE.sub(lambda m: m.group(1) + _serialize(next(pruned), unread) + m.group(3), page)
