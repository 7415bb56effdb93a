"""Open every built page in headless Chromium, all at once: nothing is requested from another
host, nothing fails to load, nothing is logged as an error, a first visit loads at most
300 KB (gzip), axe-core finds no accessibility
problem in the light or the dark scheme, math, copy buttons and the dark-mode
toggle work, and code-heavy pages read well on a 390 px wide phone.

axe-core comes from the npm registry like the site's own browser assets (pinned with its
hash in ``requirements/assets.json``), but into ``tests/vendor/``: it is a test tool, so the
built site never serves it."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = os.environ.get("SITE_SCREENSHOTS")  # a folder to keep screenshots in, if set
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices. No rule is turned off.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# The rules whose result depends on the colours: the only ones run again in the dark scheme.
SCHEME_RULES = ["color-contrast", "link-in-text-block"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_PAGES = ["keras/cheatsheet/", "tensorflow/tensors/", "cnn/conv-layer/", "setup/"]
# Notebook pages (mkdocs-jupyter) must pass the same phone checks as the Markdown pages.
PHONE_NOTEBOOKS = ["notebooks/first-model/", "assignments/cifar10-solution/"]
BATCH = 8  # pages loaded at once
BUDGET_GZIP = 300 * 1024  # what a first visit may load, gzip-compressed, on every page
# Transitions would let axe read a colour halfway through the switch to the dark scheme.
NO_TRANSITIONS = "*, ::before, ::after { transition: none !important; animation: none !important }"
# Long pages (the cheat sheet, the API reference) leave parts far from the window unrendered
# until the reader scrolls near them (extra.css: .dl-lazy, .doc-contents). axe measures where
# things lie while it scrolls, and parts that render meanwhile move what it measured: it
# checks every part as rendered, as a reader sees it once scrolled there.
ALL_RENDERED = ".dl-lazy, .doc-contents { content-visibility: visible !important }"


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser", "google-chrome"]
    return next((shutil.which(c) for c in candidates if c and shutil.which(c)), None)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(built_site):
    assert built_site["returncode"] == 0, built_site["log"]
    handler = functools.partial(QuietHandler, directory=str(built_site["dir"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", built_site["dir"]
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test, but no Chromium or Chrome was found")
        pytest.skip("no Chromium or Chrome on this machine (CI installs one)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # Several pages run axe at once; Chromium would throttle the timers of all
                # but the one in front, and axe would spend most of its time waiting.
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
            ],
        )
        yield browser
        browser.close()


class Loaded:
    """A page being loaded, and what it did: requests, failures, errors."""

    def __init__(self, context, base: str, relative: str):
        self.relative = relative or "index.html"
        self.page = context.new_page()
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", self._response)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._console)
        self.page.goto(base + relative, wait_until="commit")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def settle(self) -> None:
        """Wait until the page and what its scripts fetch (the search index) have loaded."""
        self.page.wait_for_load_state("networkidle")


def load_all(context, base: str, relatives: list[str]):
    """Yield every page loaded: BATCH at a time, navigated together, then waited on in turn."""
    for start in range(0, len(relatives), BATCH):
        batch = [Loaded(context, base, r) for r in relatives[start : start + BATCH]]
        for loaded in batch:
            loaded.settle()
            yield loaded


# The site's chrome: the same template on every page, and about a third of a page's
# elements. axe checks it on one page of each top-level section (where the navigation opens
# differently) and the content of every page; page-level rules (title, language, landmarks,
# one main heading) still run on every page.
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"]


def section(relative: str) -> str:
    return relative.split("/")[0] if "/" in relative else ""


# Text that looks exactly like text axe's colour rules already checked (in this scheme, on
# this page or an earlier one) is left out of them: same colour, font size and weight,
# opacity, shadow, decoration and position, the same text colour around it, and the same
# backgrounds, background images, opacity and filters all the way up. Links are always
# checked (link-in-text-block also asks whether a link sits in running text), and so is
# every element with child elements. Returns the looks this page added. A failure names
# the first element of each failing look, not every one.
SAME_LOOK = """(seen) => {
  seen = new Set(seen);
  const chain = new Map();
  const backdrop = el => {
    if (!el) return '';
    if (!chain.has(el)) {
      const s = getComputedStyle(el);
      chain.set(el, [s.backgroundColor, s.backgroundImage, s.opacity, s.filter].join(',')
                    + '/' + backdrop(el.parentElement));
    }
    return chain.get(el);
  };
  const repeated = [], added = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    if (el.children.length || el.closest('a') || !el.textContent.trim()) continue;
    const s = getComputedStyle(el);
    const key = [el.tagName, s.color, s.fontSize, s.fontWeight, s.opacity, s.textShadow,
                 s.textDecorationLine, s.visibility, s.position,
                 getComputedStyle(el.parentElement).color, backdrop(el)].join('|');
    if (seen.has(key)) repeated.push(el); else { seen.add(key); added.push(key); }
  }
  window.__sameLook = repeated;
  return added;
}"""


def start_axe(page, runs: list[tuple[dict, dict]]) -> None:
    """Start axe in the page without waiting for it, so that every page's axe runs at once.
    ``runs``: (context, options) pairs, run one after the other; a context may say
    ``"sameLook": True`` to leave out what :data:`SAME_LOOK` found repeated."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    page.evaluate(
        """runs => {
          const summary = r => r.violations.map(v => ({id: v.id, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
          const context = c => ({exclude: c.exclude.concat(
            c.sameLook ? window.__sameLook.map(el => [el]) : [])});
          window.__axeResult = runs.reduce(
            (done, [c, options]) => done.then(async found =>
              found.concat(summary(await axe.run(context(c), options)))),
            Promise.resolve([]));
        }""",
        runs,
    )


