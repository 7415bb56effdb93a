"""MkDocs hooks: keep every request on the site, and show readers what the tests skip.

* Math written for ``pymdownx.arithmatex`` becomes MathML at build time, so pages
  need no math script at all.
* Notebook pages load the MathJax copy that the ``jupyter-server-mathjax`` package
  ships, served from this site.
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
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.site_hooks")
MATHJAX_PLACEHOLDER = "SITE-MATHJAX"
MATHJAX_DEST = "assets/vendor/mathjax"
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.S,
)
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
    if MATHJAX_PLACEHOLDER in content:
        content = content.replace(MATHJAX_PLACEHOLDER, get_relative_url(MATHJAX_DEST, page.url))
    return content


def on_post_build(config) -> None:
    if not any(Path(config["docs_dir"]).rglob("*.ipynb")):
        return
    import jupyter_server_mathjax

    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    shutil.copytree(static, Path(config["site_dir"]) / MATHJAX_DEST, dirs_exist_ok=True)
