"""The Keras cheatsheet: every modern snippet, alone, on each Keras backend it claims.

How it works is explained in ``tests/cheatsheet_backends.py``. In short: one fresh
process per backend runs every snippet in its own namespace and temporary directory,
with ``import dlcourse`` refused; each (snippet, backend) pair is its own test item
here. A snippet is a whole file of ``snippets/keras/cheatsheet/`` or the ``new``
section of a file in ``legacy/`` (the "Keras 3" tab of an old-vs-new pair). The
backends it runs on come from its first line (``# Verified on: ...``), which the page
shows at the top of the snippet, so the page and the tests read the same claim. A
backend the snippet says it does not run on (``# Not on ...: why``) is tested too: the
snippet must fail there.

The workers are started when pytest has collected the tests (``tests/conftest.py``),
so they run while the page's program runs; ``backend_runs`` waits for them. The
page's program runs every snippet it shows on TensorFlow, in one kernel, after the blocks
before it; the workers run each one alone. A snippet verified on TensorFlow and another
backend is not run alone on TensorFlow a second time: the page shows it runs there, and
the other backend's worker that it runs alone (``cb.covered_on_tensorflow``).
"""

from __future__ import annotations

import ast
import functools
import re
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import cheatsheet_backends as cb
import pytest
from shown import output_after

PAGE = cb.ROOT / "docs" / "keras" / "cheatsheet.md"
LEGACY_DIR = cb.LEGACY_DIR
SNIPPETS = cb.snippet_files()
ALL = cb.snippets()  # the files above, the legacy "new" sections, the checks
NAMES = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}


def _cases() -> list:
    cases = []
    for snippet in ALL:
        try:
            verified, not_on = cb.header(snippet)
        except cb.HeaderError:
            continue  # reported by test_snippet_header
        for backend in cb.BACKENDS:
            case_id = f"{snippet.name}-{backend}"
            if backend == "tensorflow" and cb.covered_on_tensorflow(snippet):
                continue  # test_tensorflow_claim_is_covered_by_the_page
            if backend in verified:
                cases.append(pytest.param(snippet, backend, "passes", id=case_id))
            elif backend in not_on:
                cases.append(pytest.param(snippet, backend, "fails", id=case_id))
    return cases


@pytest.fixture(scope="module")
def backend_runs() -> dict:
    """The three workers' results (started at collection; one process per backend)."""
    start = time.perf_counter()
    runs = cb.run_all()
    print(f"\ncheatsheet workers: waited {time.perf_counter() - start:.1f} s for all three")
    for backend, run in runs.items():
        records = run["records"].values()
        wall = sum(r["seconds"] for r in records)
        cpu = sum(r["cpu_seconds"] for r in records)
        print(
            f"  {backend}: {run['seconds']:.1f} s from start, "
            f"of which snippets {wall:.1f} s ({cpu:.1f} s CPU)"
        )
    return runs


@pytest.mark.parametrize("snippet", ALL, ids=[s.name for s in ALL])
def test_snippet_header(snippet: cb.Snippet):
    cb.header(snippet)  # raises HeaderError naming the file and line


@pytest.mark.parametrize(("snippet", "backend", "outcome"), _cases())
def test_snippet_alone_on_backend(
    snippet: cb.Snippet, backend: str, outcome: str, backend_runs: dict
):
    run = backend_runs[backend]
    record = run["records"].get(snippet.spec)
    if record is None:
        pytest.fail(
            f"the {backend} worker did not report {snippet.name} (exit code "
            f"{run['returncode']}):\n" + run["log"][-3000:]
        )
    if outcome == "passes" and record["status"] != "passed":
        pytest.fail(
            f"{snippet.include} says '# Verified on: ... {backend}', but run "
            f"alone on the {backend} backend it failed:\n{record['error']}"
        )
    if outcome == "fails" and record["status"] == "passed":
        pytest.fail(
            f"{snippet.include} says it does not run on {backend}, but it ran "
            f"there. Add {backend} to its '# Verified on:' line and drop it from '# Not on'."
        )


# scikit-learn: data_tables.py standardizes with it next to the Keras way, as the page says.
READER_MODULES = {"keras", "numpy", "tensorflow", "torch", "jax", "sklearn"}