def axe_runs(scheme: str, chrome: bool) -> list[tuple[dict, dict]]:
    """What axe runs on a page: in light, every rule of AXE_TAGS; in dark, the colour rules.
    The colour rules leave out repeated looks (SAME_LOOK); without ``chrome``, every rule
    leaves out the site's chrome."""
    exclude = [] if chrome else [[selector] for selector in CHROME]
    colour = {"runOnly": {"type": "rule", "values": SCHEME_RULES}, "resultTypes": ["violations"]}
    runs = [({"exclude": exclude, "sameLook": True}, colour)]
    if scheme == "light":
        others = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "rules": {rule: {"enabled": False} for rule in SCHEME_RULES},
            "resultTypes": ["violations"],
        }
        runs.insert(0, ({"exclude": exclude}, others))
    return runs


# Code is two thirds of the site's elements, one per Pygments token, and axe's colour rules
# cost about half a millisecond per element. Every token whose colours, font and background
# match an earlier token's on the page (class, computed style, the backgrounds up to its
# code block) becomes plain text, so that axe checks each distinct token look once per page,
# in both schemes (the class decides the colour in each), and the code text's own colour too.
# Token spans carry no meaning for the other rules.
THIN_CODE = """() => {
  const seen = new Set(), backgrounds = new Map();
  const background = el => {
    if (!backgrounds.has(el)) {
      const own = getComputedStyle(el).backgroundColor;
      const up = el.tagName === 'PRE' || !el.parentElement ? '' : background(el.parentElement);
      backgrounds.set(el, own + '/' + up);
    }
    return backgrounds.get(el);
  };
  const repeated = [];  // read every style first: changing the page makes the next read slow
  for (const span of document.querySelectorAll('pre span[class]')) {
    if (span.children.length) continue;
    const s = getComputedStyle(span);
    const key = [span.className, s.color, s.backgroundColor, s.fontSize, s.fontWeight,
                 s.fontStyle, s.opacity, s.visibility, background(span.parentElement)].join('|');
    if (seen.has(key)) repeated.push(span); else seen.add(key);
  }
  for (const span of repeated) span.replaceWith(span.textContent);
  return repeated.length;
}"""


