"""The approx mark: what a page may declare about output that comes from training."""

import pytest
from marks import MarkError, parse_mark, tolerance_text


def test_approx_with_wider_lines_and_an_area():
    mark = parse_mark('pytest.mark.approx(abs=0.03, lines={"p = ": 0.2}, area=0.001)')
    assert (mark.tolerance, mark.lines, mark.area) == (0.03, {"p = ": 0.2}, 0.001)
    text = tolerance_text(mark)
    assert 'up to 0.03 (up to 0.2 on lines with "p = ").' in text
    assert "figures drawn from the same training may differ in a detail" in text
    assert tolerance_text(parse_mark("pytest.mark.approx(abs=0.03)")).endswith("up to 0.03.")


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("pytest.mark.approx", "takes abs=..."),
        ("pytest.mark.approx(0.03)", "takes abs=..."),
        ("pytest.mark.approx(abs=0.03, rel=0.1)", "takes abs=..."),
        ("pytest.mark.approx(abs=2)", "abs must be a number above 0 and below 1"),
        ("pytest.mark.approx(abs=0)", "abs must be a number above 0 and below 1"),
        ('pytest.mark.approx(abs="0.03")', "abs must be a number"),
        ('pytest.mark.approx(abs=0.03, lines={"": 0.2})', "lines must be a dict"),
        ('pytest.mark.approx(abs=0.03, lines={"p": 1.5})', "lines['p'] must be a number"),
        ("pytest.mark.approx(abs=0.03, area=0.5)", "area must be a number above 0 and below 0.01"),
    ],
)
def test_approx_marks_that_would_let_anything_through(expr, message):
    with pytest.raises(MarkError, match=message.replace("(", r"\(").replace("[", r"\[")):
        parse_mark(expr)
