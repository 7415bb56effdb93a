"""Check one built page: what the reader sees is what the suite ran.

The walk reads the HTML MkDocs wrote, not the Markdown, so it needs no list of
fences, markers or other ways a page might slip something past the Markdown checks:

* a code block is **Python** if the lexer Pygments has for its language class is a
  Python, Python-console, IPython or Cython lexer, or, with no class, if its token
  markup is what Pygments' Python lexer makes of its text. Each must equal code the
  suite executed on this page in this run, unless the "not run" note the site
  shows for a skipped block sits right above it. (A signature mkdocstrings shows is
  compared with the signature of the object it documents instead.) Inline code
  highlighted as Python must be part of code that ran;
* a code block shown as **plain text** (no highlighting, or a console session's
  output) after a Python block is that block's output: it must equal an output
  the suite compared with the run of the chain that Python block belongs to;
* every **image** in the content, whatever the markup, must be byte-identical to
  an image a block wrote in this run;
* every **link** to the site must reach an existing file, and its ``#anchor`` an
  ``id`` on the target page.

Problems name the source page and line where the text can be found there.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from marks import NOT_RUN, NOTES
from pages import PLAIN_TOKENS, highlighted_as_python, normal_code
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.lexers.python import PythonLexer
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

LANG_CLASS = re.compile(r"^(?:language|lang|hl)-(?P<lang>[\w+#.-]+)$")
TOKEN_CLASSES = {c for c in STANDARD_TYPES.values() if c}
NOT_RUN_TITLES = {title for kind, (_, title) in NOTES.items() if kind in NOT_RUN}
IMAGE_ATTRIBUTES = [
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("source", "src"),
    ("object", "data"),
    ("embed", "src"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("input", "src"),
    ("video", "poster"),
]
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)")


@dataclass
class PageRun:
    """What the suite ran for one page in this session."""

    code: set[str] = field(default_factory=set)  # each executed fence (or cell), normalized
    outputs: list[tuple[frozenset[str], str]] = field(default_factory=list)  # (chain, output)
    figures: set[str] = field(default_factory=set)  # sha256 of each image its blocks wrote
    failed: list[str] = field(default_factory=list)  # the blocks that failed, as node ids


@dataclass
class Counts:
    python: int = 0
    outputs: int = 0
    images: int = 0
    links: int = 0
    noted: int = 0  # Python blocks shown with a "not run" note

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class BuiltPage:
    source: Path  # as shown in messages
    html_file: Path
    site_dir: Path
    locate: object  # callable: text -> "path:line"


def text_of(element: Tag) -> str:
    """The text a reader copies from a code element: without line numbers."""
    parts = []
    for node in element.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            if any("linenos" in " ".join(p.get("class") or []) for p in node.parents if p):
                continue
            parts.append(str(node))
    return "".join(parts)


def language(pre: Tag) -> str | None:
    """The language class the build gave a block: on the pre, its code, or their wrapper."""
    candidates = [pre, pre.find("code"), pre.parent]
    for element in candidates:
        if not isinstance(element, Tag):
            continue
        for cls in element.get("class") or []:
            m = LANG_CLASS.match(cls)
            if m:
                return m.group("lang")
    return None


def token_classes(element: Tag) -> list[str]:
    """The Pygments token classes in the markup, but those the site writes as plain text
    (names, whitespace, operators, punctuation): the same for the site's markup and for
    Pygments' own."""
    return [
        cls
        for span in element.find_all("span")
        for cls in span.get("class") or []
        if cls in TOKEN_CLASSES and cls not in PLAIN_TOKENS
    ]


def _rendered_tokens(text: str, lexer) -> list[str]:
    return token_classes(
        BeautifulSoup(highlight(text, lexer, HtmlFormatter(nowrap=True)), "html.parser")
    )


def python_markup(element: Tag, text: str, lang: str | None = None) -> bool:
    """Is the markup the Python lexer's highlighting of the text (whatever the class says)?

    Without the spans the site drops, a short shell command can be highlighted alike by
    both lexers: markup that is exactly what its own language class (``lang``) gives is
    taken for that language."""
    tokens = token_classes(element)
    if not tokens or tokens != _rendered_tokens(text, PythonLexer()):
        return False
    try:
        own = get_lexer_by_name(lang) if lang else None
    except ClassNotFound:
        own = None
    return own is None or tokens != _rendered_tokens(text, own)


def is_output_markup(element: Tag) -> bool:
    """No highlighting at all, or only a console session's prompt and output tokens."""
    tokens = set(token_classes(element))
    return not tokens or "go" in tokens