# Material sets up a code block (copy button, annotation markers) when it first scrolls into
# view (`content.lazy` in mkdocs.yml). Scroll the whole page past a viewport made tall for
# the purpose (the width, and so the layout, stays), as a reader reading to the end would,
# and say what came of it: shown blocks, how many of them have a copy button, annotation
# lists marked by tools/site_hooks.py, and annotated blocks.
MOUNT_CODE = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(done));
  // A block in a closed <details> (an exercise's solution) or an unselected tab is set up
  // when it is shown.
  const blocks = [...document.querySelectorAll('.md-content div.highlight')]
    .filter(block => block.getClientRects().length && !block.closest('details:not([open])'));
  const copyable = block => block.querySelector('button[title="Copy to clipboard"]');
  const inView = block => {
    const box = block.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  };
  const waiting = () => blocks.some(block => inView(block) && !copyable(block));
  for (let y = 0; ; y = scrollY + innerHeight) {
    window.scrollTo(0, y);
    // At least a frame, for the scroll observer; then until every block in view is set up,
    // for at most about a second.
    for (let wait = 0; wait < 60 && (!wait || waiting()); wait++) await frame();
    if (scrollY + innerHeight >= document.documentElement.scrollHeight) break;
  }
  window.scrollTo(0, 0);
  await frame();
  const marked = [...document.querySelectorAll('ol.dl-annotations')]
    .filter(ol => blocks.includes(ol.previousElementSibling));
  return {
    blocks: blocks.length,
    copy: blocks.filter(copyable).length,
    marked: marked.length,
    marked_after_annotated: marked.filter(
      ol => ol.previousElementSibling.querySelector('.md-annotation')).length,
    annotated: blocks.filter(block => block.querySelector('.md-annotation')).length,
  };
}"""
TALL = 4000  # px: few steps down the longest page, few pixels to paint at each


def mount_code_blocks(page) -> dict:
    page.bring_to_front()  # animation frames and scroll observers run in the front tab
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": TALL})
    try:
        return page.evaluate(MOUNT_CODE)
    finally:
        page.set_viewport_size(size)


def axe_violations(page) -> list[dict]:
    return page.evaluate("() => window.__axeResult")


def describe(relative: str, scheme: str, violations: list[dict], most: int = 4) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"{relative} [{scheme}] {v['id']} ({v['help']}): {len(v['nodes'])} element(s)")
        for node in v["nodes"][:most]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
        if len(v["nodes"]) > most:
            lines.append(f"    ... and {len(v['nodes']) - most} more")
    return lines


def go_dark(page) -> None:
    """Switch the page to the dark scheme: as Material does when the reader's system turns
    dark (the site's default palette follows `prefers-color-scheme`), it sets
    `data-md-color-scheme="slate"` on the body; set here at once rather than waited for."""
    page.add_style_tag(content=NO_TRANSITIONS)
    page.emulate_media(color_scheme="dark")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)


@pytest.fixture(scope="module")
def site_run(served, browser):
    """Every built page, loaded in light, checked by axe in light and then in dark, with
    what each page requested and logged. One browser context; pages load BATCH at a time."""
    base, site = served
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `python3 tasks.py setup` fetches axe-core (assets.json)")
    relatives = sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
    )
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    # Each page's search worker would index the whole site again (CPU the checks need); here
    # it gets an index with no documents. The search itself is tested on one page, below.
    search_config = json.loads((site / "search" / "search_index.json").read_text())["config"]
    context.route(
        "**/search/search_index.json",
        lambda route: route.fulfill(json={"config": search_config, "docs": []}),
    )
    results: dict[str, dict] = {}
    started = time.perf_counter()
    try:
        with_chrome = {}  # the first page of each section
        for relative in relatives:
            with_chrome.setdefault(section(relative), relative or "index.html")
        seen: dict[str, list[str]] = {"light": [], "dark": []}  # the looks checked so far

        def check(loaded: Loaded, scheme: str) -> None:
            """Start axe in the page in this scheme. Starting the dark check first collects
            the light one's findings; the dark ones are collected after the last batch."""
            if scheme == "dark":
                results[loaded.relative] = {"loaded": loaded, "light": axe_violations(loaded.page)}
                go_dark(loaded.page)
            seen[scheme] += loaded.page.evaluate(SAME_LOOK, seen[scheme])
            start_axe(loaded.page, axe_runs(scheme, loaded.relative in with_chrome.values()))

        # A batch loads while axe checks the one before it, in light and then in dark; the
        # pages' own order decides which page checks a look first.
        loaded_pages: list[Loaded] = []
        previous: list[Loaded] = []
        for start in range(0, len(relatives), BATCH):
            batch = [Loaded(context, base, r) for r in relatives[start : start + BATCH]]
            for loaded in previous:
                check(loaded, "dark")
            for loaded in batch:
                loaded.settle()
                loaded.page.add_style_tag(content=ALL_RENDERED)
                loaded.clipped_math = loaded.page.evaluate(CLIPPED_MATH)
                loaded.too_wide = loaded.page.evaluate(TOO_WIDE)
                loaded.page.evaluate(THIN_CODE)
                check(loaded, "light")
            loaded_pages += batch
            previous = batch
        for loaded in previous:
            check(loaded, "dark")
        for loaded in loaded_pages:
            results[loaded.relative]["dark"] = axe_violations(loaded.page)
        for loaded in loaded_pages:
            shoot(loaded.page, loaded.relative.strip("/").replace("/", "-") or "home")
        seconds = time.perf_counter() - started
        print(f"\n{len(relatives)} pages loaded and checked by axe in {seconds:.1f} s")
        yield base, results
    finally:
        context.close()


def test_every_page_loads_only_from_the_site(site_run):
    base, results = site_run
    assert len(results) >= 3
    host = urlsplit(base).netloc
    problems = []
    for relative, entry in results.items():
        loaded = entry["loaded"]
        foreign = [
            u
            for u in loaded.requests
            if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != host
        ]
        if foreign:
            problems.append(f"{relative} requested another host: {foreign}")
        if loaded.failed:
            problems.append(f"{relative}: failed requests {loaded.failed}")
        if loaded.errors:
            problems.append(f"{relative}: errors {loaded.errors}")
    assert not problems, "\n".join(problems)


# Every drawn part of a display equation inside its box, and no box that scrolls up and
# down: what a clipped equation (the tops of fractions cut off, a small vertical scroll
# bar) looks like from the page. Wider than the column, it scrolls sideways instead.
CLIPPED_MATH = """() => [...document.querySelectorAll('math[display=block]')].flatMap((m, i) => {
  const box = m.getBoundingClientRect();
  const out = [...m.querySelectorAll('*')].map(e => e.getBoundingClientRect())
    .filter(r => r.width && r.height)
    .filter(r => r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5);
  const style = getComputedStyle(m);
  return out.length || style.overflowY !== 'hidden' ? [`equation ${i + 1}`] : [];
})"""


def test_display_math_is_not_clipped(site_run):
    _, results = site_run
    clipped = {page: entry["loaded"].clipped_math for page, entry in results.items()}
    assert not any(clipped.values()), {page: eqs for page, eqs in clipped.items() if eqs}


# What does not fit the column at 1280 px (issue 25), with every exercise's solution opened
# and every tab shown for the measurement: a code or output block that scrolls sideways (its
# end off-screen), a table wider than its box (its last columns hidden), and a figure
# without its size (the page moves as it loads) or, below the first screenful, loaded at
# once. Notebook pages too: their cells are the same code blocks.
TOO_WIDE = """() => {
  const opened = [...document.querySelectorAll('.md-content details:not([open])')];
  opened.forEach(d => d.open = true);
  const shown = [...document.querySelectorAll('.md-content .tabbed-block')]
    .filter(b => !b.getClientRects().length);
  shown.forEach(b => b.style.display = 'block');
  const problems = [];
  const first = text => text.trim().split('\\n')[0].slice(0, 60);
  for (const code of document.querySelectorAll('.md-content pre > code')) {
    if (!code.getClientRects().length) continue;
    if (code.scrollWidth > code.clientWidth + 1)
      problems.push(`a code block scrolls sideways (${code.scrollWidth}px in ` +
                    `${code.clientWidth}px): ${first(code.textContent)}`);
  }
  for (const table of document.querySelectorAll('.md-content table')) {
    const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
    if (table.getClientRects().length && table.scrollWidth > box.clientWidth + 1)
      problems.push(`a table hides columns (${table.scrollWidth}px in ${box.clientWidth}px): ` +
                    first(table.innerText));
  }
  shown.forEach(b => b.style.display = '');
  opened.forEach(d => d.open = false);
  for (const img of document.querySelectorAll('.md-content img[src*="figures/"]')) {
    const name = img.getAttribute('src').split('/').pop();
    if (!img.getAttribute('width') || !img.getAttribute('height'))
      problems.push(`figure ${name} has no width and height`);
    else if (img.getBoundingClientRect().top > innerHeight && img.loading !== 'lazy')
      problems.push(`figure ${name} is below the first screenful but not loading="lazy"`);
  }
  return problems;
}"""


def test_code_outputs_tables_and_figures_fit_the_column(site_run):
    _, results = site_run
    problems = [
        f"{page}: {problem}"
        for page, entry in results.items()
        for problem in entry["loaded"].too_wide
    ]
    assert not problems, "\n".join(problems)


@functools.cache
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def test_first_visit_weighs_at_most_300_kb_gzip_on_every_page(site_run, served):
    """Everything a page requested (HTML, CSS, scripts, images, fonts), gzip-compressed as a
    server would send it, read from the built files: a first visit. Playwright reports a
    request even when Chromium answers it from its cache, so pages loaded after others in
    the same context still list every file they need."""
    base, results = site_run
    _, site = served
    weights = {}
    for relative, entry in results.items():
        files = set()
        for url in entry["loaded"].requests:
            if not url.startswith(base):
                continue
            path = site / unquote(urlsplit(url).path).removeprefix(urlsplit(base).path)
            files.add(path / "index.html" if path.is_dir() else path)
        weights[relative] = sum(gzip_size(f) for f in files if f.is_file()), len(files)
    heaviest = sorted(weights.items(), key=lambda item: -item[1][0])
    print("\nheaviest first visits (gzip):")
    for relative, (size, count) in heaviest[:3]:
        print(f"  {size / 1024:6.1f} KB in {count:2d} files  {relative}")
    over = {r: f"{size / 1024:.0f} KB" for r, (size, _) in weights.items() if size > BUDGET_GZIP}
    assert not over, f"over the {BUDGET_GZIP // 1024} KB budget: {over}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(site_run, scheme):
    _, results = site_run
    lines = [
        line
        for relative, entry in results.items()
        for line in describe(relative, scheme, entry[scheme])
    ]
    counts: dict[str, int] = {}
    for entry in results.values():
        for v in entry[scheme]:
            counts[v["id"]] = counts.get(v["id"], 0) + len(v["nodes"])
    assert not lines, f"axe-core, {scheme} scheme: {json.dumps(counts)}\n" + "\n".join(lines)


def test_math_copy_buttons_and_dark_mode(served, browser):
    base, _ = served
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base)
    assert page.locator("math").count() >= 3
    assert page.locator("math").first.bounding_box()["width"] > 5  # rendered, not hidden
    mounted = mount_code_blocks(page)
    assert mounted["blocks"] >= 3 and mounted["copy"] == mounted["blocks"], mounted
    # The page starts in the system's scheme (light here), and the toggle's first click
    # changes it: light -> dark -> light.
    scheme = page.locator("body")
    assert scheme.get_attribute("data-md-color-scheme") == "default"
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    toggle.first.click()
    assert scheme.get_attribute("data-md-color-scheme") == "slate"
    toggle.first.click()
    assert scheme.get_attribute("data-md-color-scheme") == "default"
    toggle.first.click()
    shoot(page, "home-toggled")
    # Search, with the real index (the other pages get an empty one): it finds a page.
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("GradientTape")  # as typed
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.close()


# What a phone shows badly (tests/phone_check.js): a table wider than the screen with no scroll
# container around it, the page itself scrolling sideways, inline code broken between two
# letters although it had a better place to break, a copy button over code text.
PHONE_CHECK = (Path(__file__).resolve().parent / "phone_check.js").read_text()


def test_phone_layout(served, browser):
    base, _ = served
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    problems = []
    try:
        for loaded in load_all(context, base, PHONE_PAGES + PHONE_NOTEBOOKS):
            mounted = mount_code_blocks(loaded.page)
            if mounted["copy"] != mounted["blocks"]:
                problems.append(f"{loaded.relative}: copy buttons on {mounted}")
            problems += [f"{loaded.relative}: {p}" for p in loaded.page.evaluate(PHONE_CHECK)]
            shoot(loaded.page, "phone-" + loaded.relative.strip("/").replace("/", "-"))
    finally:
        context.close()
    assert not problems, "\n".join(problems)
