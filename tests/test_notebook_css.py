"""Notebook pages keep only the JupyterLab CSS that can style them (tools/notebook_css.py)."""

import re

import pytest
from notebook_css import prune

PAGE = """<html><head><style>
@charset "UTF-8";
.jupyter-wrapper{--jp-used: red;--jp-chain: blue;--jp-via: var(--jp-chain);
  --jp-icon: url(data:image/svg+xml;base64,PHN2Zz4=);--jp-site: 1px;--md-red-50: #ffebee}
.jp-Cell{color: var(--jp-used)}
.jp-Absent{color: var(--jp-via)}
.jp-Cell:not(.jp-mod-active){margin: 0}
.jp-Absent, .jp-Cell > p{padding: 0}
.jupyter-wrapper .bp3-dark .bp3-menu-item:hover{color: red}
.jupyter-wrapper .CodeMirror-hscrollbar{display: none}
.md-typeset .added-by-a-script{color: green}
@media (max-width: 600px){.jp-Absent{margin: 1px}.jp-Cell{margin: 2px}}
@media print{.lm-Widget{display: none}}
@font-face{font-family: X; src: local(X)}
.jp-CodeCell{color: red;;; !!; margin: 0}
</style></head>
<body><div class="jupyter-wrapper"><div class="jp-Cell jp-CodeCell"><p>x</p></div></div></body>
</html>"""


@pytest.fixture(scope="module")
def css():
    pruned = prune(PAGE, also_read=".x{width: var(--jp-site)}")
    return re.search(r"<style>(.*)</style>", pruned, re.S).group(1)


def test_rules_for_classes_the_page_has_stay(css):
    assert ".jp-Cell{color: var(--jp-used);}" in css
    assert ".jp-Cell:not(.jp-mod-active)" in css  # a class it must not have is not needed
    assert ".jp-Absent, .jp-Cell > p" in css  # one selector of the list may match
    assert ".md-typeset .added-by-a-script" in css  # not nbconvert's: a script may add it
    assert "@font-face" in css and "@charset" in css


def test_rules_for_jupyterlab_classes_the_page_lacks_go(css):
    assert ".jp-Absent{" not in css
    assert "bp3-" not in css and "CodeMirror" not in css and "lm-Widget" not in css


def test_a_media_block_keeps_what_can_match_and_goes_when_nothing_can(css):
    assert "@media (max-width: 600px){.jp-Cell{margin: 2px;}}" in css
    assert "@media print" not in css


def test_properties_nothing_reads_go_and_the_rest_stay_whole(css):
    assert "--jp-used: red" in css
    assert "--jp-site" in css  # read by the site's own CSS
    assert "--md-red-50" in css  # not JupyterLab's namespace: Material's CSS may read it
    # Read only by a rule that went, or by a property that went, or by nothing at all.
    for gone in ("--jp-via", "--jp-chain", "--jp-icon", "base64"):
        assert gone not in css


def test_declarations_that_do_not_parse_are_left_out_as_a_browser_would(css):
    assert ".jp-CodeCell{color: red;margin: 0;}" in css
