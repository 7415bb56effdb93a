"""Notebook pages read like the Markdown pages (tools/notebook_html.py)."""

from notebook_html import like_markdown

CELL = """<div class="jp-InputArea jp-Cell-inputArea">
<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">
<div class="celltoolbar">
<div class="button_container tags_button_container">
<span class="tag-container"><span class="cell-tag">student</span></span>
</div>
</div>
<div class="CodeMirror cm-s-jupyter">
<div class="zeroclipboard-container">
<clipboard-copy for="cell-1" ,="" aria-label="Copy to Clipboard">
<div><span class="notice" hidden="">Copied!</span><svg></svg></div>
</clipboard-copy>
</div>
<div class="highlight-ipynb hl-python"><pre><span></span>x = <span class="mi">1</span>
</pre></div>
<div class="clipboard-copy-txt" id="cell-1">x = 1</div>
</div>
</div>
</div>"""
MARKDOWN = """<h2 id="set-up">Set up<a class="anchor-link" href="#set-up">¶</a></h2>
<blockquote>
<p><strong>Older material says</strong> the dataset is "already available".</p>
<p>It is not.</p>
</blockquote>
<blockquote><p>A plain quote.</p></blockquote>"""
SCRIPTS = """<script>
(function (global, factory) { global.ClipboardCopyElement = factory(); }(this, function () {}));
</script>
<script>
      document.addEventListener('clipboard-copy', function(event) {})
</script>
<style>.x{}</style>"""


def test_a_code_cell_is_a_material_code_block_without_the_notebook_copy_button():
    page = like_markdown(CELL)
    assert '<div class="language-python highlight"><pre><span></span><code tabindex="0">' in page
    assert '<span class="mi">1</span>\n</code></pre></div>' in page
    for gone in ("Copied!", "clipboard", "celltoolbar", "student", "highlight-ipynb"):
        assert gone not in page


def test_the_copy_buttons_script_goes_and_other_markup_stays():
    page = like_markdown(SCRIPTS)
    assert "<script>" not in page and "<style>.x{}</style>" in page


def test_headings_get_materials_permalink_and_a_bold_lead_in_quote_a_note_box():
    page = like_markdown(MARKDOWN)
    assert '<a class="headerlink" href="#set-up" title="Permanent link">¶</a></h2>' in page
    assert (
        '<div class="admonition note"><p class="admonition-title">Older material says...</p>'
        '<p>the dataset is "already available".</p>\n<p>It is not.</p></div>'
    ) in page
    assert "<blockquote><p>A plain quote.</p></blockquote>" in page  # no lead-in: a quote
