"""The built site as a reader meets it, in headless Chromium: what search finds, what the
copy buttons copy, code annotations, the notebook pages' math and download, and the
cheatsheet's printed sheet.
(What a first visit weighs is checked in ``test_browser.py``, on its run over every page.)"""

# ruff: noqa: F811 - the tests take the fixtures imported from test_browser as arguments

from __future__ import annotations

import contextlib
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from pages import ANNOTATION_MARK, SiteConfig, normal_code, read_page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import DESKTOP, browser, load_all, mount_code_blocks, served  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SEARCH_TERMS = ["GradientTape", "Conv2D", "tf.function", "dropout", "transfer learning"]
NOTEBOOKS = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.ipynb"))


@contextlib.contextmanager
def opened(browser, base: str, relatives: list[str], **context_options):
    """The pages loaded together in one new context (``test_browser.load_all``)."""
    context = browser.new_context(**{"viewport": DESKTOP, **context_options})
    try:
        yield list(load_all(context, base, relatives))
    finally:
        context.close()


def pages_containing(site: Path, term: str) -> set[str]:
    """Pages (as search result URLs name them) whose indexed text contains ``term``."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    wanted = " ".join(term.lower().split())
    found = set()
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))
        if wanted in " ".join(text.lower().split()):
            found.add(doc["location"].split("#")[0])
    return found


FOUND_ALL = """([base, wanted]) => {
    const found = new Set([...document.querySelectorAll(
        "li.md-search-result__item > a.md-search-result__link")].map(
        a => a.href.split(/[?#]/)[0].slice(base.length)));
    const wrap = document.querySelector(".md-search__scrollwrap");
    wrap.scrollTop = wrap.scrollHeight;  // Material renders more results as the list scrolls
    return wanted.every(page => found.has(page)) || [...found];
}"""


@pytest.fixture(scope="module")
def search_page(served, browser):
    """The home page, whose search the tests below type into: one search index, built
    once in the page's search worker, for all of them."""
    base, _ = served
    with opened(browser, base, [""]) as (visit,):
        yield visit


def test_search_finds_every_page_that_uses_a_term(served, search_page):
    base, site = served
    expected = {term: sorted(pages_containing(site, term)) for term in SEARCH_TERMS}
    for term, pages in expected.items():
        assert len(pages) >= 2, f"{term!r}: this test needs a term that several pages use"
    visit = search_page
    box = visit.page.locator("input.md-search__input")
    box.click()
    for term, pages in expected.items():
        # Clear the last term's results first, so that they cannot pass for this term's.
        box.fill("")
        box.press("End")
        visit.page.wait_for_selector(".md-search-result__item", state="detached")
        box.fill(term)
        box.press("End")  # Material searches on a key press, as when a reader types
        try:
            visit.page.wait_for_function(FOUND_ALL, arg=[base, pages], timeout=5_000)
        except PlaywrightTimeout:
            shown = visit.page.evaluate(FOUND_ALL, [base, pages])
            missing = sorted(set(pages) - set(shown))
            pytest.fail(f"searching {term!r} misses pages that use it: {missing}")


# A Keras or TensorFlow name, and the lesson that teaches it.
TAUGHT_BY = {
    "Conv2D": "cnn/conv-layer/",
    "Dense": "neural-networks/neuron-to-network/",
    "GradientTape": "tensorflow/autodiff/",
    "tf.function": "tensorflow/graphs/",
    "EarlyStopping": "neural-networks/workflow/",
}
REFERENCE = "reference/"  # the dlcourse package's helpers, documented by mkdocstrings
# What a result shows: its page, the height of its preview, and the preview's text.
RESULTS = """base => [...document.querySelectorAll("li.md-search-result__item")].map(li => ({
    page: li.querySelector("a.md-search-result__link").href.split(/[?#]/)[0].slice(base.length),
    height: li.getBoundingClientRect().height,
    code_lines: Math.max(0, ...[...li.querySelectorAll("article pre")].map(
        pre => pre.textContent.trim().split("\\n").length)),
    text: li.innerText,
}))"""


def search_results(page, base: str, term: str) -> list[dict]:
    """Type ``term`` into the search box as a reader does, and read the results shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_selector(".md-search-result__item", state="detached")
    box.fill(term)
    box.press("End")  # Material searches on a key press
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)  # the previews' code is cut to its matching lines as it renders
    return page.evaluate(RESULTS, base)


@pytest.fixture(scope="module")
def taught_results(served, search_page) -> dict[str, list[dict]]:
    """What searching each name of TAUGHT_BY shows, read once for the two tests below."""
    base, _ = served
    return {term: search_results(search_page.page, base, term) for term in TAUGHT_BY}


def test_search_ranks_the_lesson_that_teaches_a_name_above_the_helpers(taught_results):
    for term, lesson in TAUGHT_BY.items():
        pages = [r["page"] for r in taught_results[term]]
        assert lesson in pages[:3], f"searching {term!r}: {lesson} is not in the top 3: {pages}"
        if REFERENCE in pages:
            assert pages.index(lesson) < pages.index(REFERENCE), f"{term!r}: {pages}"


# What a preview showed, and no reader needs: a notebook's copy notice and prompts, a
# heading's permalink sign, a code annotation's marker.
NOISE = ["Copied!", "In [", "\u00b6", "(1)!"]


def test_search_previews_are_short_and_show_only_the_text(taught_results):
    for term, results in taught_results.items():
        for result in results:
            noise = [n for n in NOISE if n in result["text"]]
            assert not noise, f"{term!r}: the preview of {result['page']} shows {noise}"
            assert result["code_lines"] <= 1, f"{term!r}: {result['page']}: {result}"
        # Results fill at most 75 % of the 900 px window: at least three fit in it.
        tops = [sum(r["height"] for r in results[: i + 1]) for i in range(len(results))]
        shown = sum(1 for top in tops if top <= 0.75 * DESKTOP["height"])
        assert shown >= 3, f"{term!r}: only {shown} results fit on the screen: {results[:3]}"


def test_tab_leaves_the_search_box_for_a_visible_control(served, browser):
    """Tabbing onto the search box opens search; the next Tab closes it and goes on to a
    control the reader can see, not to the invisible results box."""
    base, _ = served
    with opened(browser, base, ["tensorflow/tensors/"]) as (visit,):
        page = visit.page
        page.bring_to_front()
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('input.md-search__input')"):
                break
        else:
            pytest.fail("Tab never reached the search box")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const el = document.activeElement, box = el.getBoundingClientRect();
                return {name: el.className || el.tagName, width: box.width, height: box.height,
                        in_search: !!el.closest('.md-search__output'),
                        open: document.getElementById('__search').checked}; }"""
        )
        assert not focused["in_search"] and focused["width"] and focused["height"], focused
        assert not focused["open"], focused


COPY_PAGES = ["tensorflow/autodiff.md", "keras/cheatsheet.md"]


def python_fences(page: str) -> list[str]:
    """The Python blocks of a page, in order, as the suite runs them (snippets expanded)."""
    config = SiteConfig.load(ROOT / "mkdocs.yml")
    read = read_page(ROOT / "docs" / page, config, Path("docs") / page)
    return [f.text for f in read.fences if f.char == "`" and f.lang in {"python", "py"}]


def test_copy_button_copies_the_code_the_suite_ran(served, browser):
    base, _ = served
    relatives = [page.removesuffix(".md") + "/" for page in COPY_PAGES]
    permissions = ["clipboard-read", "clipboard-write"]
    with opened(browser, base, relatives, permissions=permissions) as visits:
        for page, visit in zip(COPY_PAGES, visits, strict=True):
            # Hover and click wait for animation frames, which only the tab in front gets.
            visit.page.bring_to_front()
            expected = python_fences(page)
            blocks = visit.page.locator("div.language-python.highlight")
            assert blocks.count() == len(expected), f"{page}: Python blocks on the built page"
            shown = [i for i in range(len(expected)) if blocks.nth(i).is_visible()]  # unfolded
            for i in sorted({shown[0], shown[1], shown[len(shown) // 2], shown[-1]}):
                visit.page.evaluate("() => navigator.clipboard.writeText('')")
                blocks.nth(i).hover()
                blocks.nth(i).locator("button.md-code__button[title='Copy to clipboard']").click()
                visit.page.wait_for_function(
                    "async () => (await navigator.clipboard.readText()) !== ''"
                )
                copied = visit.page.evaluate("() => navigator.clipboard.readText()")
                want = normal_code(ANNOTATION_MARK.sub("", expected[i]))
                assert normal_code(copied) == want, f"{page}: block {i + 1} copies other text"
                trailing = re.findall(r"^.*\S[ \t]+$", copied, re.M)
                assert not trailing, f"{page}: block {i + 1} copies trailing spaces: {trailing}"


ANNOTATED_PAGES = ["tensorflow/distributed/", "tensorflow/keras/"]


def test_annotation_lists_stay_hidden_until_their_block_turns_them_into_markers(served, browser):
    """Material sets a code block up as it scrolls into view (content.lazy); until then its
    annotation list is hidden, not shown as a list that would vanish as the reader scrolls."""
    base, _ = served
    with opened(browser, base, ANNOTATED_PAGES) as visits:
        for visit in visits:
            shown = visit.page.evaluate(
                "() => [...document.querySelectorAll('ol.dl-annotations')]"
                ".filter(ol => ol.getClientRects().length).length"
            )
            assert shown == 0, f"{visit.relative}: {shown} annotation lists shown at load"
            mounted = mount_code_blocks(visit.page)
            assert mounted["copy"] == mounted["blocks"], f"{visit.relative}: {mounted}"
            # Every annotated block's list was marked, and only those lists.
            assert mounted["annotated"] >= 3, f"{visit.relative}: {mounted}"
            assert mounted["marked"] == mounted["marked_after_annotated"], visit.relative
            assert mounted["marked"] == mounted["annotated"], f"{visit.relative}: {mounted}"


@pytest.fixture(scope="module")
def notebook_visits(served, browser):
    base, _ = served
    with opened(browser, base, [nb.with_suffix("").as_posix() + "/" for nb in NOTEBOOKS]) as v:
        yield dict(zip(NOTEBOOKS, v, strict=True))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=str)
def test_notebook_page_math_renders_and_download_is_the_notebook(notebook_visits, notebook):
    check_notebook_page(notebook, notebook_visits[notebook])


def check_notebook_page(notebook: Path, visit) -> None:
    url = visit.page.url
    assert not visit.failed, f"{notebook}: failed requests {visit.failed}"
    source = json.loads((ROOT / "docs" / notebook).read_text(encoding="utf-8"))
    markdown = [c for c in source["cells"] if c["cell_type"] == "markdown"]
    has_math = any("$" in "".join(c["source"]) for c in markdown)
    maths = visit.page.locator("math")
    assert maths.count() >= (1 if has_math else 0)
    for i in range(maths.count()):
        box = maths.nth(i).bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, f"{notebook}: math {i} not drawn"
    # It reads like a Markdown page: no cell tags or nbconvert permalinks, a quote with a bold
    # lead-in in the site's note box, and each code cell a code block with the copy button.
    assert visit.page.locator(".celltoolbar, .cell-tag, .anchor-link").count() == 0, notebook
    leads = sum(bool(re.search(r"^> \*\*", "".join(c["source"]), re.M)) for c in markdown)
    assert visit.page.locator(".jupyter-wrapper .admonition").count() >= leads, notebook
    code_cells = sum(c["cell_type"] == "code" for c in source["cells"])
    mounted = mount_code_blocks(visit.page)
    assert mounted["blocks"] == mounted["copy"] == code_cells, f"{notebook}: {mounted}"
    href = visit.page.locator("a.dl-download").get_attribute("href")
    response = visit.page.request.get(urljoin(url, href))
    assert response.status == 200, f"{notebook}: {href} answers {response.status}"
    downloaded = json.loads(response.body())
    cells = [(c["cell_type"], "".join(c["source"])) for c in downloaded["cells"]]
    # The install line names this site's repository (and, in GitHub Actions, its commit).
    package = "dlcourse @ git+https://github.com/dlcourse/dlcourse"
    assert cells == [
        (c["cell_type"], "".join(c["source"]).replace(f"{package}@main", package))
        for c in source["cells"]
    ]


def test_cheatsheet_prints_its_everyday_sections_on_two_sheets_a4_or_letter(served, browser):
    base, _ = served
    source = (ROOT / "docs" / "keras" / "cheatsheet.md").read_text(encoding="utf-8")
    front = yaml.safe_load(source.split("---\n")[1])
    with opened(browser, base, ["keras/cheatsheet/"]) as (visit,):
        check_print_sheet(visit.page, front["print_sheet"])


# Each place where a printed line of code wraps: the text that goes on, and how far right of
# the block's own lines it starts, in characters.
WRAPPED_LINES = """() => [...document.querySelectorAll('section.dl-sheet-yes pre > code')]
.flatMap(code => {
  const style = getComputedStyle(code), range = document.createRange();
  const left = code.getBoundingClientRect().left + parseFloat(style.paddingLeft);
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node; (node = walker.nextNode());)
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      chars.push({ch: node.data[i], rect});
    }
  const ch = chars.find(c => c.rect && c.ch !== ' ')?.rect.width || 1;
  return chars.flatMap((c, i) => {
    const before = chars.slice(0, i).reverse().find(b => b.rect);
    if (!c.rect || !before || before.ch === '\\n' || c.ch === '\\n') return [];
    if (c.rect.top <= before.rect.bottom - 2) return [];
    const text = chars.slice(i, i + 30).map(c => c.ch).join('').split('\\n')[0];
    return [{text, indent: (c.rect.left - left) / ch}];
  });
})"""


def check_print_sheet(page, sections: list[str]) -> None:
    page.evaluate("() => { window.print = () => {}; }")  # no print dialog in a test
    page.get_by_role("button", name="Print the two-page sheet").click()
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        sheets = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert sheets <= 2, f"the two-page sheet prints on {sheets} {paper} sheets"
    page.emulate_media(media="print")
    # A code line too long for the sheet's column wraps, and the rest of it is indented: it
    # cannot pass for a line of its own (`input_dim=100)` read as a new statement).
    size = page.viewport_size
    page.set_viewport_size({"width": 733, "height": 1000})  # an A4 sheet inside its margins
    wraps = page.evaluate(WRAPPED_LINES)
    page.set_viewport_size(size)
    assert wraps, "no code line wraps on the sheet: this check would check nothing"
    flush = [w["text"] for w in wraps if w["indent"] < 2]
    assert not flush, f"wrapped code continues at the margin: {flush[:5]}"
    printed = page.evaluate(
        """() => [...document.querySelectorAll('section.dl-sheet-yes, section.dl-sheet-no')]
            .filter(s => getComputedStyle(s).display !== 'none')
            .map(s => s.querySelector('h2, h3').id)"""
    )
    assert printed == sections
    # Every line of code on the sheet is a block the suite ran: the page's own blocks.
    ran = {
        normal_code(ANNOTATION_MARK.sub("", code)) for code in python_fences("keras/cheatsheet.md")
    }
    blocks = page.locator("section.dl-sheet-yes div.language-python.highlight code")
    assert blocks.count() >= len(printed)
    for i in range(blocks.count()):
        text = normal_code(ANNOTATION_MARK.sub("", blocks.nth(i).text_content()))
        assert text in ran, f"printed block {i + 1} is not one the suite ran:\n{text[:300]}"