@pytest.mark.parametrize("snippet", ALL, ids=[s.name for s in ALL])
def test_snippet_imports_only_what_a_reader_has(snippet: cb.Snippet):
    """What the fresh worker process guarantees at run time (no dlcourse, nothing from this
    repository), checked in the code itself: it also covers the TensorFlow runs that the
    page's blocks do in the pytest process."""
    tree = ast.parse(snippet.text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{snippet.name}: relative import"
            names = [node.module]
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            assert called not in {"__import__", "import_module", "exec", "eval"}, snippet.name
            continue
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top in READER_MODULES or top in sys.stdlib_module_names, (
                f"{snippet.name} imports {name}: not something a reader has"
            )


COVERED = [s for s in ALL if cb.covered_on_tensorflow(s)]


@functools.cache
def _program_runs() -> tuple[str, ...]:
    """The code of the page's program cells that run (not skipped, not expected to fail)."""
    from pages import SiteConfig, read_page
    from program import RAISES_TAG, SKIP_TAG, site_program

    site = SiteConfig.load(cb.ROOT / "mkdocs.yml")
    program = site_program(read_page(PAGE, site, PAGE.relative_to(cb.ROOT)), site.root, "")
    return tuple(
        cell.code
        for cell in program.cells
        if cell.block is not None and not {SKIP_TAG, RAISES_TAG} & set(cell.tags)
    )


@pytest.mark.parametrize("snippet", COVERED, ids=[s.name for s in COVERED])
def test_tensorflow_claim_is_covered_by_the_page(snippet: cb.Snippet, backend_runs: dict):
    """Not run alone on TensorFlow: the page's program runs it there (the page's own items
    fail if it raises), and here it ran alone on another backend it claims."""
    assert cb.shown_on_page(snippet)
    assert any(snippet.text().strip() in code for code in _program_runs()), (
        f"the page shows {snippet.name} but its program does not run it"
    )
    assert snippet not in cb.plan("tensorflow")
    verified, _ = cb.header(snippet)
    elsewhere = [b for b in verified if b != "tensorflow"]
    records = [backend_runs[b]["records"].get(snippet.spec) for b in elsewhere]
    assert any(r and r["status"] == "passed" for r in records), (
        f"{snippet.name} ran alone on none of {', '.join(elsewhere)}"
    )


def test_tensorflow_worker_runs_what_nothing_else_covers():
    planned = cb.plan("tensorflow")
    assert planned and len(planned) < len(ALL) // 2
    for snippet in planned:
        verified, not_on = cb.header(snippet)
        assert verified == ("tensorflow",) or "tensorflow" in not_on, snippet.name


def test_backend_choosing_snippet_really_chooses(backend_runs: dict):
    """backend.py ran in a process started without KERAS_BACKEND and came up on JAX."""
    (snippet,) = [s for s in ALL if cb.chosen_backend(s)]
    record = backend_runs[cb.chosen_backend(snippet)]["records"][snippet.spec]
    assert record["status"] == "passed", record["error"]
    assert record["output"].strip() == cb.chosen_backend(snippet)


# --- the worker's isolation, checked with throwaway snippets (no Keras, so fast) -------


def test_worker_isolates_snippets(tmp_path: Path):
    files = {
        "a_defines.py": "import json\nleft_behind = 1\nopen('note.txt', 'w').write('x')\n",
        "b_uses_name.py": "print(left_behind)\n",
        "c_uses_import.py": "print(json.dumps(1))\n",
        "d_reads_file.py": "open('note.txt').read()\n",
        "e_dlcourse.py": "import dlcourse\n",
        "f_dlcourse_sub.py": "from dlcourse.params import dense_params\n",
        "g_fine.py": "import json\nprint(json.dumps([1]))\n",
        # Sections run alone too, and only their own lines: not the rest of the file.
        "h_sections.py": (
            "raise SystemExit('outside every section')\n"
            "# --8<-- [start:one]\nsection_name = 1\nprint(__name__)\n# --8<-- [end:one]\n"
            "# --8<-- [start:two]\nprint(section_name)\n# --8<-- [end:two]\n"
        ),
    }
    for name, code in files.items():
        (tmp_path / name).write_text(code)
    specs = [tmp_path / name for name in files if not name.startswith("h_")]
    sections = tmp_path / "h_sections.py"
    specs += [cb.Snippet(sections, "one"), cb.Snippet(sections, "two")]
    run = cb.collect(*cb.start_backend("tensorflow", specs), timeout=60)
    records = {Path(p).name: r for p, r in run["records"].items()}
    status = {name: r["status"] for name, r in records.items()}
    assert status == {
        "a_defines.py": "passed",
        "b_uses_name.py": "failed",  # NameError: globals are fresh
        "c_uses_import.py": "failed",  # NameError: an earlier snippet's import is not visible
        "d_reads_file.py": "failed",  # FileNotFoundError: each snippet has its own directory
        "e_dlcourse.py": "failed",
        "f_dlcourse_sub.py": "failed",
        "g_fine.py": "passed",
        "h_sections.py:one": "passed",
        "h_sections.py:two": "failed",  # NameError: section one's name is not visible
    }, run["log"]
    assert "NameError" in records["b_uses_name.py"]["error"]
    assert "ModuleNotFoundError" in records["e_dlcourse.py"]["error"]
    assert records["g_fine.py"]["output"] == "[1]\n"
    assert records["h_sections.py:one"]["output"] == "__main__\n"
    assert "NameError" in records["h_sections.py:two"]["error"]
    assert "print(section_name)" in records["h_sections.py:two"]["error"]  # its own lines


# --- the page and the snippets agree -----------------------------------------------------


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_page_includes_snippet_whole(path: Path):
    """Whole file, so the reader sees its '# Verified on' line and the docs suite runs it all."""
    rel = path.relative_to(cb.ROOT).as_posix()
    includes = re.findall(rf'--8<-- "{re.escape(rel)}(:[\w-]+)?"', _page())
    assert includes == [""], f"the page must include {rel} exactly once, whole (no :section)"


def test_legacy_sections_found():
    """The runner found the Keras 3 side of the pairs (a header typo would hide one)."""
    assert len(cb.legacy_sections()) >= 11
    for path in sorted(LEGACY_DIR.glob("*.py")):
        new = cb.section_text(path.read_text(encoding="utf-8"), "new")
        if "import keras" in new or "from keras" in new:
            assert cb.Snippet(path, "new") in ALL, f"{path.name}:new uses Keras but has no header"


def test_page_includes_every_legacy_pair():
    page = _page()
    for snippet in cb.legacy_sections():
        rel = snippet.path.relative_to(cb.ROOT).as_posix()
        for section in ("old", "new"):
            assert page.count(f'--8<-- "{rel}:{section}"') == 1, f"show {rel}:{section} once"


def _tabs(page: str) -> list[tuple[str, str]]:
    """``(tab title, first include in the tab)`` for each ``=== "..."`` content tab."""
    tabs = []
    lines = page.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r'^=== "(?P<title>[^"]+)"', line)
        if m:
            for body in lines[i + 1 :]:
                if body.startswith("=== ") or body.startswith("#"):
                    break
                inc = re.search(r'--8<-- "(?P<include>[^"]+)"', body)
                if inc:
                    tabs.append((m.group("title"), inc.group("include")))
                    break
    return tabs


