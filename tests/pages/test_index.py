"""Claims the home page makes about its first model."""

from snippet_runner import run_snippet


def test_first_model_learns_digits(capsys):
    ns = run_snippet("snippets/index/first_model.py")
    assert ns["x_train"].shape == (1347, 8, 8, 1)
    assert ns["model"].count_params() == 64 * 32 + 32 + 32 * 10 + 10
    # Ten classes, so chance is 0.10; the page claims a model that has clearly learned.
    assert ns["accuracy"] > 0.9
