"""MkDocs hooks: keep every request on the site, and show readers what the tests skip.

* Math written for ``pymdownx.arithmatex`` becomes MathML at build time, so pages
  need no math script at all.
* Notebook pages load the MathJax copy that the ``jupyter-server-mathjax`` package
  ships, served from this site, with a local configuration (``config/local/fonts.js``)
  choosing the only web font that copy has, STIX-Web.
* Mermaid comes from ``docs/assets/vendor/`` (fetched by ``python3 tasks.py setup``);
  ``overrides/main.html`` loads it before Material's bundle so Material never
  fetches its own copy.
* A block marked ``<!--pytest.mark.skip(reason="...")-->`` or ``xfail`` gets a
  visible note with the reason (and, for xfail, the expected error), because the
  comment itself is invisible. Marks are parsed by ``tools/marks.py``, as in the tests.
* The Set up page's ``pip install "dlcourse @ git+...@main"`` names the repository
  (``repo_url``) and the commit the site is built from, so readers install the code the
  pages ran; ``main`` stays where git cannot say (no repository, no git).
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
from pathlib import Path

from latex2mathml.converter import convert
from marks import COMMENT, MarkError, note, parse_mark  # tools/, on the path while hooks load
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.site_hooks")
MERMAID = Path("assets/vendor/mermaid/mermaid.min.js")
MATHJAX_PLACEHOLDER = "SITE-MATHJAX"
MATHJAX_DEST = "assets/vendor/mathjax"
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.S,
)
# MathJax 2 local configuration (the URL in mkdocs.yml names it): the web font the copy has,
# and no "about:blank" font (MathJax's placeholder, which Chromium logs as a CORS error).
MATHJAX_FONTS = """MathJax.Hub.Config({"HTML-CSS": {
  availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null,
  styles: {"@font-face": {"font-family": "MathJax_Blank", src: "local('MathJax_Blank')"}}
}});
MathJax.Ajax.loadComplete("[MathJax]/config/local/fonts.js");
"""
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# The toggle beside a section's own page: only an icon, yet it names the section's nav.
NAV_TOGGLE = re.compile(
    r'<span class="md-ellipsis">\s*(?P<title>[^<]*?)\s*</span>\s*</a>\s*'
    r'<label class="md-nav__link[^"]*" for="(?P<id>__nav_[\d_]+)" id="(?P=id)_label"'
)
NOTEBOOK_CODE = '<div class="highlight-ipynb'
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# As the Set up page writes it, so that its Markdown holds a command that works as it stands.
DEFAULT_REPO, DEFAULT_REF = "https://github.com/dlcourse/dlcourse", "main"
DLCOURSE_FROM_GIT = f"git+{DEFAULT_REPO}@{DEFAULT_REF}"
_built_from = DEFAULT_REF  # set by on_config


def built_commit(root: Path) -> str:
    """The commit checked out in ``root`` (the site's source), or ``main`` if git cannot say."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return DEFAULT_REF
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", commit) else DEFAULT_REF


def install_from_git(repo_url: str | None, ref: str) -> str:
    """The ``git+`` URL pip installs dlcourse from: this site's repository at ``ref``."""
    return f"git+{(repo_url or DEFAULT_REPO).rstrip('/')}@{ref}"


def on_config(config):
    global _built_from
    _built_from = built_commit(Path(config.config_file_path).resolve().parent)
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    if config is not None and DLCOURSE_FROM_GIT in markdown:
        markdown = markdown.replace(
            DLCOURSE_FROM_GIT, install_from_git(config.get("repo_url"), _built_from)
        )
    lines, out, in_fence = markdown.split("\n"), [], None
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if fence:
            char = fence.group(1)[0]
            in_fence = None if in_fence == char else (in_fence or char)
        m = None if in_fence else COMMENT.match(line)
        if not m:
            out.append(line)
            continue
        out.append(line)
        try:
            shown = note(parse_mark(m.group("expr")))
        except MarkError as err:
            # A warning fails the strict build; `serve` goes on so the page can be fixed.
            log.warning(f"{page.file.src_path}:{number}: {err}")
            continue
        if shown:
            kind, title, text = shown
            indent = m.group("indent")
            out[-1:] = [f'{indent}!!! {kind} "{title}"', "", f"{indent}    {text}", ""]
    return "\n".join(out)


def _mathml(match: re.Match) -> str:
    tex = html.unescape(match.group("tex")).strip()
    display = "block" if match.group("open") == "[" else "inline"
    return convert(tex, display=display)


def on_page_content(content: str, page, config, files) -> str:
    content = ARITHMATEX.sub(_mathml, content)
    vendored = Path(config["docs_dir"]) / MERMAID
    if 'class="mermaid"' in content and not vendored.exists():
        raise PluginError(
            f"{page.file.src_path} has a diagram, but {vendored} is missing. Run `python3 "
            "tasks.py setup` (or `serve`/`test`), which fetches the pinned Mermaid release."
        )
    if MATHJAX_PLACEHOLDER in content:
        content = content.replace(MATHJAX_PLACEHOLDER, get_relative_url(MATHJAX_DEST, page.url))
    return content


def on_post_page(output: str, page, config) -> str:
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')
    output = NAV_TOGGLE.sub(lambda m: f'{m.group(0)} aria-label="{m.group("title")}"', output)
    return output.replace(NOTEBOOK_CODE, '<div tabindex="0" class="highlight-ipynb')


def on_post_build(config) -> None:
    if not any(Path(config["docs_dir"]).rglob("*.ipynb")):
        return
    import jupyter_server_mathjax

    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    mathjax = Path(config["site_dir"]) / MATHJAX_DEST
    shutil.copytree(static, mathjax, dirs_exist_ok=True)
    (mathjax / "config" / "local").mkdir(exist_ok=True)
    (mathjax / "config" / "local" / "fonts.js").write_text(MATHJAX_FONTS)
