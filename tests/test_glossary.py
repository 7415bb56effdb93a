"""The glossary defines every core term, and no lesson uses one unexplained.

In navigation order, a page that comes before the lesson teaching a term (the list is
``tools/glossary_terms.py``) must link the first use of the term in its prose to the
term's glossary entry or to that lesson. Prose is the page's ``<article>`` without code,
math and headings: a heading cannot hold a link, so the text under it links instead.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, normpath, relpath
from urllib.parse import urljoin, urlsplit

import pytest
from glossary_terms import TERMS
from pages import nav_pages

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = "glossary.md"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Not prose: code and its outputs (a notebook's code cells too), math, drawings.
CODE = {"pre", "code", "kbd", "samp", "math", "svg", "script", "style"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "div", "td", "th", "dd", "dt", "summary", "figcaption", "table"}
BREAK = "\u2029"  # between blocks, so that a sentence never runs into the next block


def url_of(page: str) -> str:
    """The page's address on the site, from the root: ``cnn/pooling/``, ``""`` for home."""
    stem = page.rsplit(".", 1)[0]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


class Prose(HTMLParser):
    """One pass over a page's ``<article>``: its text, where each stretch of it is prose
    (and inside which link), and where each heading with an id starts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.spans: list[tuple[int, str, str | None]] = []  # (start, kind, link)
        self.headings: list[tuple[int, int, str]] = []  # (start, level, id)
        self.ids: set[str] = set()
        self.size = 0
        self.stack: list[tuple[str, str | None]] = []  # (tag, what it makes its text)
        start = html.find("<article")
        self.feed(html[start : html.find("</article>", start)])
        self.close()
        self.joined = "".join(self.text)

    def _put(self, text: str, kind: str, link: str | None) -> None:
        self.spans.append((self.size, kind, link))
        self.text.append(text)
        self.size += len(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in BLOCKS:
            self._put(BREAK, "break", None)
        if tag in VOID:
            return
        classes = (attrs.get("class") or "").split()
        kind = None
        if tag in CODE or "jp-CodeCell" in classes or "headerlink" in classes:
            kind = "code"
        elif tag in HEADINGS:
            kind = "heading"
            self.headings.append((self.size, int(tag[1]), attrs.get("id") or ""))
        elif tag == "a" and attrs.get("href"):
            kind = "a:" + attrs["href"]
        self.stack.append((tag, kind))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag in BLOCKS:
            self._put(BREAK, "break", None)

    def handle_data(self, data):
        kinds = [k for _, k in self.stack if k]
        link = next((k[2:] for k in reversed(kinds) if k.startswith("a:")), None)
        kind = next((k for k in kinds if k in ("code", "heading")), "prose")
        self._put(data, kind, link)

    def at(self, offset: int) -> tuple[str, str | None]:
        """The kind and the link of the text at ``offset``."""
        lo, hi = 0, len(self.spans) - 1
        while lo < hi:  # the last span starting at or before offset
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if self.spans[mid][0] <= offset else (lo, mid - 1)
        return self.spans[lo][1], self.spans[lo][2]

    def section(self, anchor: str) -> str:
        """The text from the heading with this id to the next heading of its level or above."""
        for n, (start, level, hid) in enumerate(self.headings):
            if hid == anchor:
                ends = [s for s, lv, _ in self.headings[n + 1 :] if lv <= level]
                return self.joined[start : ends[0] if ends else None]
        return ""

    def sentence(self, start: int, end: int) -> str:
        """The sentence around ``start:end``, in one line."""
        text = self.joined
        begin = text.rfind(BREAK, 0, start) + 1
        for stop in SENTENCE_END.finditer(text, begin, start):
            begin = stop.end()
        block_end = text.find(BREAK, end)
        block_end = len(text) if block_end < 0 else block_end
        stop = SENTENCE_END.search(text, end, block_end)
        return " ".join(text[begin : stop.end() if stop else block_end].split())


SENTENCE_END = re.compile(r"[.!?](?=\s)")


def compile_term(pattern: str) -> re.Pattern:
    """The term's word forms, whole words only; a space or ``[ -]`` in the pattern also
    matches a line break, as in the HTML of a paragraph."""
    pattern = pattern.replace("[ -]", r"[\s-]").replace(" ", r"\s+")
    return re.compile(rf"\b(?:{pattern})\b", re.I)


def first_use(prose: Prose, term: re.Pattern) -> re.Match | None:
    for match in term.finditer(prose.joined):
        if prose.at(match.start())[0] == "prose":
            return match
    return None


def markdown_line(page: str, before: str, term: re.Pattern) -> str:
    """``docs/PAGE:LINE`` (``docs/PAGE, cell N`` in a notebook) of the source line where
    the use starts: of the lines where the term starts, the first one whose preceding text
    shares the most words with ``before``, the sentence up to the use."""
    path = ROOT / "docs" / page
    if page.endswith(".ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        lines = [
            (f"cell {n}", "".join(c["source"]))
            for n, c in enumerate(cells, 1)
            if c["cell_type"] == "markdown"
        ]
    else:
        lines, fenced = [], False
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            elif not fenced and not line.lstrip().startswith("#"):
                lines.append((str(n), line))
    words = set(re.findall(r"\w{3,}", before.lower()))
    best, score = None, -1
    for i, (where, line) in enumerate(lines):
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        match = term.search(line + "\n" + following)
        if match is None or match.start() >= len(line):
            continue  # the term does not start on this line
        context = (
            " ".join(text for _, text in lines[max(0, i - 2) : i]) + " " + line[: match.start()]
        )
        shared = len(words & set(re.findall(r"\w{3,}", context.lower())))
        if shared > score:
            best, score = where, shared
    if best is None:
        return f"docs/{page}"
    return f"docs/{page}, {best}" if page.endswith(".ipynb") else f"docs/{page}:{best}"


def resolve(page: str, href: str) -> str:
    """A link on ``page`` as ``address#anchor`` from the site's root."""
    url = urljoin("https://site/" + url_of(page), href)
    parts = urlsplit(url)
    path = normpath(parts.path).lstrip("/") if parts.path not in ("", "/") else ""
    if path and parts.path.endswith("/"):
        path += "/"
    return path + ("#" + parts.fragment if parts.fragment else "")


