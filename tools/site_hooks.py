"""MkDocs hooks: keep every request on the site, and show readers what the tests skip.

* Math written for ``pymdownx.arithmatex`` becomes MathML at build time, so pages
  need no math script at all.
* Notebook pages load the MathJax copy that the ``jupyter-server-mathjax`` package
  ships, served from this site.
* Mermaid comes from ``docs/assets/vendor/`` (fetched by ``python3 tasks.py setup``);
  ``overrides/main.html`` loads it before Material's bundle so Material never
  fetches its own copy.
* A block marked ``<!--pytest.mark.skip(reason="...")-->`` or ``xfail`` gets a
  visible note with the reason, because the comment itself is invisible.
"""

from __future__ import annotations

import ast
import html
import re
import shutil
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

MERMAID = Path("assets/vendor/mermaid/mermaid.min.js")
MATHJAX_PLACEHOLDER = "SITE-MATHJAX"
MATHJAX_DEST = "assets/vendor/mathjax"
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.S,
)
MARK = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*pytest\.mark\.(?P<kind>skip|skipif|xfail)\((?P<args>.*)\)\s*-->\s*$"
)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
NOTES = {
    "skip": ("warning", "Not run by the test suite"),
    "skipif": ("warning", "Not always run by the test suite"),
    "xfail": ("failure", "This example raises an error on purpose"),
}


def on_config(config):
    vendored = Path(config["docs_dir"]) / MERMAID
    if not vendored.exists():
        raise PluginError(
            f"{vendored} is missing. Run `python3 tasks.py setup` (or `serve`/`test`), which "
            "fetches the pinned Mermaid release from the npm registry."
        )
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    lines, out, in_fence = markdown.split("\n"), [], None
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if fence:
            char = fence.group(1)[0]
            in_fence = None if in_fence == char else (in_fence or char)
        m = None if in_fence else MARK.match(line)
        if not m:
            out.append(line)
            continue
        reason = _reason(m.group("args"))
        if not reason:
            raise PluginError(
                f'{page.file.src_path}:{number}: pytest.mark.{m.group("kind")} needs reason="..."'
            )
        kind, title = NOTES[m.group("kind")]
        indent = m.group("indent")
        out += [f'{indent}!!! {kind} "{title}"', "", f"{indent}    {reason}", ""]
    return "\n".join(out)


def _reason(args: str) -> str | None:
    try:
        call = ast.parse(f"f({args})", mode="eval").body
    except SyntaxError:
        return None
    for keyword in call.keywords:
        if keyword.arg == "reason" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return None


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
