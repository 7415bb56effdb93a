"""Read a docs page the way the built site shows it.

Snippets are expanded with pymdownx's own preprocessor, configured from
``mkdocs.yml``; every line of the result is mapped back to the line of the page
it came from, so failures can name ``docs/page.md:LINE``. Code blocks are found
with pytest-codeblocks' parser, so its markers (``cont``, ``expected-output``,
``pytest.mark.*``) mean what they mean there.
"""

from __future__ import annotations

import difflib
import io
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
import yaml
from pymdownx.snippets import SnippetMissingError
from pytest_codeblocks import CodeBlock, extract_from_buffer

# Languages a reader sees highlighted as Python: every such block must run. Only plain
# Python source can; a console session (pycon) or IPython syntax is reported instead.
PYTHON_LANGS = {"python", "py", "python3", "py3", "pycon", "ipython", "ipython3", "pyi"}
RUNNABLE_LANGS = {"python", "py", "python3", "py3"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*)$")
CONT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:cont[-\s]*-->\s*$")
OUTPUT = re.compile(
    r"^\s*<!--[-\s]*pytest-codeblocks:expected-output(-ignore-whitespace)?[-\s]*-->\s*$"
)
SNIPPET_LINE = re.compile(r"-{1,}8<-{1,}\s*[\"']?(?P<target>[^\"'\s]*)")


class PageError(Exception):
    """A problem with a page, reported as ``path:line: message``."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class _IgnoreTags(yaml.SafeLoader):
    """Loads mkdocs.yml without running its ``!ENV`` or ``!!python/name`` tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    snippets: dict

    @classmethod
    @cache
    def load(cls, config_file: Path) -> SiteConfig:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTags)
        root = config_file.parent
        snippets: dict = {}
        for ext in config.get("markdown_extensions", []):
            if isinstance(ext, dict) and "pymdownx.snippets" in ext:
                snippets = dict(ext["pymdownx.snippets"] or {})
        base = snippets.get("base_path", ["."])
        base = [base] if isinstance(base, str) else base
        snippets["base_path"] = [str((root / b).resolve()) for b in base]
        return cls(root, (root / config.get("docs_dir", "docs")).resolve(), snippets)


@dataclass
class Fence:
    """One fenced block in the expanded page, with where it came from."""

    line: int  # 1-based line of the opening fence in the expanded text
    char: str  # "`" or "~"
    lang: str
    code_lines: int
    after_cont: bool = False
    after_output: bool = False


@dataclass
class Block:
    """What one test item runs: a code block plus its ``cont`` continuations."""

    block: CodeBlock
    lang: str
    fences: list[Fence]
    output_fence: Fence | None = None
    marks: list[str] = field(default_factory=list)


@dataclass
class Page:
    path: Path  # as shown in messages: relative to the project root
    source: list[str]
    expanded: list[str]
    origin: list[tuple[int, str | None]]  # expanded line -> (page line, snippet target or None)
    blocks: list[Block]
    unexecuted: list[Fence]

    def where(self, expanded_line: int) -> str:
        """``path:line`` of the page line an expanded line came from, plus the snippet if any."""
        line, snippet = self.origin[expanded_line - 1]
        return f"{self.path}:{line}" + (f" (from snippet {snippet})" if snippet else "")

    def page_line(self, expanded_line: int) -> int:
        return self.origin[expanded_line - 1][0]


def lang_of(info: str) -> str:
    info = info.strip()
    if info.startswith("{"):
        m = re.search(r"\.([\w+-]+)", info)
        return m.group(1).lower() if m else ""
    return re.split(r"[\s{]", info, maxsplit=1)[0].lower()


def expand(text: str, config: SiteConfig) -> list[str]:
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": config.snippets}
    )
    return md.preprocessors["snippet"].run(text.split("\n"))