def glossary_link(page: str) -> str:
    """The glossary's address as ``page`` links to it: a Markdown page names the file, a
    notebook's Markdown the built address."""
    if page.endswith(".ipynb"):
        return relpath(url_of(GLOSSARY), url_of(page)) + "/"
    return relpath(GLOSSARY, dirname(page) or ".")


@pytest.fixture(scope="module")
def site(built_site):
    assert built_site["returncode"] == 0, built_site["log"]
    nav = nav_pages(ROOT / "mkdocs.yml")
    assert GLOSSARY in nav, f"docs/{GLOSSARY} is not in mkdocs.yml's nav"
    for term in TERMS:
        assert term.taught.split("#")[0] in nav, f"{term.id}: {term.taught} is not in the nav"
    last = max(nav.index(t.taught.split("#")[0]) for t in TERMS)
    parsed = {}
    for page in [*nav[: last + 1], GLOSSARY]:
        html = (built_site["dir"] / url_of(page) / "index.html").read_text(encoding="utf-8")
        parsed[page] = Prose(html)
    return nav, parsed


def glossary_links(prose: Prose) -> dict[str, str]:
    """Each glossary entry's id and the first link of its "Taught in" line."""
    found = {}
    for start, level, hid in prose.headings:
        if level != 3 or not hid:
            continue
        end = next((s for s, lv, _ in prose.headings if s > start and lv <= 3), len(prose.joined))
        taught = prose.joined.find("Taught in", start, end)
        if taught < 0:
            found[hid] = ""
            continue
        for offset, kind, link in prose.spans:
            if offset >= taught and kind == "prose" and link and offset < end:
                found[hid] = resolve(GLOSSARY, link)
                break
    return found


def test_terms_are_distinct_and_compile():
    ids = [t.id for t in TERMS]
    assert len(ids) == len(set(ids)), "a glossary id is used twice in tools/glossary_terms.py"
    for term in TERMS:
        compile_term(term.pattern)
        assert "#" in term.taught, f"{term.id}: name the section that teaches it (page.md#anchor)"


def test_glossary_entry_for_every_term_links_to_its_lesson(site):
    _, parsed = site
    entries = glossary_links(parsed[GLOSSARY])
    problems = []
    for term in TERMS:
        page, anchor = term.taught.split("#")
        expected = f"{url_of(page)}#{anchor}"
        if term.id not in entries:
            problems.append(f"docs/{GLOSSARY}: no entry `### ... {{ #{term.id} }}` for {term.id}")
        elif entries[term.id] != expected:
            problems.append(
                f"docs/{GLOSSARY}: the entry #{term.id} should end with a 'Taught in' link to "
                f"{term.taught}; its link goes to {entries[term.id] or 'nothing'}"
            )
        if anchor not in parsed[page].ids:
            problems.append(f"{term.id}: docs/{page} has no heading or id #{anchor}")
        elif not compile_term(term.pattern).search(parsed[page].section(anchor)):
            problems.append(
                f"{term.id}: the section docs/{term.taught} never says it ({term.pattern})"
            )
    extra = set(entries) - {t.id for t in TERMS}
    if extra:
        problems.append(f"docs/{GLOSSARY}: entries not in tools/glossary_terms.py: {sorted(extra)}")
    assert not problems, "\n".join(problems)


def test_no_term_is_used_unexplained_before_its_lesson(site):
    nav, parsed = site
    problems = []
    for term in TERMS:
        pattern = compile_term(term.pattern)
        page_taught = term.taught.split("#")[0]
        allowed = (f"{url_of(GLOSSARY)}#{term.id}", url_of(page_taught))
        for page in nav[: nav.index(page_taught)]:
            if page == GLOSSARY:
                continue
            prose = parsed[page]
            match = first_use(prose, pattern)
            if match is None:
                continue
            link = prose.at(match.start())[1]
            target = resolve(page, link) if link else ""
            if target == allowed[0] or target.split("#")[0] == allowed[1]:
                continue
            sentence = prose.sentence(match.start(), match.end())
            used = " ".join(match.group().split())
            problems.append(
                f"{markdown_line(page, sentence[: sentence.find(used)], pattern)}: '{used}' "
                f"comes before docs/{term.taught} teaches it; link it to "
                f"{glossary_link(page)}#{term.id} or to that lesson:\n    {sentence}"
            )
    assert not problems, f"{len(problems)} unexplained uses of core terms:\n" + "\n".join(problems)
