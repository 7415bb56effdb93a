"""The site builds strictly, fast, without TensorFlow, and renders math itself."""

import re
from types import SimpleNamespace

import pytest

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


def test_api_reference_documents_dlcourse(built_site):
    html = (built_site["dir"] / "reference" / "index.html").read_text()
    for name in ("load_digits_images", "dense_params", "conv2d_params"):
        assert 'id="dlcourse.' in html and name in html


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


def test_notebook_page_uses_the_sites_own_mathjax_and_links_to_colab(built_site):
    site = built_site["dir"]
    html = (site / "notebooks" / "first-model" / "index.html").read_text()
    assert 'src="../../assets/vendor/mathjax/MathJax.js?config=' in html
    assert (site / "assets" / "vendor" / "mathjax" / "MathJax.js").is_file()
    assert "colab.research.google.com/github/" in html
    assert "blob/main/docs/notebooks/first-model.ipynb" in html
