"""Read a docs page the way the built site shows it.

Snippets are expanded with pymdownx's own preprocessor, configured from
``mkdocs.yml``; every line of the result is mapped back to the line of the page
it came from, so failures can name ``docs/page.md:LINE``. Code blocks are the fences
``find_fences`` reads, as the site renders them; their code is what the page's program
runs (``tools/program.py``). pytest-codeblocks' parser reads the page too, so that its
markers (``cont``, ``expected-output``, ``pytest.mark.*``) mean what they mean there,
and the two must agree on every block.

The checks here read Markdown and give early, precise messages. The guarantee
itself is checked on the built HTML (``html_check.py``).
"""

from __future__ import annotations

import difflib
import html
import io
import itertools
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
import pathspec
import yaml
from marks import COMMENT, OUTPUT, Mark, MarkError, parse_mark
from mkdocs.utils import markdown_extensions
from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class_by_name
from pygments.lexers.python import CythonLexer, Python2Lexer, PythonConsoleLexer, PythonLexer
from pygments.lexers.shell import ShellSessionBaseLexer
from pygments.lexers.special import OutputLexer, TextLexer
from pygments.util import ClassNotFound
from pymdownx.snippets import SnippetMissingError
from pytest_codeblocks import CodeBlock, extract_from_buffer

# pytest-codeblocks' runnable languages; every other language Pygments highlights as Python
# is reported with its line, because a reader would see it as Python that never ran.
RUNNABLE_LANGS = {"python", "py", "python3", "py3"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*)$")
CODEBLOCKS_COMMENT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:(?P<keyword>.*?)[-\s]*-->\s*$")
CONT = re.compile(r"^\s*<!--[-\s]*pytest-codeblocks:cont[-\s]*-->\s*$")
SNIPPET_LINE = re.compile(r"-{1,}8<-{1,}\s*[\"']?(?P<target>[^\"'\s]*)")
SNIPPET_INLINE = re.compile(r"^\s*(?<!;)-{1,}8<-{1,}[ \t]+[\"'](?P<target>[^\"']+)[\"']")
SNIPPET_BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
LINE_RANGE = re.compile(r":-?\d*(?::-?\d*)?(?:,-?\d*(?::-?\d*)?)*$")
DEFAULT_EXCLUDE = [".*", "/templates/"]  # MkDocs' own, before exclude_docs


class PageError(Exception):
    """A problem with a page, reported as ``path:line: message``."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class _IgnoreTags(yaml.SafeLoader):
    """Loads mkdocs.yml without running its ``!ENV`` or ``!!python/name`` tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """MkDocs' ``!ENV [NAME, ..., default]``: the first variable set, else the default."""
    values = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    found = [os.environ[v] for v in values[:-1] if isinstance(v, str) and v in os.environ]
    if len(values) == 1:
        return os.environ.get(values[0])
    return found[0] if found else values[-1]


_IgnoreTags.add_constructor("!ENV", _env)
_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _load_yaml(config_file: Path) -> dict:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        base = _load_yaml((config_file.parent / parent).resolve())
        config = {**base, **config}
    return config


def nav_pages(config_file: Path, sections: tuple[str, ...] = ()) -> list[str]:
    """The pages of the site's nav, in order, as paths under ``docs_dir``; with
    ``sections``, only those under the top-level sections of these titles."""

    def walk(items, top: bool):
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if top and sections and title not in sections:
                continue
            if isinstance(value, list):
                yield from walk(value, False)
            elif isinstance(value, str) and not re.match(r"\w+://", value):
                yield value

    return list(walk(_load_yaml(config_file).get("nav", []), True))


