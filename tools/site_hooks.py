"""MkDocs hooks: keep every request on the site, and show readers what the tests skip.

* Math written for ``pymdownx.arithmatex`` becomes MathML at build time, so pages
  need no math script at all.
* Notebook pages get the same: mkdocs-jupyter leaves their ``$...$`` and ``$$...$$``
  for MathJax, which the hook turns into MathML, and it removes the MathJax (and
  Mermaid) scripts mkdocs-jupyter adds, so notebook pages need no math script either.
* A block marked ``<!--pytest.mark.skip(reason="...")-->`` or ``xfail`` gets a
  visible note with the reason (and, for xfail, the expected error), because the
  comment itself is invisible. Marks are parsed by ``tools/marks.py``, as in the tests.
  The output of a block marked ``approx`` (numbers from training) is followed by a note
  saying how far a reader's numbers may be from it, linking to the Set up page's why.
* Every page says which TensorFlow and Keras the examples were verified with, read from
  ``requirements/constraints.txt``, and the date of the build (the deploy workflow builds
  only after the suite passed); ``overrides/main.html`` shows it.
* A page whose front matter lists ``print_sheet: [anchor, ...]`` (the Keras cheatsheet)
  gets a "Print the two-page sheet" button: its sections (``h2`` or ``h3``) are wrapped in
  ``<section>`` elements marked for the compact print view in ``extra.css``, which prints
  only the listed sections' headings, code and outputs, in two columns.
* Names for what Material leaves unnamed (the search dialog, a section's nav toggle)
  (``on_post_page``), for axe-core's accessibility checks in ``tests/test_browser.py``.
* Notebook pages read like the Markdown pages (``notebook_html``): Material's code blocks
  and copy button, no cell tags, Material's permalinks, note boxes (mkdocs.yml drops the
  "In [n]:" prompts).
* Code blocks carry fewer elements for the same look: Pygments wraps every name, run of
  whitespace, operator and punctuation mark in a span of its own, and all four show in the
  code's own colour (Material's ``--md-code-hl-name-color`` is ``--md-code-fg-color``, and
  ``extra.css`` sets operators and punctuation to it). They become plain text: about half
  the elements of a code-heavy page, less for the browser to style and lay out (notebook
  cells too, once they are Material's code blocks). Material sets a code block up only as
  it scrolls into view (``content.lazy``); its code is focusable and its annotation list
  marked (hidden by ``extra.css``) from the start.
* Notebook pages keep only the JupyterLab CSS that can style them (``notebook_css``):
  mkdocs-jupyter inlines all 570 KB of it, and the browser matches every element against it.
* The Set up page's ``pip install "dlcourse @ git+...@main"`` names the repository
  and, in GitHub Actions, the commit the site is built from, so readers install the code
  the pages ran; elsewhere it names no commit (a local one may never be pushed).
* Every lesson page (all but ``NO_NOTEBOOK`` and pages without Python) gets its program
  (``tools/program.py``), the notebook the suite runs, written to ``download/`` beside the
  site, with "Download notebook" and, when GitHub Actions builds the site, "Open in Colab"
  (the deploy publishes ``download/`` on the ``notebooks`` branch, where Colab can open
  it). A notebook page offers its own file the same way.
"""

from __future__ import annotations

import datetime
import html
import logging
import posixpath
import re
from pathlib import Path

import nbformat
import notebook_css  # tools/, on the path while hooks load
import notebook_html
from latex2mathml.converter import convert
from marks import (  # tools/, on the path
    COMMENT,
    DECIMAL,
    OUTPUT,
    MarkError,
    note,
    parse_mark,
    tolerance_text,
)
from pages import (
    PATH_SECTIONS,
    PLAIN_TOKENS,
    PageError,
    SiteConfig,
    read_page,
    reading_time_table,
)
from pins import read_pins  # tools/, on the path
from program import DEFAULT_REPO, KERNEL_ENV, Source, site_program