def test_every_keras3_tab_is_a_tested_snippet():
    """Each "Keras 3" tab shows a snippet with a header, which the workers run; and each
    legacy snippet the workers run is shown in a "Keras 3" tab."""
    tested = {s.include for s in cb.legacy_sections()}
    shown = [include for title, include in _tabs(_page()) if title == "Keras 3"]
    assert shown, "no Keras 3 tabs found"
    assert sorted(shown) == sorted(tested)
    assert len(shown) == len(set(shown))


def test_keras3_tab_comes_first():
    """A reader looking something up wants the code that works: in every old-vs-new tab
    set (one per section) the "Keras 3" tab is the one shown first."""
    sections = re.split(r"^#{2,6} .*\{ #[\w-]+ \}$", _page(), flags=re.M)
    firsts = [tabs[0] for s in sections if (tabs := re.findall(r'^=== "([^"]+)"', s, re.M))]
    assert len(firsts) >= 12, firsts
    assert set(firsts) == {"Keras 3"}, firsts


def test_checks_back_the_pages_claims():
    """The files in checks/ are not on the page; the one there backs its export claim."""
    page = _page()
    for path in cb.check_files():
        assert f"checks/{path.name}" not in page
    assert cb.header(cb.CHECKS_DIR / "savedmodel.py")[0] == ("torch",)
    assert "On the PyTorch backend that export fails" in page
    assert "the tests check that it still does" in page
    assert cb.header(cb.CHECKS_DIR / "torch_export_batch.py")[0] == ("torch",)
    export = (cb.SNIPPET_DIR / "export.py").read_text(encoding="utf-8")
    assert "(a batch of 2 fails its guard)" in export


