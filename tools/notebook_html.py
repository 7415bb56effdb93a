"""A notebook page's HTML (mkdocs-jupyter's) made to read like the site's Markdown pages.

mkdocs-jupyter renders a notebook with JupyterLab's markup and a few additions of its own.
``site_hooks.on_page_content`` passes each notebook page through :func:`like_markdown`:

* Code cells become the code blocks Material draws on Markdown pages
  (``<div class="language-python highlight"><pre><code>``), so they get the same colours,
  the same copy button in its band above the first line, and the same keyboard access.
  mkdocs-jupyter's own copy button goes, with its script, its hidden copy of each cell's
  text and its "Copied!" notice (which search indexed).
* Cell tags (``student``, ``solution``: they mark cells for the notebook's tools) are
  not shown: they said nothing to a reader.
* A heading's permalink is Material's, which search leaves out of result titles
  (nbconvert's ``anchor-link`` put a "¶" in them).
* A Markdown cell's quote that opens with a bold lead-in (``> **Older material says** ...``)
  becomes the note box the Markdown pages use (``!!! note "Older material says..."``).
"""

from __future__ import annotations

import re

CLIPBOARD_SCRIPT = re.compile(
    r"<script>(?:(?!</script>).)*?(?:ClipboardCopyElement|'clipboard-copy')(?:(?!</script>).)*"
    r"</script>\s*",
    re.S,
)
CLIPBOARD_BUTTON = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S
)
# The cell's text again, for that button (escaped HTML: it holds no tag).
CLIPBOARD_TEXT = re.compile(r'\s*<div class="clipboard-copy-txt" id="[^"]*">[^<]*</div>')
CELL_TAGS = re.compile(r'<div class="celltoolbar">.*?(?=<div class="CodeMirror)', re.S)
CELL_CODE = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>[\w+-]+)"><pre><span></span>'
    r"(?P<code>.*?)</pre></div>",
    re.S,
)
ANCHOR = re.compile(r'<a class="anchor-link" href="(?P<href>#[^"]*)">¶</a>')
PERMALINK = r'<a class="headerlink" href="\g<href>" title="Permanent link">¶</a>'
LEAD_QUOTE = re.compile(
    r"<blockquote>\s*<p><strong>(?P<title>[^<]+?)</strong>\s*(?P<rest>.*?)</blockquote>", re.S
)


def _code_block(match: re.Match) -> str:
    return (
        f'<div class="language-{match.group("lang")} highlight"><pre><span></span>'
        f'<code tabindex="0">{match.group("code")}</code></pre></div>'
    )


def _note(match: re.Match) -> str:
    title = match.group("title").strip()
    if not title.endswith((".", ":", "!", "?")):
        title += "..."
    return (
        f'<div class="admonition note"><p class="admonition-title">{title}</p>'
        f"<p>{match.group('rest').strip()}</div>"
    )


def like_markdown(content: str) -> str:
    """The notebook page's content (mkdocs-jupyter's HTML), as described above."""
    content = CLIPBOARD_SCRIPT.sub("", content)
    content = CLIPBOARD_BUTTON.sub("", content)
    content = CLIPBOARD_TEXT.sub("", content)
    content = CELL_TAGS.sub("", content)
    content = CELL_CODE.sub(_code_block, content)
    content = ANCHOR.sub(PERMALINK, content)
    return LEAD_QUOTE.sub(_note, content)