log = logging.getLogger("mkdocs.hooks.site_hooks")
# What mkdocs-jupyter (nbconvert's lab template) adds for MathJax and Mermaid, in one run.
NOTEBOOK_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.S | re.I
)
NOTEBOOK_CELL = re.compile(r'(?=<div class="jp-Cell )')
# Markup in a Markdown cell whose text is not prose: code, and tags' own text.
NOT_PROSE = re.compile(r"(<(code|pre|script|style)\b.*?</\2>|<[^>]+>)", re.S | re.I)
DOLLAR_MATH = re.compile(
    r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?!\s)(?P<inline>[^$]+?)(?<![\s\\])\$", re.S
)
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.S,
)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# The search results' scroll box is a Tab stop of its own, even while search is closed: the
# Tab that leaves the search box (and closes search) landed on it, invisible. Without the
# tabindex, and no scroll box while search is closed (extra.css), Tab goes on to the next
# control; the results are reached with the arrow keys, as Material intends.
SEARCH_SCROLLWRAP = '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
# The toggle beside a section's own page: only an icon, yet it names the section's nav.
NAV_TOGGLE = re.compile(
    r'<span class="md-ellipsis">\s*(?P<title>[^<]*?)\s*</span>\s*</a>\s*'
    r'<label class="md-nav__link[^"]*" for="(?P<id>__nav_[\d_]+)" id="(?P=id)_label"[^>]*>'
)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# As the Set up page writes it, so that its Markdown holds a command that works as it stands.
DEFAULT_REF = "main"
DLCOURSE_FROM_GIT = f"git+{DEFAULT_REPO}@{DEFAULT_REF}"
_source = Source()  # set by on_config: this site's repository, and commit in GitHub Actions
# Pages without a notebook: the home page, the API reference, the page for contributors.
NO_NOTEBOOK = {"index.md", "reference.md", "testing.md"}
DOWNLOAD = "download"
NOTEBOOK_PACKAGE = f"dlcourse @ {DLCOURSE_FROM_GIT}"
_programs: dict[str, str] = {}  # path under download/ -> notebook JSON, for on_post_build


def verified_with(constraints: Path, today: datetime.date | None = None) -> dict[str, str]:
    """The pinned TensorFlow and Keras versions, and the date of this build."""
    pins = read_pins(constraints)
    missing = {"tensorflow", "keras"} - pins.keys()
    if missing:
        raise ValueError(f"{constraints} pins no {' or '.join(sorted(missing))}")
    today = today or datetime.datetime.now(datetime.UTC).date()
    return {"tensorflow": pins["tensorflow"], "keras": pins["keras"], "date": today.isoformat()}


def on_config(config):
    global _source
    root = Path(config.config_file_path).resolve().parent
    _source = Source.from_environment(config.get("repo_url"))
    _programs.clear()
    config["extra"]["verified"] = verified_with(root / "requirements" / "constraints.txt")
    return config


def on_files(files, config):
    """The stamp links to how the site is tested, where the site has that page."""
    testing = files.get_file_from_path("testing.md")
    config["extra"]["verified"]["testing"] = testing.url if testing else None
    return files


def run_links(page, config) -> None:
    """The page's notebook (its program, or a notebook page's own file) for download and
    Colab: ``page.meta["run"]``, which ``overrides/main.html`` shows."""
    source_path = page.file.src_path
    if source_path in NO_NOTEBOOK or not page.file.abs_src_path:
        return
    root = Path(config.config_file_path).resolve().parent
    name = posixpath.splitext(source_path)[0] + ".ipynb"
    if source_path.endswith(".ipynb"):
        # Its install cell, as committed, names the default repository and branch; the
        # served copy names this site's repository (and, in GitHub Actions, its commit).
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        text = text.replace(NOTEBOOK_PACKAGE, _source.package())
    else:
        site = SiteConfig.load(Path(config.config_file_path).resolve())
        shown = Path(page.file.abs_src_path).resolve().relative_to(root)
        try:
            read = read_page(Path(page.file.abs_src_path), site, shown)
        except PageError:
            return  # the suite reports the page; the build goes on without its notebook
        program = site_program(read, root, config.get("repo_url"))
        if not program.blocks():
            return
        notebook = program.notebook(page_url=config.get("site_url", "") + page.url)
        text = nbformat.writes(notebook) + "\n"
    _programs[name] = text
    page.meta["run"] = run_box(
        posixpath.relpath(f"{DOWNLOAD}/{name}", page.url or "."), _source.colab(name)
    )


def run_box(download: str, colab: str | None) -> str:
    """The links to the page's notebook, and the settings its outputs were made with."""
    settings = ", ".join(f"<code>{k}={v}</code>" for k, v in KERNEL_ENV.items())
    file = download.rsplit("/", 1)[-1]
    links = f'<a class="md-button dl-download" href="{download}" download="{file}">'
    links += "Download notebook</a>"
    if colab:
        links += f' <a class="md-button md-button--primary dl-colab" href="{colab}">'
        links += "Open in Colab</a>"
    return (
        f'<div class="dl-run"><p>{links}</p><p><small>Run this page as a notebook. Its '
        f"outputs came from running it top to bottom on a CPU with {settings}; numbers "
        "from training may differ slightly on your machine.</small></p></div>"
    )


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    for name, text in _programs.items():
        target = site / DOWNLOAD / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# The home page's table of reading times is made at build time from the pages