def test_page_says_keras3_tabs_run_everywhere():
    assert 'Every "Keras 3" tab of [From Keras 1/2](#old-vs-new) runs on all three.' in _page()
    for snippet in cb.legacy_sections():
        assert cb.header(snippet)[0] == cb.BACKENDS, snippet.name


def _backend_table(page: str) -> dict[str, tuple[str, ...]]:
    """The page's 'Backends' table: ``| [`train.py`](#...) | yes | yes | no, reason |``."""
    rows = {}
    for line in page.splitlines():
        m = re.match(r"^\| \[`(?P<name>\w+\.py)`\]\(#[\w-]+\) \|(?P<cells>.*)\|\s*$", line)
        if m:
            cells = [c.strip() for c in m.group("cells").split("|")]
            rows[m.group("name")] = tuple(
                b for b, cell in zip(cb.BACKENDS, cells, strict=True) if cell == "yes"
            )
    return rows


def test_page_backend_table_matches_headers():
    page = _page()
    header_row = "| Snippet | " + " | ".join(NAMES[b] for b in cb.BACKENDS) + " |"
    assert header_row in page, "the backend table's columns must be in cb.BACKENDS order"
    table = _backend_table(page)
    claimed = {p.name: cb.header(p)[0] for p in SNIPPETS}
    assert table == claimed


def test_backend_table_links_to_the_snippets_section():
    """Each row's link goes to the heading the snippet is shown under."""
    page = _page()
    for line in page.splitlines():
        m = re.match(r"^\| \[`(?P<name>\w+\.py)`\]\(#(?P<anchor>[\w-]+)\) \|", line)
        if not m:
            continue
        section = _section(page, m.group("anchor"))
        assert f'cheatsheet/{m.group("name")}"' in section, m.group("name")


def test_backend_table_parser_reads_what_it_should():
    """A table that lied (or a parser that saw nothing) would not pass the test above."""
    sample = textwrap.dedent(
        """\
        | Snippet | TensorFlow | JAX | PyTorch |
        | --- | --- | --- | --- |
        | [`a.py`](#a) | yes | yes | yes |
        | [`b.py`](#b) | yes | no: reason | yes |
        """
    )
    assert _backend_table(sample) == {
        "a.py": ("tensorflow", "jax", "torch"),
        "b.py": ("tensorflow", "torch"),
    }


# --- the old-vs-new table ----------------------------------------------------------------

LEGACY_ROW = re.compile(r"^\| `[^|]+` [^|]*\| \[(?P<names>[\w, ]+)\]\(#(?P<anchor>legacy-[\w-]+)\)")


def _legacy_table(page: str) -> list[tuple[list[str], str]]:
    """Rows of the old-vs-new table: ``([exception names], anchor)`` from its 'Today' cell."""
    rows = []
    for line in page.splitlines():
        m = LEGACY_ROW.match(line)
        if m:
            rows.append(([n.strip() for n in m.group("names").split(",")], m.group("anchor")))
    return rows