def block_wrapper(pre: Tag) -> Tag:
    """The element that stands for the block among its siblings: the highlight wrapper."""
    for element in [pre, *pre.parents]:
        if element.name == "article":
            break
        if any("highlight" in cls for cls in element.get("class") or []):
            return element
    return pre


def noted_as_not_run(pre: Tag) -> bool:
    """Whether the site's "not run" note, with a reason, sits right above the block."""
    before = block_wrapper(pre).find_previous_sibling()
    if before is None or "admonition" not in (before.get("class") or []):
        return False
    title = before.find(class_="admonition-title")
    reason = before.get_text(" ", strip=True).removeprefix(
        title.get_text(strip=True) if title else ""
    )
    return bool(title and title.get_text(strip=True) in NOT_RUN_TITLES and reason.strip())


@cache
def _signature(qualified: str) -> ast.FunctionDef | None:
    """The definition of a documented function, parsed from its source."""
    owner, name = _documented_object(qualified), qualified.rpartition(".")[2]
    try:
        target = inspect.getattr_static(owner, name)
        target = target.fget if isinstance(target, property) else target
        target = inspect.unwrap(getattr(target, "__func__", target))  # static/class methods
        tree = ast.parse(textwrap.dedent(inspect.getsource(target)))
    except (ImportError, AttributeError, OSError, TypeError, SyntaxError):
        return None
    definition = tree.body[0]
    return definition if isinstance(definition, ast.FunctionDef) else None


class _Unqualified(ast.NodeTransformer):
    """``keras.Model`` -> ``Model``: mkdocstrings shortens some dotted annotations."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        return ast.copy_location(ast.Name(id=node.attr, ctx=ast.Load()), node)


def _dump(node: ast.AST | None) -> str:
    return ast.dump(_Unqualified().visit(node) if node is not None else ast.Constant(None))


def _documented_object(qualified: str):
    """The object that owns the last name of ``qualified`` (a module or a class), or None."""
    parts = qualified.split(".")
    for end in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for name in parts[end:-1]:
            owner = getattr(owner, name, None)
        return owner
    return None


def _attribute_matches(qualified: str, statement: ast.stmt) -> bool:
    """An attribute mkdocstrings shows (``NAME = value`` or ``name: type``) is the code's."""
    owner, name = _documented_object(qualified), qualified.rpartition(".")[2]
    if owner is None:
        return False
    if isinstance(statement, ast.AnnAssign) and statement.value is None:
        if getattr(statement.target, "id", None) != name:
            return False
        member = inspect.getattr_static(owner, name, None)
        if isinstance(member, property):  # shown as ``name: <return annotation>``
            returns = _signature(f"{qualified}")
            returns = returns.returns if returns is not None else None
            return returns is not None and _dump(returns) == _dump(statement.annotation)
        return name in getattr(owner, "__annotations__", {})
    target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
    try:
        shown = ast.literal_eval(statement.value)
    except (ValueError, TypeError, SyntaxError):
        return False
    return getattr(target, "id", None) == name and getattr(owner, name, object()) == shown


def signature_matches(pre: Tag, text: str) -> bool | None:
    """For a signature mkdocstrings shows: is it the documented object's? None if not one."""
    wrapper = pre.parent
    if wrapper is None or "doc-signature" not in (wrapper.get("class") or []):
        return None
    heading = wrapper.find_previous(class_="doc-heading")
    qualified = heading.get("id", "") if heading else ""
    try:
        statement = ast.parse(text.strip()).body
    except SyntaxError:
        statement = []
    if len(statement) == 1 and isinstance(statement[0], (ast.Assign, ast.AnnAssign)):
        return _attribute_matches(qualified, statement[0])
    actual = _signature(qualified) if qualified else None
    try:
        shown = ast.parse(f"def {text.strip()}: pass").body[0]
    except SyntaxError:
        return False
    return (
        actual is not None
        and all(
            _dump(getattr(shown, part)) == _dump(getattr(actual, part))
            for part in ("args", "returns")
        )
        and shown.name == actual.name
    )


def content_root(soup: BeautifulSoup) -> Tag:
    return soup.select_one("article") or soup.body or soup


def check_page(
    page: BuiltPage,
    run: PageRun,
    diagram_classes: frozenset[str],
) -> tuple[list[str], Counts]:
    soup = BeautifulSoup(page.html_file.read_text(encoding="utf-8"), "html.parser")
    root = content_root(soup)
    problems: list[str] = []
    counts = Counts()
    shown = _check_code(page, root, run, diagram_classes, problems, counts)
    _check_images(page, root, run.figures, problems, counts)
    _check_links(page, root, problems, counts)
    if Path(page.source).suffix != ".ipynb":  # a notebook's cells are checked as stored
        _check_nothing_else(page, root, problems)
    for code in sorted(run.code - shown):
        problems.append(
            f"{page.locate(code)}: this code ran as part of the page's program, but the built "
            f"page does not show it (hidden in a comment or by markup?):\n{_excerpt(code)}"
        )
    return problems, counts