def reading_words(page: Path) -> int:
    """The words a reader reads on a page: its Markdown (or a notebook's Markdown
    cells) without code blocks and HTML comments (the suite's markers)."""
    if page.suffix == ".ipynb":
        cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = page.read_text(encoding="utf-8")
    text = re.sub(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2", "", text, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return len(text.split())


# The sections of mkdocs.yml's nav that make the course's path, in the order a learner
# walks them (the home page's reading times; the lessons' Next links).
PATH_SECTIONS = (
    "Start here",
    "Neural networks",
    "Convolutional networks",
    "Assignment",
    "Under the hood: TensorFlow",
    "Going further",
)
WORDS_A_MINUTE = 200


def reading_time_table(config_file: Path, docs_dir: Path, sections: tuple[str, ...]) -> str:
    """A Markdown table of each nav section's pages and reading time: its pages' words at
    WORDS_A_MINUTE, rounded to ten minutes (at least ten)."""
    rows = ["| Section | Pages | Reading time |", "| --- | --- | --- |"]
    for title in sections:
        pages = nav_pages(config_file, (title,))
        if not pages:
            raise ValueError(f"{config_file}: the nav has no section {title!r}")
        words = sum(reading_words(docs_dir / page) for page in pages)
        minutes = max(10, 10 * round(words / WORDS_A_MINUTE / 10))
        rows.append(f"| {title} | {len(pages)} | about {minutes} min |")
    return "\n".join(rows)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    config_file: Path
    docs_dir: Path
    snippets: dict
    diagram_classes: frozenset[str]  # names and classes of superfences' custom fences (diagrams)
    exclude: tuple[str, ...]
    repo_url: str | None = None

    @classmethod
    @cache
    def load(cls, config_file: Path) -> SiteConfig:
        config = _load_yaml(config_file)
        root = config_file.parent
        snippets: dict = {}
        classes: set[str] = set()
        for ext in config.get("markdown_extensions", []):
            if isinstance(ext, dict) and "pymdownx.snippets" in ext:
                snippets = dict(ext["pymdownx.snippets"] or {})
            if isinstance(ext, dict) and "pymdownx.superfences" in ext:
                for fence in (ext["pymdownx.superfences"] or {}).get("custom_fences", []):
                    classes.update({fence.get("name"), fence.get("class", fence.get("name"))})
        base = snippets.get("base_path", ["."])
        base = [base] if isinstance(base, str) else base
        snippets["base_path"] = [str((root / b).resolve()) for b in base]
        exclude = str(config.get("exclude_docs") or "").splitlines()
        return cls(
            root,
            config_file,
            (root / config.get("docs_dir", "docs")).resolve(),
            snippets,
            frozenset(classes),
            tuple(DEFAULT_EXCLUDE + [e for e in exclude if e.strip()]),
            config.get("repo_url"),
        )

    def is_page(self, path: Path) -> bool:
        """Whether MkDocs renders this file as a page: Markdown in any of the extensions
        MkDocs reads, or a notebook, in any folder MkDocs does not exclude."""
        if path.suffix not in (*markdown_extensions, ".ipynb") or not path.is_file():
            return False
        relative = path.resolve().relative_to(self.docs_dir).as_posix()
        return not pathspec.GitIgnoreSpec.from_lines(self.exclude).match_file(relative)

    def pages(self) -> list[Path]:
        return sorted(p for p in self.docs_dir.rglob("*") if self.is_page(p))


@cache
def _lexer(lang: str) -> type[Lexer] | None:
    """The lexer class Pygments (with its plugins, such as IPython's) uses for a language."""
    try:
        return find_lexer_class_by_name(lang) if lang else None
    except ClassNotFound:
        return None


# Pygments token classes the site writes as plain text, all in the code's own colour
# (site_hooks.lighter_code): names, whitespace, operators, punctuation.
PLAIN_TOKENS = ("n", "w", "o", "p")


def highlighted_as_python(lang: str) -> bool:
    """Whether the site highlights a block of this language as Python code: the lexer
    Pygments picks is a Python, Python-console, IPython or Cython lexer."""
    lexer = _lexer(lang.lower())
    if lexer is None:
        return False
    python_family = (PythonLexer, Python2Lexer, PythonConsoleLexer, CythonLexer)
    name = lexer.name.lower()
    return issubclass(lexer, python_family) or (
        ("python" in name or "cython" in name) and "traceback" not in name and "log" not in name
    )


def plain(lang: str) -> bool:
    """Whether a block of this language shows as unhighlighted text or a console session,
    as an output does."""
    lexer = _lexer(lang.lower())
    return lexer is None or issubclass(lexer, (TextLexer, OutputLexer, ShellSessionBaseLexer))


@dataclass
class Fence:
    """One fenced block in the expanded page, with where it came from."""

    line: int  # 1-based line of the opening fence in the expanded text
    char: str  # "`" or "~"
    lang: str
    code_lines: int
    indent: int = 0
    after_cont: bool = False
    after_output: bool = False
    text: str = ""  # the code as the reader sees it (dedented)


@dataclass
class Block:
    """What one test item runs: a code block plus its ``cont`` continuations."""

    block: CodeBlock
    lang: str
    fences: list[Fence]
    output_fence: Fence | None = None
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Page:
    path: Path  # as shown in messages: relative to the project root
    source: list[str]
    expanded: list[str]
    origin: list[tuple[int, str | None]]  # expanded line -> (page line, snippet target or None)
    blocks: list[Block]
    fences: list[Fence]
    problems: list[str]  # what the Markdown-level checks found, each "path:line: message"
    snippet_base: tuple[str, ...] = ()  # the folders snippet paths are relative to

    def where(self, expanded_line: int) -> str:
        """``path:line`` of the page line an expanded line came from, plus the snippet and
        the line in the snippet file, if it came from one."""
        line, snippet = self.origin[expanded_line - 1]
        if not snippet:
            return f"{self.path}:{line}"
        found = self.snippet_line(snippet, self.expanded[expanded_line - 1])
        return f"{self.path}:{line} (from snippet {snippet}" + (f", at {found})" if found else ")")

    def snippet_line(self, target: str, text: str) -> str | None:
        """``file:line`` of ``text`` in the snippet ``target`` ("file.py:section"), if found."""
        name, _, section = target.partition(":")
        files = [Path(base) / name for base in self.snippet_base if (Path(base) / name).is_file()]
        if not files or not text.strip():
            return None
        lines = files[0].read_text(encoding="utf-8").splitlines()
        start = next((i for i, t in enumerate(lines) if f"[start:{section}]" in t), 0)
        for number in range(start, len(lines)):
            if lines[number].strip() == text.strip():
                return f"{name}:{number + 1}"
        return None

    def page_line(self, expanded_line: int) -> int:
        return self.origin[expanded_line - 1][0]

    def locate(self, text: str, nth: int = 0, prose: bool = False) -> str:
        """``path:line`` of the ``nth`` expanded line containing the first non-blank line of
        ``text`` (outside code blocks if ``prose``); the page alone if it is nowhere (such as
        markup MkDocs generated)."""
        needle = next((t.strip() for t in text.splitlines() if t.strip()), "")
        lines = list(enumerate(self.expanded, 1))
        if prose:
            code = {n for f in self.fences for n in range(f.line + 1, f.line + 1 + f.code_lines)}
            lines = [(n, line) for n, line in lines if n not in code]
        # As written, or as HTML would write it (code in raw HTML on the page).
        needles = {needle, html.escape(needle), html.escape(needle, quote=False)} - {""}
        found = [n for n, line in lines if any(x in line for x in needles)]
        if not found and needle:  # split by markup: a line with all of its words, in order
            words = re.compile(".*?".join(re.findall(r"\w+", needle)))
            found = [n for n, line in lines if words.search(line)]
        if found:
            return self.where(found[min(nth, len(found) - 1)])
        return str(self.path)


def lang_of(info: str) -> str:
    info = info.strip()
    if info.startswith("{"):
        m = re.search(r"\.([\w+-]+)", info)
        return m.group(1).lower() if m else ""
    return re.split(r"[\s{]", info, maxsplit=1)[0].lower()


def normal_code(text: str) -> str:
    """Code as compared with the HTML: trailing spaces and blank edge lines removed."""
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


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
        body = [line[min(indent, len(line) - len(line.lstrip())) :] for line in lines[i + 1 : j]]
        fences.append(
            Fence(
                line=i + 1,
                char=fence[0],
                lang=lang_of(m.group("info")),
                code_lines=j - i - 1,
                indent=indent,
                after_cont=bool(CONT.match(before)),
                after_output=bool(OUTPUT.match(before)),
                text=normal_code("\n".join(body)),
            )
        )
        i = j + 1
    return fences


def read_page(path: Path, config: SiteConfig, shown_as: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    source = text.split("\n")
    _check_markers(source, shown_as)
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
    fences = find_fences(expanded)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            parsed = extract_from_buffer(io.StringIO("\n".join(expanded) + "\n"))
        except (RuntimeError, DeprecationWarning) as err:
            line = _second_output_line(fences, origin)
            hint = " (a cont chain has one expected-output block, after its last block)"
            raise PageError(
                shown_as,
                line or 1,
                f"pytest-codeblocks could not read the page: {err}" + (hint if line else ""),
            ) from None
    page = Page(shown_as, source, expanded, origin, [], fences, _line_ranges(source, shown_as))
    page.snippet_base = tuple(config.snippets.get("base_path", ()))
    page.blocks = _group(fences, parsed, page)
    page.problems += _fence_problems(page, config)
    page.problems += _wide_lines(page)
    page.problems += _wide_outputs(page)
    page.problems += _heading_levels(source, shown_as)
    return page


HEADING = re.compile(r"^(#{1,6})\s+\S")


def _heading_levels(source: list[str], path: Path) -> list[str]:
    """The page's outline: its title as the one ``#`` heading, first (after any front
    matter), then sections that go down one level at a time (## then ###, never ## to ####),
    so that the table of contents and screen readers show the structure as written."""
    start = 0
    if source and source[0].strip() == "---":  # YAML front matter
        start = next((i + 1 for i in range(1, len(source)) if source[i].strip() == "---"), 0)
    code = {
        n for f in find_fences(source) for n in range(f.line, f.line + f.code_lines + 2)
    }  # each fence's lines, its own and its closing line included
    levels = [
        (number, len(m.group(1)))
        for number, line in enumerate(source, 1)
        if number > start and number not in code and (m := HEADING.match(line))
    ]
    first = next((i + 1 for i in range(start, len(source)) if source[i].strip()), 1)
    if not levels or levels[0] != (first, 1):
        return [f"{path}:{first}: a page starts with its title, one `# Title` heading"]
    problems = [
        f"{path}:{number}: a second `#` heading; a page has one title, and its sections are `##`"
        for number, level in levels[1:]
        if level == 1
    ]
    for (_, above), (number, level) in itertools.pairwise(levels):
        if level > above + 1:
            problems.append(
                f"{path}:{number}: a level-{level} heading under a level-{above} one; go down one "
                f"level at a time ({'#' * (above + 1)} here)"
            )
    return problems


# The characters of code the page's text column shows on a desktop screen (1024 to 1920
# pixels wide); a longer line scrolls sideways, and the reader misses its end.
CODE_WIDTH = 80
# A code annotation: Material draws it as a small numbered bubble, not as code.
ANNOTATION_MARK = re.compile(r"[ \t]*# \(\d+\)!")


def _wide_lines(page: Page) -> list[str]:
    """Lines of Python code wider than the column, each named by page (and snippet) line."""
    problems = []
    for fence in (f for b in page.blocks for f in b.fences if highlighted_as_python(f.lang)):
        for offset, line in enumerate(fence.text.split("\n")):
            width = len(ANNOTATION_MARK.sub("", line)) + (3 if ANNOTATION_MARK.search(line) else 0)
            if width > CODE_WIDTH:
                problems.append(
                    f"{page.where(fence.line + 1 + offset)}: this line of code is {width} "
                    f"characters wide; the page shows {CODE_WIDTH}, and readers would have to "
                    "scroll to see the rest. Break it (`ruff format` formats snippets to fit), "
                    "or shorten a comment or a string."
                )
    return problems


# A line of output that reads as prose and that the page wraps: an error message or a
# warning (``ValueError: ...``, ``Flatten: ValueError: ...``, ``UserWarning: ...``) or a
# logging line (``WARNING:tensorflow:...``). Other output lines (tables, arrays, values a
# reader compares with their own run) fit the column as the code does.
MESSAGE_LINE = re.compile(
    r"^\s*(?:[\w.]+: )?(?:\w*(?:Error|Exception|Warning)|INFO|WARNING|ERROR|CRITICAL)"
    r"(?::[\w.]+)?:"
)


def _wide_outputs(page: Page) -> list[str]:
    """Output lines wider than the column (error messages and log lines wrap instead)."""
    problems = []
    for fence in (b.output_fence for b in page.blocks if b.output_fence):
        for offset, line in enumerate(fence.text.split("\n")):
            if len(line) > CODE_WIDTH and not MESSAGE_LINE.match(line):
                problems.append(
                    f"{page.where(fence.line + 1 + offset)}: this line of output is {len(line)} "
                    f"characters wide; the page shows {CODE_WIDTH}, and readers would have to "
                    "scroll to see the rest. Print it narrower (shorter labels, one value a "
                    "line, `np.set_printoptions(linewidth=80)`, "
                    "`model.summary(line_length=80)`); error messages, warnings and log lines "
                    "may be longer: the page wraps them."
                )
    return problems


def _check_markers(source: list[str], path: Path) -> None:
    """Refuse, at its own line, a pytest-codeblocks marker this suite does not honour."""
    for number, line in enumerate(source, 1):
        m = CODEBLOCKS_COMMENT.match(line)
        if m and m.group("keyword") not in {"cont", "expected-output"}:
            raise PageError(
                path,
                number,
                f"<!--pytest-codeblocks:{m.group('keyword')}--> is not supported: use "
                '<!--pytest.mark.skip(reason="...")--> to skip a block, '
                '<!--pytest.mark.xfail(raises=..., strict=True, reason="...")--> for one that '
                "raises, and <!--pytest-codeblocks:expected-output--> for outputs",
            )


def _line_ranges(source: list[str], path: Path) -> list[str]:
    """Snippet includes by line number: they silently shift when the file changes."""
    problems, in_block = [], False
    for number, line in enumerate(source, 1):
        if SNIPPET_BLOCK.match(line):
            in_block = not in_block
            continue
        m = SNIPPET_INLINE.match(line)
        target = m.group("target") if m else (line.strip() if in_block else "")
        if target and LINE_RANGE.search(target) and re.search(r":-?\d", target):
            problems.append(
                f"{path}:{number}: '{target}' includes lines by number; mark a section in the "
                "file (# --8<-- [start:name] ... # --8<-- [end:name]) and include it by name"
            )
    return problems


def _fence_problems(page: Page, config: SiteConfig) -> list[str]:
    """Blocks a reader would see as Python code or as an output that would not be checked."""
    problems: list[str] = []
    in_block = {f.line for b in page.blocks for f in b.fences}
    outputs = {b.output_fence.line: b for b in page.blocks if b.output_fence}
    seen_python = False
    for fence in page.fences:
        where = page.where(fence.line)
        python = highlighted_as_python(fence.lang)
        if fence.after_output and fence.char == "~":
            problems.append(
                f"{where}: this expected output is fenced with tildes (~~~), which "
                "pytest-codeblocks does not read, so it is never compared; use backticks (```)"
            )
        elif fence.line in outputs and python:
            problems.append(
                f"{where}: this expected output is fenced as ```{fence.lang}, so the site "
                "highlights it as Python code that never runs; fence outputs as ```text"
            )
        elif python and fence.char == "~":
            problems.append(
                f"{where}: this ~~~{fence.lang} block is fenced with tildes, which "
                "pytest-codeblocks does not read, so it would never run; use backticks (```)"
            )
        elif python and (fence.line not in in_block or fence.lang not in RUNNABLE_LANGS):
            problems.append(
                f"{where}: this ```{fence.lang} block is highlighted as Python but would not "
                "run; use a plain ```python fence (a pycon session becomes a python block plus "
                "an expected-output block)"
            )
        elif (
            plain(fence.lang)
            and fence.lang not in config.diagram_classes
            and fence.line not in outputs
            and seen_python
            and not fence.after_output
        ):
            problems.append(
                f"{where}: this ```{fence.lang or 'text'} block comes after a Python block, so "
                "readers take it for an output, but nothing compares it; put "
                "<!--pytest-codeblocks:expected-output--> on the line before it (code that is "
                "not an output is shown as a ```python block that runs)"
            )
        seen_python = seen_python or python
    for block in page.blocks:
        if block.output_fence and any(m.kind == "xfail" for m in block.marks):
            problems.append(
                f"{page.where(block.output_fence.line)}: an xfail block raises before its "
                "output could be compared; catch the error and print it instead"
            )
    return problems


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


def _marks_before(page: Page, fence: Fence) -> list[Mark]:
    """The mark comments directly above a fence (pytest-codeblocks' reading), parsed."""
    marks, k = [], fence.line - 2
    while k >= 0 and (not page.expanded[k].strip() or COMMENT.match(page.expanded[k])):
        m = COMMENT.match(page.expanded[k])
        if m:
            try:
                marks.append(parse_mark(m.group("expr")))
            except MarkError as err:
                raise PageError(page.path, page.page_line(k + 1), str(err)) from None
        k -= 1
    return marks[::-1]


def _group(fences: list[Fence], parsed: list[CodeBlock], page: Page) -> list[Block]:
    """Match pytest-codeblocks' merged blocks to the fences they were made from.

    pytest-codeblocks reads backtick fences only; a Python block behind tildes stays
    out of every group and is reported.
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
            marks = _marks_before(page, fence)
            if len(marks) != len(block.marks):
                raise PageError(
                    page.path,
                    page.page_line(fence.line),
                    "a pytest.mark comment applies to the next new block, wherever it is; put "
                    "each mark on the line right before the block it is for",
                )
            groups.append(Block(block, fence.lang, [fence], marks=marks))
    if len(groups) != len(parsed):
        raise PageError(
            page.path, 1, "could not match code blocks to fences; is a fence left open?"
        )
    return groups
