"""The CIFAR-10 assignment and its reference solution (docs/assignments/*.ipynb).

Each notebook is reviewed as a jupytext percent-format file in snippets/assignments/; the
pair must hold the same cells. The suite runs the notebooks themselves (on the made-up
stand-in, as DLCOURSE_CIFAR10=fixture is set for the kernel and dlcourse.cifar10.load_data
follows it) and compares every stored output with the run; these tests read those stored
outputs, so nothing is trained twice.
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


def code_cells(name: str):
    return [c for c in notebook(name).cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_cell_holds_the_switch_to_the_stand_in(name):
    # The switch lives in dlcourse.cifar10.load_data (DLCOURSE_CIFAR10); a learner's
    # cells hold what they would write for CIFAR-10 and nothing for the tests.
    for cell in code_cells(name):
        for plumbing in ("FIXTURE", "fixture", "DLCOURSE_CIFAR10", "os.environ"):
            assert plumbing not in cell.source, (name, plumbing, cell.source)
    loads = next(c for c in code_cells(name) if "load_data()" in c.source)
    assert "from dlcourse.cifar10 import data_name, load_data" in loads.source
    fit = next(c for c in code_cells(name) if "model.fit(" in c.source)
    assert "epochs=EPOCHS" in fit.source and "verbose=0" in fit.source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_outputs_say_they_come_from_the_stand_in(name):
    loads = next(c for c in code_cells(name) if "load_data()" in c.source)
    assert printed(loads).startswith("data: STAND-IN (made-up images, NOT CIFAR-10): ")
    intro = " ".join(notebook(name).cells[0].source.split())
    assert "accuracies on made-up images and **say nothing about CIFAR-10**" in intro
    assert "every result line says `[STAND-IN]`" in intro
    # Every line that reports a result (after fit, evaluate, predict) is labelled.
    for step in ("history = model.fit(", "model.evaluate(", "model.predict("):
        cell = next(c for c in code_cells(name) if step in c.source)
        results = [
            line
            for line in printed(cell).splitlines()
            if not line.startswith("epoch ")  # the history, epoch by epoch
        ]
        assert results and all(line.startswith("[STAND-IN] ") for line in results), results
    figure = next(c for c in code_cells(name) if "imshow" in c.source)
    assert 'fig.suptitle(f"{DATA}: ' in figure.source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_stored_grade_report_grades_nothing_on_the_stand_in(name):
    graded = next(c for c in code_cells(name) if "grade(" in c.source)
    report = printed(graded).splitlines()
    assert report[1] == "held-out data: STAND-IN, 50 made-up test images, NOT CIFAR-10"
    checks = [line for line in report if re.match(r"(PASS|FAIL|SKIP|NOTE)  ", line)]
    assert [line.split()[0] for line in checks] == ["PASS"] * 5 + ["NOTE"], report
    assert "not graded: the assignment's bar, 0.70, is for CIFAR-10" in report[-2]
    assert report[-1] == "RESULT: NOT GRADED: STAND-IN data; the other 5 checks passed"
    assert not any("RESULT: PASS" in line for line in report)


def test_each_requirement_links_to_where_it_is_taught():
    intro = notebook("cifar10").cells[0].source
    rows = [line for line in intro.splitlines() if line.startswith("| ")][2:]
    assert [row.split("|")[1].strip() for row in rows] == [
        "input shape",
        "output classes",
        "parameters",
        "output and loss",
        "trains",
        "accuracy",
    ]
    for row in rows:
        label = re.search(r"\(\[[^]]+\]\[(\w+)\]\) \|$", row)
        assert label, row
        target = re.search(rf"^\[{label.group(1)}\]: (\S+)$", intro, re.M)
        assert target and target.group(1).startswith("../../"), row


def test_solution_is_the_cited_recipe_and_says_what_is_cited_and_what_measured():
    cells = notebook("cifar10-solution").cells
    code = "\n".join(c.source for c in code_cells("cifar10-solution"))
    text = " ".join(" ".join(c.source for c in cells if c.cell_type == "markdown").split())
    # TensorFlow's CNN tutorial: three Conv2D, two MaxPooling2D, Dense(64), Dense(10),
    # Adam, 10 epochs, batch 32, all 50,000 training images; its logits output becomes
    # the course's output rule (softmax and the probability loss), same parameters.
    assert code.count("layers.Conv2D(") == 3 and code.count("layers.MaxPooling2D()") == 2
    assert 'layers.Dense(64, activation="relu")' in code
    assert 'layers.Dense(10, activation="softmax")' in code
    assert "EPOCHS = 10" in code and "BATCH_SIZE = 32" in code
    assert 'optimizer="adam"' in code and 'loss="sparse_categorical_crossentropy"' in code
    assert "from_logits=True" not in code
    assert "validation_split" not in code
    model = next(c for c in code_cells("cifar10-solution") if "keras.Sequential(" in c.source)
    assert printed(model) == "122,570 parameters\n"
    assert "https://www.tensorflow.org/tutorials/images/cnn" in text
    assert '"has achieved a test accuracy of over 70%"' in text
    assert "**cited, not measured by this site**" in text
    # The time per epoch is the one the script logged.
    log = (ROOT / "tools" / "cifar10_epoch_time.log").read_text()
    cpu = re.findall(r"one epoch of 50,000 images .*\n  wall (\d+) s, CPU (\d+) s", log)
    assert len(cpu) == 2, log
    walls = sorted(int(wall) for wall, _ in cpu)
    cpus = sorted(int(c) for _, c in cpu)
    assert f"**{cpus[0]} s to {cpus[1]} s of CPU time**" in text
    assert f"**{walls[0]} s to {walls[1]} s of wall-clock time**" in text
    assert "Runtime > Change runtime type" in text


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