# What can show code, output or a picture that no block of the page produced. Material's
# own icons (the edit and view buttons) are the only SVG a Markdown page's content has.
DENIED_ELEMENTS = {
    "svg",
    "iframe",
    "video",
    "audio",
    "canvas",
    "object",
    "embed",
    "style",
    "script",
    "template",
    "samp",
    "frame",
    "frameset",
    "portal",
}
MATERIAL_CHROME = {"md-content__button", "headerlink", "md-source-file", "dl-run"}
HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?![.\d]*[1-9])|"
    r"background|content\s*:|font-size\s*:\s*0|height\s*:\s*0|clip",
    re.I,
)


def _chrome(element: Tag) -> bool:
    return any(
        MATERIAL_CHROME & set(e.get("class") or []) for e in [element, *element.parents] if e
    )


def _check_nothing_else(page, root, problems) -> None:
    """Deny by default: nothing on a Markdown page may show what no block produced."""
    for element in root.find_all(True):
        if _chrome(element):
            continue
        what = None
        if element.name in DENIED_ELEMENTS:
            what = f"a <{element.name}> element"
        elif element.has_attr("hidden") or element.get("aria-hidden") == "true":
            what = f"a hidden <{element.name}>"
        elif HIDING_STYLE.search(element.get("style") or ""):
            what = f'<{element.name} style="{element["style"]}">'
        elif (
            element.name == "pre"
            and language(element) in OUTPUT_LANGUAGES
            and not _under_python(element)
        ):
            what = f"a ```{language(element)} block that is not under a Python block"
        if what:
            text = element.get_text("\n", strip=True) or str(element)[:80]
            problems.append(
                f"{page.locate(text)}: {what}: it could show code, output or a "
                "picture that no block on this page produced. Show code and output only as "
                "fenced blocks, and pictures only as files a block saved."
            )


# Languages that read as a program's output wherever they are.
OUTPUT_LANGUAGES = {"pytb", "py3tb", "output", "console", "text"}


def _under_python(pre: Tag) -> bool:
    """Whether the block is an output block: the previous block on the page is Python."""
    before = block_wrapper(pre).find_previous(["pre"])
    return before is not None and bool(language(before) and highlighted_as_python(language(before)))


def _check_code(page, root, run, diagram_classes, problems, counts) -> set[str]:
    """Check each block shown as code; return the code of those that ran (as run.code has it)."""
    shown: set[str] = set()
    last_python: str | None = None
    used_outputs: set[int] = set()
    for pre in root.find_all("pre"):
        if pre.find_parent("pre") or any(
            "linenos" in " ".join(p.get("class") or []) for p in [pre, *pre.parents] if p
        ):
            continue
        if diagram_classes & set(pre.get("class") or []):
            continue  # a diagram drawn from its text, not code shown as code
        text = normal_code(text_of(pre.find("code") or pre))
        lang = language(pre)
        # By its class, as the build decides; or by its markup, whatever the class says.
        python = bool(lang and highlighted_as_python(lang)) or python_markup(pre, text, lang)
        if python:
            last_python = text
            signature = signature_matches(pre, text)
            if signature is not None:
                counts.python += 1
                if not signature:
                    problems.append(
                        f"{page.source}: a signature on the page differs from the code it "
                        f"documents:\n{text}"
                    )
            elif text in run.code:
                counts.python += 1
                shown.add(text)
            elif noted_as_not_run(pre):
                counts.noted += 1
            else:
                problems.append(
                    f"{page.locate(text)}: this block is shown as Python ({_shown_as(lang)}) but "
                    f"no block the suite ran in this run has this code:\n{_excerpt(text)}"
                )
            continue
        if last_python is None or not is_output_markup(pre):
            continue  # before any Python, or source in another language: not an output
        match = next(
            (
                i
                for i, (chain, output) in enumerate(run.outputs)
                if last_python in chain and normal_code(output) == text and i not in used_outputs
            ),
            None,
        )
        if match is None:
            problems.append(
                f"{page.locate(text) if text else page.source}: this text is shown under a "
                "Python block as its output, but the suite compared no such output with that "
                f"block's run:\n{_excerpt(text)}"
            )
        else:
            used_outputs.add(match)
            counts.outputs += 1
    for code in root.find_all("code"):
        if code.find_parent("pre"):
            continue
        lang = language(code)
        text = code.get_text()
        python = bool(lang and highlighted_as_python(lang)) or python_markup(code, text, lang)
        if python and not any(text.strip() in executed for executed in run.code):
            problems.append(
                f"{page.locate(text)}: inline code `{text}` is highlighted as Python but is not "
                "part of any block the suite ran on this page"
            )
    return shown


