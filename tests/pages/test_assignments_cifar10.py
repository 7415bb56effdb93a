"""The CIFAR-10 assignment and its reference solution (docs/assignments/*.ipynb).

Each notebook is reviewed as a jupytext percent-format file in snippets/assignments/; the
pair must hold the same cells. The suite runs the notebooks themselves (on the fixture, as
DLCOURSE_CIFAR10=fixture is set for the kernel) and compares every stored output with the
run; these tests read those stored outputs, so nothing is trained twice.
"""

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ["cifar10", "cifar10-solution"]


def notebook(name: str):
    return nbformat.read(ROOT / "docs" / "assignments" / f"{name}.ipynb", as_version=4)


def cells(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_and_its_reviewable_source_hold_the_same_cells(name):
    source = ROOT / "snippets" / "assignments" / f"{name}.py"
    shown = cells(notebook(name))
    reviewed = cells(jupytext.read(source))
    for number, (a, b) in enumerate(zip(reviewed, shown, strict=False), 1):
        assert a == b, (
            f"docs/assignments/{name}.ipynb cell {number} differs from {source.name}; edit the "
            f".py file, then run `.venv/bin/jupytext --update --to ipynb {source.relative_to(ROOT)}"
            f" -o docs/assignments/{name}.ipynb` and `python3 tasks.py update "
            f"docs/assignments/{name}.ipynb`"
        )
    assert len(reviewed) == len(shown), f"{name}: the .py file and the notebook differ in length"


def test_the_cells_to_fill_in_are_marked():
    student = [c for c in notebook("cifar10").cells if "student" in c.metadata.get("tags", [])]
    assert len(student) == 2
    for cell in student:
        assert cell.cell_type == "code"
        assert re.search(r"^# ==== YOUR CODE: .+ ====$", cell.source, re.M)
        assert "\n# ==== END OF YOUR CODE ====" in cell.source
    assert not any(
        "student" in c.metadata.get("tags", []) for c in notebook("cifar10-solution").cells
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_outputs_say_they_come_from_the_fixture(name):
    code = [c for c in notebook(name).cells if c.cell_type == "code"]
    loads = next(c for c in code if "load_fixture" in c.source)
    assert "keras.datasets.cifar10.load_data()" in loads.source  # what readers run
    assert printed(loads).startswith("data: the fixture (made-up images, NOT CIFAR-10)\n")
    intro = " ".join(notebook(name).cells[0].source.split())
    assert (
        "the accuracies shown are accuracies on made-up images and **say nothing about CIFAR-10**"
        in intro
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_stored_grade_report_passes_every_check(name):
    graded = next(c for c in notebook(name).cells if "grade(" in c.source)
    report = printed(graded).splitlines()
    checks = [line for line in report if re.match(r"(PASS|FAIL|SKIP)  ", line)]
    assert [line.split()[0] for line in checks] == ["PASS"] * 6, report
    assert report[-1] == "RESULT: PASS (6 of 6 checks passed)"
    assert report[1].startswith(
        "held-out data: 100 test images of the fixture (made up, not CIFAR-10"
    )


def test_solution_uses_the_modern_pieces_the_assignment_asks_for():
    code = "\n".join(c.source for c in notebook("cifar10-solution").cells if c.cell_type == "code")
    for piece in ("BatchNormalization", "RandomFlip", "RandomTranslation", "CosineDecay"):
        assert piece in code


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_built_page_serves_the_notebook(built_site, name):
    page = built_site["dir"] / "assignments" / name
    html = (page / "index.html").read_text()
    assert f'href="../../download/assignments/{name}.ipynb"' in html
    served = built_site["dir"] / "download" / "assignments" / f"{name}.ipynb"
    committed = (ROOT / "docs" / "assignments" / f"{name}.ipynb").read_text()
    # The same notebook; its install line names this site's repository (and commit, when
    # GitHub Actions builds it) instead of the committed default.
    package = "dlcourse @ git+https://github.com/dlcourse/dlcourse"
    assert served.read_text() == committed.replace(f"{package}@main", package)
