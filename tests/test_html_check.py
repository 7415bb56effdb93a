"""Which highlighted markup the built-page check takes for Python."""

from __future__ import annotations

from bs4 import BeautifulSoup
from html_check import python_markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from site_hooks import lighter_code


def as_built(text: str, lang: str) -> BeautifulSoup:
    """A fence of ``lang`` as the site builds it: Pygments' markup, then the site's spans."""
    markup = highlight(text, get_lexer_by_name(lang), HtmlFormatter(nowrap=True))
    return BeautifulSoup(lighter_code(f"<code>{markup}</code>"), "html.parser").code


def test_a_shell_command_is_not_python_though_both_lexers_mark_only_its_string():
    command = 'python -m pip install "dlcourse @ git+https://example.org/dlcourse@main"\n'
    assert not python_markup(as_built(command, "bash"), command, "bash")


def test_python_highlighting_under_another_class_is_python():
    code = 'import os\nprint(os.sep, "x", 1)\n'
    assert python_markup(as_built(code, "python"), code, "text")
    assert python_markup(as_built(code, "python"), code, None)
    assert python_markup(as_built(code, "python"), code, "bash")
