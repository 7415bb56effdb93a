"""The site builds strictly, fast, without TensorFlow, and renders math itself."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow


def test_build_passes_without_warnings(built_site):
    # The same check as `mkdocs build --strict`; the build itself is not strict so that a
    # warning still leaves HTML for the page checks to point at.
    assert built_site["returncode"] == 0, built_site["log"]
    assert "WARNING" not in built_site["log"], built_site["log"]
    print(f"\nmkdocs build took {built_site['seconds']:.1f} s")


def test_build_does_not_import_tensorflow_or_keras(built_site):
    assert not {"tensorflow", "keras", "torch", "jax"} & built_site["imports"]


def test_math_is_mathml_and_needs_no_script(built_site):
    html = (built_site["dir"] / "index.html").read_text()
    assert "<math" in html
    assert 'class="arithmatex"' not in html  # every formula was converted
    assert not re.search(r"mathjax|katex", html, re.I)


def test_no_page_references_another_host_for_assets(built_site):
    external = re.compile(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=\"(?:https?:)?//", re.I)
    for page in built_site["dir"].rglob("*.html"):
        for tag in external.findall(page.read_text()):
            # Outbound <a> links are fine; only loaded assets matter. <link> may be rel=canonical.
            assert 'rel="canonical"' in tag, f"{page}: {tag}"


def test_every_page_says_which_versions_its_examples_ran_with(built_site):
    constraints = Path(__file__).resolve().parent.parent / "requirements" / "constraints.txt"
    pins = dict(re.findall(r"^([\w.-]+)==(\S+)$", constraints.read_text(), re.M))
    stamp = re.compile(
        r'<p class="dl-verified"><small>\s*Examples verified with TensorFlow (?P<tf>\S+) and '
        r"Keras (?P<keras>\S+)\s+on (?P<date>\d{4}-\d\d-\d\d) · "
        r'<a href="(?P<href>[^"]+)">How this site is tested</a>'
    )
    pages = sorted(built_site["dir"].rglob("index.html"))
    assert len(pages) >= 10
    for page in pages:
        found = stamp.findall(page.read_text())
        assert len(found) == 1, f"{page}: {len(found)} version stamps"
        tf_version, keras_version, date, href = found[0]
        assert (tf_version, keras_version) == (pins["tensorflow"], pins["keras"]), page
        assert datetime.date.fromisoformat(date) <= datetime.date.today()
        assert (page.parent / href).resolve() == (built_site["dir"] / "testing").resolve(), page
    built = datetime.date.fromtimestamp(pages[0].stat().st_mtime)
    assert abs((datetime.date.fromisoformat(date) - built).days) <= 1  # the day of the build


def test_api_reference_documents_dlcourse(built_site):
    html = (built_site["dir"] / "reference" / "index.html").read_text()
    for name in ("load_digits_images", "dense_params", "conv2d_params"):
        assert 'id="dlcourse.' in html and name in html


def test_reference_returns_one_row_per_function(built_site):
    """A docstring's Returns text continued on a line at the item's own indent becomes a
    second, made-up return value in the Reference's table: continuation lines indent more."""
    html = (built_site["dir"] / "reference" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    split = []
    for title in soup.select("span.doc-section-title"):
        if title.get_text(strip=True).startswith("Returns"):
            rows = title.find_next("table").select("tbody tr")
            if len(rows) != 1:
                split.append(
                    title.find_previous(["h2", "h3", "h4"]).get_text(strip=True).rstrip("¶")
                )
    assert not split, f"Returns split into rows for {split}: indent the continuation lines"


def test_reference_entries_wait_to_be_laid_out_but_not_their_headings(built_site):
    """The API reference opens fast (Lighthouse): extra.css leaves each function's, class's
    and attribute's contents unrendered far from the window; that needs mkdocstrings'
    markup to keep the heading outside the contents, and the browser test's axe pass to
    render them first."""
    html = (built_site["dir"] / "reference" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    entries = soup.select(".doc-object:not(.doc-module)")
    assert len(entries) > 20
    for entry in entries:
        contents = entry.find("div", class_="doc-contents", recursive=False)
        assert contents is not None, entry.get("class")
        assert not contents.find(["h2", "h3"], id=True, recursive=False)
    css = (
        Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "extra.css"
    ).read_text()
    assert re.search(
        r"\.doc-object:not\(\.doc-module\) > \.doc-contents \{\s*content-visibility: auto", css
    )
    from test_browser import ALL_RENDERED

    assert ".dl-lazy" in ALL_RENDERED and ".doc-contents" in ALL_RENDERED


def test_grouped_numbers_are_one_number_in_math():
    from tools import site_hooks

    mathml = site_hooks.to_mathml(r"512 \times 10 + 10 = 5{,}130", "inline")
    assert "<mn>5,130</mn>" in mathml and "&#x0002C;" not in mathml  # not "5, 130"
    assert "<mo>&#x0002C;</mo>" in site_hooks.to_mathml("f(a, b)", "inline")  # a real comma


def test_skip_marks_become_visible_notes():
    from tools import site_hooks

    page = SimpleNamespace(file=SimpleNamespace(src_path="x.md"))
    markdown = '<!--pytest.mark.skip(reason="downloads 170 MB")-->\n```python\nx = 1\n```\n'
    out = site_hooks.on_page_markdown(markdown, page, None, None)
    assert '!!! warning "Not run by the test suite"' in out and "downloads 170 MB" in out
    inside_fence = "```markdown\n" + markdown + "```\n"
    assert site_hooks.on_page_markdown(inside_fence, page, None, None) == inside_fence
    xfail = '<!--pytest.mark.xfail(raises=KeyError, strict=True, reason="no key b")-->\n'
    out = site_hooks.on_page_markdown(xfail + "```python\n{}['b']\n```\n", page, None, None)
    assert '!!! failure "This example raises an error on purpose"' in out
    assert "Expected error: `KeyError`. no key b" in out
    unshown = '<!--pytest.mark.unshown(reason="It prints timings.")-->\n'
    out = site_hooks.on_page_markdown(unshown + "```python\nprint(1)\n```\n", page, None, None)
    assert '!!! info "Output not shown"' in out and "It prints timings." in out


def test_approx_marks_put_the_tolerance_under_the_output():
    from tools import site_hooks

    page = SimpleNamespace(file=SimpleNamespace(src_path="cnn/x.md", src_uri="cnn/x.md"))
    markdown = (
        "<!--pytest.mark.approx(abs=0.03)-->\n```python\nprint(0.9)\n```\n\n"
        "<!--pytest-codeblocks:cont-->\n```python\nprint(0.8)\n```\n\n"
        "<!--pytest-codeblocks:expected-output-->\n```text\n0.9\n0.8\n```\nNext.\n"
    )
    files = SimpleNamespace(get_file_from_path=lambda path: path == "setup.md" or None)
    out = site_hooks.on_page_markdown(markdown, page, None, files)
    note = out.split("```text\n0.9\n0.8\n```\n", 1)[1]  # right under the output
    assert note.startswith('\n!!! note "Your numbers may differ"\n')
    assert "may differ from the one shown by up to 0.03." in note
    assert "[Why they differ](../setup.md#numbers-that-differ)" in note
    assert note.rstrip().endswith("Next.") and out.count("!!! note") == 1
    # A site without a Set up page (the fixture site) gets the note without the link.
    out = site_hooks.on_page_markdown(markdown, page, None, None)
    assert "up to 0.03." in out and "setup.md" not in out
    # An output with no decimal number (shapes, counts) is compared exactly: no note.
    exact = markdown.replace("0.9\n0.8\n```", "(8, 8)\n2 images\n```")
    assert "!!! note" not in site_hooks.on_page_markdown(exact, page, None, files)


def test_notebook_pages_have_mathml_and_no_math_script(built_site):
    site = built_site["dir"]
    for page in ("notebooks/first-model", "assignments/cifar10", "assignments/cifar10-solution"):
        html = (site / page / "index.html").read_text()
        assert not re.search(r"mathjax|<script[^>]*mermaid", html, re.I), page
    html = (site / "notebooks" / "first-model" / "index.html").read_text()
    assert re.search(r'<math [^>]*display="inline"', html)
    assert re.search(r'<math [^>]*display="block"', html)
    assert "$" not in re.sub(r"<(script|style|pre)\b.*?</\1>", "", html, flags=re.S)


def test_notebook_pages_carry_only_the_jupyterlab_css_they_use(built_site):
    """mkdocs-jupyter inlines 570 KB of JupyterLab CSS; tools/notebook_css.py keeps what
    can style the page (tests/test_notebook_css.py says what that is)."""
    site = built_site["dir"]
    for page in ("notebooks/first-model", "assignments/cifar10", "assignments/cifar10-solution"):
        html = (site / page / "index.html").read_text()
        css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", html, re.S))
        assert "jp-Cell" in css, page
        assert len(css) < 80_000, f"{page}: {len(css) // 1000} KB of inline CSS"


def test_notebook_math_leaves_code_alone():
    from tools import site_hooks

    cell = (
        '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"><p>Cost $x^2$ and</p>'
        "<p>$$a &lt; b$$</p><p><code>echo $HOME $PATH</code></p></div>"
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><div>print("$a$")</div></div>'
    )
    out = site_hooks.notebook_math(cell)
    assert 'display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>' in out
    assert 'display="block"><mrow><mi>a</mi><mo>&#x0003C;</mo><mi>b</mi></mrow></math>' in out
    assert "<code>echo $HOME $PATH</code>" in out and 'print("$a$")' in out


def test_notebook_page_offers_its_notebook(built_site):
    site = built_site["dir"]
    html = (site / "notebooks" / "first-model" / "index.html").read_text()
    assert 'href="../../download/notebooks/first-model.ipynb"' in html
    assert (site / "download" / "notebooks" / "first-model.ipynb").is_file()
    # Colab opens notebooks from GitHub, where only the deploy publishes them.
    assert "colab.research.google.com" not in html


def test_code_blocks_keep_their_text_and_colours_with_fewer_spans():
    from tools import site_hooks

    block = (
        '<pre><span></span><code><span class="n">model</span><span class="w"> </span>'
        '<span class="o">=</span><span class="w"> </span><span class="n">keras</span>'
        '<span class="o">.</span><span class="n">Sequential</span><span class="p">([</span>'
        '<span class="p">])</span><span class="o">.</span><span class="mi">1</span>'
        '<span class="w">  </span><span class="c1"># (1)!</span></code></pre>'
    )
    out = site_hooks.lighter_code(block)
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", block)
    assert out == (
        '<pre><span></span><code>model = keras.Sequential([]).<span class="mi">1</span>'
        '<span class="c1">  # (1)!</span></code></pre>'  # the spaces go with the marker
    )


def test_code_without_spans_keeps_its_colours_in_both_schemes():
    """lighter_code shows names, operators and punctuation in the code's own colour: true
    only while extra.css keeps them so in light and in dark."""
    css = (Path(__file__).parent.parent / "docs" / "stylesheets" / "extra.css").read_text()
    for scheme in ('[data-md-color-scheme="default"]', '[data-md-color-scheme="slate"]'):
        start = css.index(scheme + " {")
        block = css[start : css.index("}", start)]
        colour = dict(re.findall(r"(--md-code-hl-[a-z]+-color):\s*([^;]+);", block))
        assert colour["--md-code-hl-operator-color"] == "var(--md-code-fg-color)"
        assert colour["--md-code-hl-punctuation-color"] == "var(--md-code-fg-color)"
        assert "--md-code-hl-name-color" not in colour  # Material's: the code's own colour


def _without_print_rules(css: str) -> str:
    """The stylesheet without its ``@media print`` blocks (paper may leave notes out)."""
    out, i = [], 0
    while (start := css.find("@media print", i)) != -1:
        out.append(css[i:start])
        depth, j = 0, css.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
            if depth == 0:
                break
        i = j
    return "".join(out) + css[i:]


def test_site_css_hides_no_note_code_or_picture_on_screen():
    """A style could hide a "not run" note or show a block nobody sees; on screen, none does."""
    sheet = Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "extra.css"
    css = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S)
    hides = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0\s*[;}!]")
    shows = re.compile(r"admonition|details|highlight|\bpre\b|\bcode\b|\bimg\b|figure|dl-run")
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", _without_print_rules(css)):
        if hides.search(body):
            assert not shows.search(selector), f"extra.css hides {selector.strip()!r} on screen"


