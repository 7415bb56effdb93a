"""Open the built site in headless Chromium: nothing is requested from another host,
and the diagram, math, code copy buttons and the dark-mode toggle work."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = os.environ.get("SITE_SCREENSHOTS")  # a folder to keep screenshots in, if set


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
            ],
        )
        yield browser
        browser.close()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, requests, errors


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)


def test_every_page_loads_only_from_the_site(served, browser):
    base, site = served
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 3
    for relative in pages:
        page, requests, errors = open_page(browser, base + relative)
        foreign = [u for u in requests if not u.startswith((base, "data:", "blob:"))]
        assert not foreign, f"{relative} requested {foreign}"
        assert not errors, f"{relative}: JavaScript errors {errors}"
        shoot(page, relative.removesuffix("index.html").strip("/").replace("/", "-") or "home")
        page.close()


def test_math_copy_buttons_and_dark_mode(served, browser):
    base, _ = served
    page, _, _ = open_page(browser, base)
    assert page.locator("math").count() >= 3
    assert page.locator("math").first.bounding_box()["width"] > 5  # rendered, not hidden
    assert page.locator("button.md-code__button[title='Copy to clipboard']").count() >= 3
    # The toggle cycles system preference -> light -> dark.
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    toggle.first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    toggle.first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    shoot(page, "home-toggled")
    page.close()