def _section(page: str, anchor: str) -> str:
    """The text from the heading ``{ #anchor }`` to the next heading (outside code)."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith(f"{{ #{anchor} }}"))
    end, in_code = len(lines), False
    for i in range(start + 1, len(lines)):
        if lines[i].strip().startswith("```"):
            in_code = not in_code
        elif not in_code and re.match(r"#{1,6} ", lines[i]):
            end = i
            break
    return "\n".join(lines[start:end])


def test_legacy_table_matches_the_captured_messages():
    """The 'Today' column names exactly what the old line printed when the suite ran it;
    one row for each pair the page shows."""
    page = _page()
    rows = _legacy_table(page)
    shown = sorted(
        set(re.findall(r'--8<-- "snippets/keras/cheatsheet/legacy/(\w+)\.py:old"', page))
    )
    linked = []
    for names, anchor in rows:
        section = _section(page, anchor)
        old = re.findall(r'legacy/(\w+)\.py:old"', section)
        assert len(old) == 1, f"#{anchor} should show one old line"
        linked += old
        under_old = output_after(PAGE, f'legacy/{old[0]}.py:old"')  # the old line's tab
        printed = set(re.findall(r"^(\w+): ", under_old, re.M))
        assert printed == set(names), f"#{anchor}: table says {names}, the run printed {printed}"
    assert sorted(linked) == shown, "one table row for each old-vs-new pair"


# --- claims in the prose and tables, checked against the pinned Keras ---------------------


def _names_table(page: str) -> list[tuple[str, str]]:
    """``(module, cell)`` for each row of the 'Common names' table."""
    section = _section(page, "names")
    return re.findall(r"^\| [^|`]+ \| `(keras[\w.]*)` \| (.+) \|$", section, re.M)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_common_names_exist():
    """Every name in the table exists in its module; each quoted string resolves, through
    the module's ``get``, to the class it follows (losses: to its function)."""
    import importlib

    rows = _names_table(_page())
    assert len(rows) >= 10, rows
    checked = 0
    for module_name, cell in rows:
        module = importlib.import_module(module_name)
        for name, note in re.findall(r"`(\w+)`(?: \(([^)]*)\))?", cell):
            strings = re.findall(r'`"(\w+)"`', note)
            assert hasattr(module, name), f"{module_name}.{name} does not exist"
            checked += 1
            if module_name == "keras.activations":  # passed by name: activation="relu"
                assert module.get(name) is getattr(module, name)
            for string in strings:
                got = module.get(string)
                cls = getattr(module, name)
                if string == "accuracy":  # chosen at compile time; see test below
                    continue
                if isinstance(got, type) or not callable(got) or hasattr(got, "get_config"):
                    assert isinstance(got, cls), f"{module_name}.get({string!r}) is {got!r}"
                else:  # a loss function: mean_squared_error for MeanSquaredError
                    assert got.__name__ == _snake(name), f"{string!r} gives {got.__name__}"
    assert checked >= 60


def test_accuracy_is_chosen_from_shapes():
    """'"accuracy" becomes binary, sparse or one-hot accuracy, from the shapes'."""
    import numpy as np
    from keras.src.trainers.compile_utils import get_metric

    def chosen(y_true_shape, y_pred_shape):
        return type(get_metric("accuracy", np.zeros(y_true_shape), np.zeros(y_pred_shape)))

    import keras

    assert chosen((4, 1), (4, 1)) is keras.metrics.BinaryAccuracy
    assert chosen((4,), (4, 3)) is keras.metrics.SparseCategoricalAccuracy
    assert chosen((4, 3), (4, 3)) is keras.metrics.CategoricalAccuracy


def test_validation_split_takes_the_last_samples():
    """data_images.py: fit's validation_split holds out the LAST part, before shuffling."""
    import numpy as np
    from keras.src.trainers.data_adapters import array_slicing

    train, validation = array_slicing.train_validation_split(np.arange(10), 0.2)
    assert np.asarray(validation).tolist() == [8, 9]
    assert np.asarray(train).tolist() == list(range(8))
    for backend in ("tensorflow", "jax", "torch"):  # and every backend's fit uses it
        source = Path(array_slicing.__file__).parents[2] / "backend" / backend / "trainer.py"
        assert "array_slicing.train_validation_split(" in source.read_text(), backend