@pytest.mark.slow
def test_no_page_shows_raw_latex(built_site):
    """Math that the build did not turn into MathML would show as TeX source."""
    raw = re.compile(r"\\(?:\[|\]|frac|leftarrow|sqrt|beta|eta)\b|\\\(")
    for html in built_site["dir"].rglob("index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        for code in article.find_all(["pre", "code", "math"]):
            code.decompose()
        found = raw.search(article.get_text())
        assert not found, f"{html.relative_to(built_site['dir'])} shows raw TeX: {found[0]!r}"


def test_a_cheat_sheet_section_waits_to_be_laid_out_but_not_its_heading():
    """The cheat sheet opens fast (Lighthouse): what follows each heading is in a .dl-lazy
    box that extra.css leaves unrendered far from the window; the headings stay out of it,
    for the table of contents to measure, and so do tabs (axe misread their contrast)."""
    from site_hooks import print_sheet

    html = (
        '<h1 id="t">T</h1><h2 id="a">A</h2><p>one</p>'
        '<h2 id="b">B</h2><div class="tabbed-set">x</div><h3 id="c">C</h3><p>two</p>'
    )
    out = print_sheet(html, ["a"], "page.md")
    assert '<h2 id="a">A</h2><div class="dl-lazy"><p>one</p></div>' in out
    assert '<h2 id="b">B</h2><div class="tabbed-set">' in out
    assert '<h3 id="c">C</h3><div class="dl-lazy"><p>two</p></div>' in out
    css = Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "extra.css"
    css = css.read_text(encoding="utf-8")
    assert re.search(
        r"@media screen \{\s*\.md-typeset \.dl-lazy \{\s*content-visibility: auto", css
    )