def map_origin(source: list[str], expanded: list[str]) -> list[tuple[int, str | None]]:
    """For each expanded line, the 1-based page line it came from (a snippet's lines map to
    the ``--8<--`` line that included them)."""
    origin: list[tuple[int, str | None]] = [(1, None)] * len(expanded)
    matcher = difflib.SequenceMatcher(None, source, expanded, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                origin[j1 + k] = (i1 + k + 1, None)
        elif tag in {"replace", "insert"}:
            directive = next(
                (i for i in range(i1, max(i2, i1 + 1)) if i < len(source) and "8<" in source[i]),
                min(i1, len(source) - 1),
            )
            m = SNIPPET_LINE.search(source[directive]) if source else None
            target = m.group("target") if m and m.group("target") else "block"
            for k in range(j1, j2):
                origin[k] = (directive + 1, target)
    return origin


def find_fences(lines: list[str]) -> list[Fence]:
    """Every fenced block (backticks or tildes, at any indent), with the marker before it."""
    fences, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, indent = m.group("fence"), len(m.group("indent"))
        j = i + 1
        while j < len(lines):
            close = FENCE.match(lines[j])
            if (
                close
                and close.group("fence")[0] == fence[0]
                and len(close.group("fence")) >= len(fence)
                and not close.group("info").strip()
                and len(close.group("indent")) <= indent + 3
            ):
                break
            j += 1
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        before = lines[k] if k >= 0 else ""
        fences.append(
            Fence(
                line=i + 1,
                char=fence[0],
                lang=lang_of(m.group("info")),
                code_lines=j - i - 1,
                after_cont=bool(CONT.match(before)),
                after_output=bool(OUTPUT.match(before)),
            )
        )
        i = j + 1
    return fences


def read_page(path: Path, config: SiteConfig, shown_as: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    source = text.split("\n")
    try:
        expanded = expand(text, config)
    except SnippetMissingError as err:
        raise PageError(shown_as, _line_naming(source, str(err)), f"snippet error: {err}") from None
    origin = map_origin(source, expanded)
    if expanded and expanded[0].strip() == "<!--pytest-codeblocks:skipfile-->":
        raise PageError(
            shown_as,
            1,
            "skipfile hides every block on the page; mark single blocks with "
            '<!--pytest.mark.skip(reason="...")--> and say why on the page',
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            parsed = extract_from_buffer(io.StringIO("\n".join(expanded) + "\n"))
        except (RuntimeError, DeprecationWarning) as err:
            line = _second_output_line(find_fences(expanded), origin)
            hint = " (a cont chain has one expected-output block, after its last block)"
            raise PageError(
                shown_as,
                line or 1,
                f"pytest-codeblocks could not read the page: {err}" + (hint if line else ""),
            ) from None
    fences = find_fences(expanded)
    blocks = _group(fences, parsed, shown_as)
    executed = {f.line for b in blocks if b.lang in RUNNABLE_LANGS for f in b.fences}
    outputs = {b.output_fence.line for b in blocks if b.output_fence}
    unexecuted = [
        f
        for f in fences
        if f.lang in PYTHON_LANGS and f.line not in executed and f.line not in outputs
    ]
    page = Page(shown_as, source, expanded, origin, blocks, unexecuted)
    return page


def _second_output_line(fences: list[Fence], origin: list) -> int | None:
    """The page line of an expected-output block given to a chain that already has one."""
    has_output = False
    for fence in fences:
        if fence.char != "`":
            continue
        if fence.after_output:
            if has_output:
                return origin[fence.line - 1][0]
            has_output = True
        elif not fence.after_cont:
            has_output = False
    return None


def _line_naming(source: list[str], message: str) -> int:
    """The first snippet line of the page that names the file or section in ``message``."""
    quoted = re.findall(r"'([^']+)'", message)
    for name in quoted:
        for i, line in enumerate(source, 1):
            if "8<" in line and Path(name).name in line:
                return i
    return next((i for i, line in enumerate(source, 1) if "8<" in line), 1)


def _group(fences: list[Fence], parsed: list[CodeBlock], path: Path) -> list[Block]:
    """Match pytest-codeblocks' merged blocks to the fences they were made from.

    pytest-codeblocks reads backtick fences only; a Python block behind tildes stays
    out of every group and is reported as unexecuted.
    """
    by_line = {block.lineno: block for block in parsed}
    groups: list[Block] = []
    for fence in fences:
        if fence.char != "`":
            continue
        if fence.after_cont and groups:
            groups[-1].fences.append(fence)
        elif fence.after_output and groups:
            groups[-1].output_fence = fence
        elif fence.line in by_line:
            block = by_line[fence.line]
            groups.append(Block(block, fence.lang, [fence], marks=list(block.marks)))
    if len(groups) != len(parsed):
        raise PageError(path, 1, "could not match code blocks to fences; is a fence left open?")
    return groups