def test_to_categorical_takes_cifar_shaped_labels():
    """'to_categorical accepts its (50000, 1) labels as they are'."""
    import keras
    import numpy as np

    one_hot = keras.utils.to_categorical(np.array([[3], [0]], dtype=np.uint8), num_classes=10)
    assert one_hot.shape == (2, 10) and one_hot.argmax(axis=1).tolist() == [3, 0]


def _skipped_loader_block(page: str) -> str:
    section = _section(page, "data")
    m = re.search(r"<!--pytest\.mark\.skip\(.*?\)-->\n```python\n(?P<code>.*?)```", section, re.S)
    assert m, "the data section shows the downloading loaders, marked skip"
    return m.group("code")


# What each loader's docstring says it returns; the page's comments and stand-ins say the same.
DOCUMENTED = {
    "mnist": [
        "`uint8` NumPy array of grayscale image data with shapes\n      `(60000, 28, 28)`",
        "`uint8` NumPy array of digit labels (integers in range 0-9)\n      with shape `(60000,)`",
    ],
    "fashion_mnist": ["`(60000, 28, 28)`", "with shape `(60000,)`"],
    "cifar10": ["`uint8` NumPy array", "`(50000, 32, 32, 3)`", "with shape `(50000, 1)`"],
    "imdb": ["lists of sequences, which are lists of indexes", "lists of integer labels (1 or 0)"],
    "boston_housing": ["with shape `(num_samples, 13)`", "of shape `(num_samples,)`"],
}


def test_loader_comments_match_the_loaders_documentation():
    import keras

    code = _skipped_loader_block(_page())
    loaders = set(re.findall(r"keras\.datasets\.(\w+)\.load_data\(", code))
    assert loaders == {"mnist", "cifar10", "imdb", "boston_housing"}
    for name, phrases in DOCUMENTED.items():
        doc = getattr(keras.datasets, name).load_data.__doc__
        for phrase in phrases:
            assert phrase in doc, f"keras.datasets.{name}.load_data no longer says {phrase!r}"
    assert "x: uint8 (60000, 28, 28)" in code and "y: uint8 (60000,)" in code
    assert "x: uint8 (50000, 32, 32, 3); y: uint8 (50000, 1)" in code
    assert "(samples, 13)" in code and "(samples,)" in code


@pytest.mark.parametrize(
    ("snippet", "loader", "stand_in"),
    [
        (
            "data_images.py",
            "mnist",
            ["size=(600, 28, 28), dtype=np.uint8", "size=(600,), dtype=np.uint8"],
        ),
        ("data_text.py", "imdb", ["np.empty(100, dtype=object)", ".tolist()"]),
        ("data_tables.py", "boston_housing", ["size=(80, 13)", "size=80)"]),
    ],
)
def test_stand_ins_have_the_loaders_shapes(snippet: str, loader: str, stand_in: list[str]):
    """Each stand-in names the loader it replaces (and the page shows that loader), with
    arrays of the documented dtype and per-example shape."""
    text = (cb.SNIPPET_DIR / snippet).read_text(encoding="utf-8")
    assert f"keras.datasets.{loader}.load_data(" in text
    assert f"keras.datasets.{loader}.load_data(" in _skipped_loader_block(_page())
    for fragment in stand_in:
        assert fragment in text, f"{snippet}: {fragment!r}"


def test_applications_smallest_sides():
    """applications.py's table of smallest inputs is what Keras enforces (checked on the
    TensorFlow backend; a size one pixel smaller fails before any weights are made)."""
    import keras

    tree = ast.parse((cb.SNIPPET_DIR / "applications.py").read_text(encoding="utf-8"))
    (table,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == "smallest_side"
    ]
    sides = {k.id: v.value for k, v in zip(table.keys, table.values, strict=True)}
    assert set(sides) == {"MobileNetV3Small", "VGG16", "ResNet50", "InceptionV3"}
    for name, side in sides.items():
        network = getattr(keras.applications, name)
        with pytest.raises(ValueError, match=f"at least {side}x{side}"):
            network(weights=None, include_top=False, input_shape=(side - 1, side - 1, 3))