def _shown_as(lang: str | None) -> str:
    return (
        f"class language-{lang}" if lang and highlighted_as_python(lang) else "Python token markup"
    )


def _excerpt(text: str, lines: int = 6) -> str:
    shown = text.splitlines()[:lines]
    more = "\n    ..." if len(text.splitlines()) > lines else ""
    return "\n".join("    " + line for line in shown) + more


def _site_file(page: BuiltPage, url: str) -> Path | None:
    """The file a relative URL on the page points to, or None if it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    base = PurePosixPath(page.html_file.relative_to(page.site_dir).as_posix()).parent
    target = PurePosixPath(unquote(parts.path))
    resolved = (page.site_dir / base / target) if parts.path else page.html_file
    resolved = Path(resolved).resolve()
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def _image_urls(root: Tag) -> list[str]:
    urls = []
    for name, attribute in IMAGE_ATTRIBUTES:
        for element in root.find_all(name):
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                urls += [
                    candidate.split()[0] for candidate in value.split(",") if candidate.strip()
                ]
            else:
                urls.append(value)
    for element in root.find_all(style=True):
        urls += [m.group("url") for m in CSS_URL.finditer(element["style"])]
    return urls


def _check_images(page, root, figures, problems, counts) -> None:
    seen: dict[str, int] = {}
    for url in _image_urls(root):
        name = Path(urlsplit(url).path).name if not url.startswith("data:") else ""
        nth = seen[name] = seen.get(name, -1) + 1
        if url.startswith("data:"):
            header, _, payload = url.partition(",")
            data = base64.b64decode(payload) if ";base64" in header else unquote(payload).encode()
            shown = f"an inline {header.removeprefix('data:').split(';')[0]} image"
        else:
            target = _site_file(page, url)
            if target is None:
                problems.append(
                    f"{page.locate(url, nth, prose=True)}: shows {url} from another site"
                )
                continue
            if not target.is_file():
                problems.append(
                    f"{page.locate(name, nth, prose=True)}: shows {url}, which is not in the "
                    "built site"
                )
                continue
            data, shown = target.read_bytes(), url
        if hashlib.sha256(data).hexdigest() in figures:
            counts.images += 1
        else:
            problems.append(
                f"{page.locate(name, nth, prose=True)}: "
                f"shows {shown}, but no block of this page wrote that image in this run; "
                "figures must be saved by a block of the page that shows them (and committed "
                "with `python3 tasks.py update`)"
            )


class _Anchors(HTMLParser):
    """The ``id`` and ``name`` values of a page's elements: what a link's #fragment can name."""

    def __init__(self):
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.found.update(value for key, value in attrs if key in {"id", "name"} and value)


@cache
def _ids(html_file: Path) -> frozenset[str]:
    # A plain parser, not a soup: most pages are linked from most others, and building
    # each one's tree took most of the link check's time.
    anchors = _Anchors()
    anchors.feed(html_file.read_text(encoding="utf-8"))
    anchors.close()
    return frozenset(anchors.found)


def _check_links(page, root, problems, counts) -> None:
    seen: dict[str, int] = {}
    for a in root.find_all(["a", "area"], href=True):
        href = a["href"]
        nth = seen[href] = seen.get(href, -1) + 1
        if href.startswith(("javascript:", "mailto:")):
            continue
        target = _site_file(page, href)
        if target is None:
            continue
        counts.links += 1
        fragment = unquote(urlsplit(href).fragment)
        shown = a.get_text(" ", strip=True)
        if not target.exists():
            problems.append(
                f"{_locate_link(page, href, shown, nth)}: link to {href}, which is not on the site"
            )
        elif fragment and target.suffix == ".html" and fragment not in _ids(target):
            problems.append(
                f"{_locate_link(page, href, shown, nth)}: link to {href}, but that page has no "
                f"#{fragment} anchor"
            )


def _locate_link(page: BuiltPage, href: str, shown: str, nth: int) -> str:
    """The source line of a link: by its anchor, its file name, or its text."""
    parts = urlsplit(href)
    stem = PurePosixPath(parts.path.rstrip("/")).name
    for needle in (f"#{parts.fragment}" if parts.fragment else "", stem, shown):
        if needle:
            where = page.locate(needle, nth, prose=True)
            if ":" in where.removeprefix(str(page.source)):
                return where
    return str(page.source)