# themselves, so that editing a lesson never leaves it stale.
READING_TIMES = "<!-- reading-times -->"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if config is not None and READING_TIMES in markdown:
        table = reading_time_table(
            Path(config.config_file_path), Path(config["docs_dir"]), PATH_SECTIONS
        )
        markdown = markdown.replace(READING_TIMES, table)
    if config is not None and page is not None:
        run_links(page, config)
    if config is not None:
        markdown = markdown.replace(NOTEBOOK_PACKAGE, _source.package())
    lines, out, in_fence = markdown.split("\n"), [], None
    approx, output = None, None  # an approx mark's note, until its block's output closes
    output_lines: list[str] = []
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if fence:
            char = fence.group(1)[0]
            in_fence = None if in_fence == char else (in_fence or char)
            if output is not None and in_fence is None:  # the approx block's output ends
                # Only numbers with a decimal point are compared loosely: say so if any.
                note_lines = tolerance_note(approx, page, files, output)
                has_decimals = DECIMAL.search("\n".join(output_lines))
                out += [line, "", *note_lines, ""] if has_decimals else [line]
                approx, output, output_lines = None, None, []
                continue
        if output is not None and in_fence:
            output_lines.append(line)
        if approx is not None and in_fence is None and OUTPUT.match(line):
            output = len(line) - len(line.lstrip())
        m = None if in_fence else COMMENT.match(line)
        if not m:
            out.append(line)
            continue
        out.append(line)
        try:
            mark = parse_mark(m.group("expr"))
            shown = note(mark)
        except MarkError as err:
            # A warning fails the strict build; `serve` goes on so the page can be fixed.
            log.warning(f"{page.file.src_path}:{number}: {err}")
            continue
        if mark.kind == "approx":
            approx = mark
        if shown:
            kind, title, text = shown
            indent = m.group("indent")
            out[-1:] = [f'{indent}!!! {kind} "{title}"', "", f"{indent}    {text}", ""]
    return "\n".join(out)


def tolerance_note(mark, page, files, indent: int) -> list[str]:
    """The lines, under an ``approx`` block's output, that tell readers how far their
    numbers may be from the ones shown, and link to why (where the site has a Set up page)."""
    text = tolerance_text(mark)
    if files is not None and files.get_file_from_path("setup.md"):
        setup = posixpath.relpath("setup.md", posixpath.dirname(page.file.src_uri))
        text += f" [Why they differ]({setup}#numbers-that-differ)"
    pad = " " * indent
    return [f'{pad}!!! note "Your numbers may differ"', "", f"{pad}    {text}"]


# A number with thousands separators, as TeX writes it: 2{,}080.
GROUPED = re.compile(r"(?<!\d)\d{1,3}(?:\{,\}\d{3})+(?![\d{])")


def to_mathml(tex: str, display: str) -> str:
    """MathML for ``tex``. latex2mathml reads ``2{,}080`` as 2, a comma and 080, drawn
    "2, 080"; each such number becomes one ``<mn>2,080</mn>``."""
    numbers = [m.group(0).replace("{,}", ",") for m in GROUPED.finditer(tex)]
    mathml = convert(
        GROUPED.sub(lambda m: rf"\text{{{m.group(0).replace('{,}', ',')}}}", tex), display=display
    )
    for number in numbers:
        mathml = mathml.replace(f"<mtext>{number}</mtext>", f"<mn>{number}</mn>", 1)
    return mathml


def _mathml(match: re.Match) -> str:
    tex = html.unescape(match.group("tex")).strip()
    return to_mathml(tex, "block" if match.group("open") == "[" else "inline")


def _dollar_mathml(match: re.Match) -> str:
    tex = html.unescape(match.group("display") or match.group("inline")).strip()
    return to_mathml(tex, "block" if match.group("display") else "inline")


def notebook_math(content: str) -> str:
    """A notebook page's HTML with the math of its Markdown cells as MathML, and without
    the MathJax and Mermaid scripts mkdocs-jupyter adds."""
    content, scripts = NOTEBOOK_SCRIPTS.subn("", content)
    if not scripts and "mathjax" in content.lower():
        raise ValueError("mkdocs-jupyter's MathJax markup changed; update NOTEBOOK_SCRIPTS")
    cells = NOTEBOOK_CELL.split(content)
    for i, cell in enumerate(cells):
        if "jp-MarkdownCell" in cell.split(">", 1)[0]:
            parts = NOT_PROSE.split(cell)
            # re.split keeps the groups: prose, markup, tag name, prose, markup, tag name, ...
            for j in range(0, len(parts), 3):
                parts[j] = DOLLAR_MATH.sub(_dollar_mathml, parts[j])
            cells[i] = "".join(p for k, p in enumerate(parts) if k % 3 != 2)
    return "".join(cells)