def test_names_table_says_what_a_loss_string_gives():
    """'keras.losses.get("mse") returns keras.losses.mean_squared_error': a function, not
    an instance of MeanSquaredError."""
    import keras

    assert "returns\n`keras.losses.mean_squared_error`" in _section(_page(), "names")
    assert keras.losses.get("mse") is keras.losses.mean_squared_error
    assert not isinstance(keras.losses.get("mse"), keras.losses.MeanSquaredError)


# Sections that are tables of the page itself, or point elsewhere already.
NO_LESSON = {"backends", "names", "more"}


def test_every_section_links_to_a_lesson():
    """Each ## section (with its ### subsections) links to a lesson page of this site that
    explains it."""
    page = _page()
    sections = re.findall(r"^## .*\{ #([\w-]+) \}$", page, re.M)
    assert len(sections) >= 20, sections
    without = [
        anchor
        for anchor in sections
        if anchor not in NO_LESSON and not re.search(r"\]\(\.\./[\w/-]+\.md", _h2(page, anchor))
    ]
    assert without == [], f"sections with no link to a lesson: {without}"


def _h2(page: str, anchor: str) -> str:
    """The ``## ... { #anchor }`` section, its ### subsections included."""
    start = page.index(f"{{ #{anchor} }}\n")
    end = page.find("\n## ", start)
    return page[start : end if end != -1 else len(page)]


def test_savedmodel_snippet_shows_load_models_refusal():
    """The old-vs-new row says load_model gives ValueError on a SavedModel folder, and the
    message points to TFSMLayer: the output the page shows under the snippet."""
    shown = output_after(PAGE, 'cheatsheet/savedmodel_load.py"')
    assert re.search(r"^ValueError: File format not supported: filepath=my_model\.", shown, re.M)
    assert "keras.layers.TFSMLayer" in shown
    assert (
        '`keras.models.load_model("my_model")`, a SavedModel folder | [ValueError](#savedmodel)'
        in _page()
    )


def test_tensorboard_is_not_installed_with_tensorflow():
    """'It needs the tensorboard package, which TensorFlow 2.21 no longer installs (without
    it, fit stops with TBNotInstalledError)'."""
    from importlib import metadata

    import keras
    import numpy as np
    import tensorflow as tf
    from tensorflow.python.summary.tb_summary import TBNotInstalledError

    assert "TensorFlow 2.21 no longer installs" in _page()
    assert tf.__version__.startswith("2.21.")
    assert not [r for r in metadata.requires("tensorflow") if r.startswith("tensorboard")]
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.version("tensorboard")
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(TBNotInstalledError):
        model.fit(
            np.zeros((4, 2)),
            np.zeros((4, 1)),
            callbacks=[keras.callbacks.TensorBoard(log_dir=tempfile.mkdtemp())],
            verbose=0,
        )


def test_mixed_float16_scales_the_loss():
    """'With "mixed_float16", fit also scales the loss': compile wraps the optimizer in a
    LossScaleOptimizer (not with "mixed_bfloat16", which needs no scaling)."""
    import keras

    assert 'With `"mixed_float16"`, `fit` also scales the loss' in _page()
    wrapped = {}
    try:
        for policy in ("mixed_float16", "mixed_bfloat16"):
            keras.mixed_precision.set_global_policy(policy)
            model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
            model.compile(optimizer="sgd", loss="mse")
            wrapped[policy] = isinstance(model.optimizer, keras.optimizers.LossScaleOptimizer)
    finally:
        keras.mixed_precision.set_global_policy("float32")
    assert wrapped == {"mixed_float16": True, "mixed_bfloat16": False}


def test_legacy_keras_switch_is_what_tensorflow_reads():
    """'install tf_keras and set TF_USE_LEGACY_KERAS=1 before TensorFlow is imported':
    the variable TensorFlow reads, and the package it asks for."""
    import tensorflow as tf

    assert "`TF_USE_LEGACY_KERAS=1` before TensorFlow is imported" in _page()
    loader = Path(tf.__file__).parent / "python" / "util" / "lazy_loader.py"
    source = loader.read_text(encoding="utf-8")
    assert 'os.environ.get("TF_USE_LEGACY_KERAS", None) in ("true", "True", "1")' in source
    assert "pip install tf_keras" in source