SECTION_START = re.compile(r'(?=<h[23] id="(?P<id>[^"]+)")')
H1_END = re.compile(r"(</h1>)")
SHEET_BUTTON = (
    '<p class="dl-sheet-button"><button type="button" class="md-button" onclick="'
    "document.body.classList.add('dl-sheet');"
    "addEventListener('afterprint', () => document.body.classList.remove('dl-sheet'), "
    "{once: true});print()"
    '">Print the two-page sheet</button></p>'
)


# An output block, and a logging line in it (``WARNING:tensorflow:...``): TensorFlow's
# log lines show on screen, where a notebook shows them, but not on the printed sheet.
TEXT_BLOCK = re.compile(r'<div class="language-text highlight">.*?</code>', re.S)
LOG_LINE = re.compile(r"(?:^|(?<=<code>)|(?<=\">))(?:INFO|WARNING):[\w.]+:[^\n<]*\n?", re.M)


def _log_span(line: re.Match) -> str:
    return f'<span class="dl-log">{line.group(0)}</span>'


HEADING_END = re.compile(r"</h[23]>")


def print_sheet(content: str, keep: list[str], where: str) -> str:
    """Wrap each ``<h2>`` or ``<h3>`` section (a heading and what follows it, up to the next
    such heading) in a ``<section>`` marked ``dl-sheet-yes`` if its heading's id is in
    ``keep`` (else ``dl-sheet-no``), and put the print button after the title."""
    parts = SECTION_START.split(content)  # [intro, id, section, id, section, ...]
    ids = parts[1::2]
    unknown = sorted(set(keep) - set(ids))
    if unknown:
        raise ValueError(f"{where}: print_sheet names no section {unknown}; its ids: {ids}")
    out = [parts[0]]
    for anchor, section in zip(ids, parts[2::2], strict=True):
        mark = "yes" if anchor in keep else "no"
        if mark == "yes":
            section = TEXT_BLOCK.sub(lambda m: LOG_LINE.sub(_log_span, m.group(0)), section)
        # What follows the heading waits to be laid out until it nears the window
        # (extra.css, .dl-lazy): the headings stay, for the table of contents to measure.
        # Not around tabs: axe (Lighthouse's too) then read a tab label as lying on a code
        # block, and its contrast as failing.
        heading = HEADING_END.search(section)
        if heading and 'class="tabbed-set' not in section:
            section = (
                f'{section[: heading.end()]}<div class="dl-lazy">{section[heading.end() :]}</div>'
            )
        out.append(f'<section class="dl-sheet-{mark}">{section}</section>')
    return H1_END.sub(r"\1" + SHEET_BUTTON, "".join(out), count=1)


CODE_ELEMENT = re.compile(r"<code[ >].*?</code>", re.S)
PLAIN_TOKEN = re.compile(rf'<span class="[{"".join(PLAIN_TOKENS)}]">([^<]*)</span>')
# Material sets a code block up (content.lazy) when it first scrolls into view. Two things
# it does then are done at build time instead, for the blocks not set up yet:
# - It makes a block that scrolls sideways focusable (tabindex), so keyboard users can
#   scroll it. Every block starts focusable, so none is out of reach; Material removes the
#   tabindex from the blocks that turn out not to scroll.
CODE_BLOCK = "<pre><span></span><code>"
CODE_BLOCK_FOCUSABLE = '<pre><span></span><code tabindex="0">'
# - It turns the annotation list under a block into the block's (1) markers; until then the
#   list would show, and vanish (moving what follows it) as the block scrolls in. Lists under
#   a block with a (1) comment are marked; extra.css hides them on screen while Material's
#   script runs (html.js).
ANNOTATED_BLOCK = re.compile(
    r'(<div class="language-[^"]*highlight">(?:(?!</div>).)*?'
    r'<span class="c[1hm]?">[^<]*\(\d+\)[^<]*</span>.*?</code></pre></div>\s*)<ol>',
    re.S,
)


# The spaces before a code annotation's marker comment (``x = 1  # (1)!``): inside the
# comment's span, Material removes them with the marker, so a copied line has no
# trailing spaces.
BEFORE_MARKER = re.compile(r'([ \t]+)(<span class="c1?">)(#\s*\(\d+\)!)')


# A marker comment, spaces and all (``_lighter`` moved them in): what Material replaces with
# the annotation's (1) button. Search leaves it out, so a preview never shows "# (1)!".
MARKER_COMMENT = re.compile(r'(<span class="c1?")(>\s*#\s*\(\d+\)!</span>)')


def _lighter(code: re.Match) -> str:
    text = PLAIN_TOKEN.sub(r"\1", code.group(0))
    return BEFORE_MARKER.sub(r"\2\1\3", text)


def lighter_code(content: str) -> str:
    """The same code with fewer spans: names, whitespace, operators and punctuation, all
    in the code's own colour, as plain text."""
    return CODE_ELEMENT.sub(_lighter, content)


# Figures (issue 25). Each image the page shows from a figures/ folder gets its size in
# pixels (the page does not move as it loads), loads only as it nears the screen unless it
# is above the first ``h2`` (where it may be in the first screenful), and links to its own
# file, so a reader can open it full size (and zoom, on a phone).
IMAGE = re.compile(r"<img\b[^>]*>")
FIGURE_SRC = re.compile(r'\bsrc="(?P<src>(?:[^"]*/)?figures/[^"/]+\.png)"')


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file, from its header."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def figure_markup(content: str, page, files) -> str:
    first_section = content.find("<h2")
    base = posixpath.dirname(page.file.url) if page.file.url else ""

    def figure(match: re.Match) -> str:
        tag = match.group(0)
        src = FIGURE_SRC.search(tag)
        file = src and files.get_file_from_path(
            posixpath.normpath(posixpath.join(base, src["src"]))
        )
        if not file or " width=" in tag:
            return tag
        width, height = png_size(Path(file.abs_src_path))
        below = first_section != -1 and match.start() > first_section
        extra = f' width="{width}" height="{height}" decoding="async"'
        extra += ' loading="lazy"' if below else ""
        tag = tag[:4] + extra + tag[4:]
        return (
            f'<a class="dl-figure" href="{src["src"]}" title="Open the full-size figure">{tag}</a>'
        )

    return IMAGE.sub(figure, content)


# Inline code in a table cell may break after a dot or an opening bracket
# (``keras.losses.<wbr>SparseCategoricalCrossentropy(<wbr>from_logits=True)``), so that a
# table with long code fits the column instead of hiding its last columns (issue 25).
TABLE_CELL = re.compile(r"<td\b[^>]*>.*?</td>", re.S)
INLINE_CODE = re.compile(r"<code>[^<]*</code>")
CODE_BREAK = re.compile(r"(?<=[.(])(?=[A-Za-z_])")


def table_code_breaks(content: str) -> str:
    return TABLE_CELL.sub(
        lambda cell: INLINE_CODE.sub(
            lambda code: CODE_BREAK.sub("<wbr>", code.group(0)), cell.group(0)
        ),
        content,
    )


def on_page_content(content: str, page, config, files) -> str:
    content = ARITHMATEX.sub(_mathml, content)
    if page.file.src_path.endswith(".ipynb"):
        content = lighter_code(notebook_html.like_markdown(notebook_math(content)))
    else:
        content = lighter_code(content).replace(CODE_BLOCK, CODE_BLOCK_FOCUSABLE)
        content = ANNOTATED_BLOCK.sub(r'\1<ol class="dl-annotations">', content)
        # Material's search plugin skips what carries data-search-exclude, then removes it.
        content = MARKER_COMMENT.sub(r'\1 data-search-exclude="marker"\2', content)
        content = table_code_breaks(figure_markup(content, page, files))
    if page.meta.get("run"):
        content = H1_END.sub(r"\1" + page.meta["run"], content, count=1)
    if page.meta.get("print_sheet"):
        content = print_sheet(content, list(page.meta["print_sheet"]), page.file.src_path)
    return content


def site_css(config) -> str:
    """The site's own stylesheets (``extra_css``), as text."""
    docs = Path(config["docs_dir"])
    return "".join(
        (docs / str(sheet)).read_text(encoding="utf-8")
        for sheet in config["extra_css"]
        if (docs / str(sheet)).is_file()
    )


def on_post_page(output: str, page, config) -> str:
    if page.file.src_path.endswith(".ipynb"):
        output = notebook_css.prune(output, also_read=site_css(config))
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')
    output = output.replace(SEARCH_SCROLLWRAP, SEARCH_SCROLLWRAP.replace(' tabindex="0"', ""))
    # Text, not aria-label, which a <label> without a role may not carry.
    output = NAV_TOGGLE.sub(
        lambda m: f'{m.group(0)}<span class="dl-visually-hidden">{m.group("title")}</span>', output
    )
    return output
