"""The Keras cheatsheet: every modern snippet, alone, on each Keras backend it claims.

How it works is explained in ``tests/cheatsheet_backends.py``. In short: one fresh
process per backend runs every snippet file in its own namespace and temporary
directory, with ``import dlcourse`` refused; each (snippet, backend) pair is its
own test item here. The backends a snippet runs on come from its first line
(``# Verified on: ...``), which the page shows at the top of the snippet, so the
page and the tests read the same claim. A backend the snippet says it does not
run on (``# Not on ...: why``) is tested too: the snippet must fail there.
"""

from __future__ import annotations

import ast
import re
import textwrap
import time
from pathlib import Path

import cheatsheet_backends as cb
import pytest

PAGE = cb.ROOT / "docs" / "keras" / "cheatsheet.md"
LEGACY_DIR = cb.SNIPPET_DIR / "legacy"
SNIPPETS = cb.snippet_files()
NAMES = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}


def _cases() -> list:
    cases = []
    for path in SNIPPETS:
        try:
            verified, not_on = cb.header(path)
        except cb.HeaderError:
            continue  # reported by test_snippet_header
        for backend in cb.BACKENDS:
            case_id = f"{path.stem}-{backend}"
            if backend in verified:
                cases.append(pytest.param(path.name, backend, "passes", id=case_id))
            elif backend in not_on:
                cases.append(pytest.param(path.name, backend, "fails", id=case_id))
    return cases


@pytest.fixture(scope="module")
def backend_runs() -> dict:
    """Run the three workers side by side (one process each) and wait for all of them."""
    start = time.perf_counter()
    started = {b: cb.start_backend(b, cb.plan(b)) for b in cb.BACKENDS}
    runs = {b: cb.collect(*started[b]) for b in cb.BACKENDS}
    print(f"\ncheatsheet workers: {time.perf_counter() - start:.1f} s wall for all three backends")
    for backend, run in runs.items():
        snippet_seconds = sum(r["seconds"] for r in run["records"].values())
        print(f"  {backend}: {run['seconds']:.1f} s, of which snippets {snippet_seconds:.1f} s")
    return runs


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippet_header(path: Path):
    cb.header(path)  # raises HeaderError naming the file and line


@pytest.mark.parametrize(("name", "backend", "outcome"), _cases())
def test_snippet_alone_on_backend(name: str, backend: str, outcome: str, backend_runs: dict):
    run = backend_runs[backend]
    record = run["records"].get(str(cb.SNIPPET_DIR / name))
    if record is None:
        pytest.fail(
            f"the {backend} worker did not report {name} (exit code {run['returncode']}):\n"
            + run["log"][-3000:]
        )
    if outcome == "passes" and record["status"] != "passed":
        pytest.fail(
            f"snippets/keras/cheatsheet/{name} says '# Verified on: ... {backend}', but run "
            f"alone on the {backend} backend it failed:\n{record['error']}"
        )
    if outcome == "fails" and record["status"] == "passed":
        pytest.fail(
            f"snippets/keras/cheatsheet/{name} says it does not run on {backend}, but it ran "
            f"there. Add {backend} to its '# Verified on:' line and drop it from '# Not on'."
        )


def test_backend_choosing_snippet_really_chooses(backend_runs: dict):
    """backend.py ran in a process started without KERAS_BACKEND and came up on JAX."""
    (path,) = [p for p in SNIPPETS if cb.chosen_backend(p)]
    record = backend_runs[cb.chosen_backend(path)]["records"][str(path)]
    assert record["status"] == "passed", record["error"]
    assert record["output"].strip() == cb.chosen_backend(path)


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
    }
    for name, code in files.items():
        (tmp_path / name).write_text(code)
    paths = [tmp_path / name for name in files]
    run = cb.collect(*cb.start_backend("tensorflow", paths), timeout=60)
    status = {Path(p).name: r["status"] for p, r in run["records"].items()}
    assert status == {
        "a_defines.py": "passed",
        "b_uses_name.py": "failed",  # NameError: globals are fresh
        "c_uses_import.py": "failed",  # NameError: an earlier snippet's import is not visible
        "d_reads_file.py": "failed",  # FileNotFoundError: each snippet has its own directory
        "e_dlcourse.py": "failed",
        "f_dlcourse_sub.py": "failed",
        "g_fine.py": "passed",
    }, run["log"]
    records = {Path(p).name: r for p, r in run["records"].items()}
    assert "NameError" in records["b_uses_name.py"]["error"]
    assert "ModuleNotFoundError" in records["e_dlcourse.py"]["error"]
    assert records["g_fine.py"]["output"] == "[1]\n"


# --- the page and the files agree ------------------------------------------------------


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_page_includes_snippet_whole(path: Path):
    """Whole file, so the reader sees its '# Verified on' line and the docs suite runs it all."""
    rel = path.relative_to(cb.ROOT).as_posix()
    includes = re.findall(rf'--8<-- "{re.escape(rel)}(:[\w-]+)?"', _page())
    assert includes == [""], f"the page must include {rel} exactly once, whole (no :section)"


def test_page_includes_every_legacy_pair():
    page = _page()
    for path in sorted(LEGACY_DIR.glob("*.py")):
        rel = path.relative_to(cb.ROOT).as_posix()
        for section in ("old", "new"):
            assert f'--8<-- "{rel}:{section}"' in page, f"the page does not show {rel}:{section}"


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


LEGACY_ROW = re.compile(r"^\| `[^|]+` [^|]*\| \[(?P<names>[\w, ]+)\]\(#(?P<anchor>legacy-[\w-]+)\)")


def _legacy_table(page: str) -> list[tuple[list[str], str]]:
    """Rows of the old-vs-new table: ``([exception names], anchor)`` from its 'Today' cell."""
    rows = []
    for line in page.splitlines():
        m = LEGACY_ROW.match(line)
        if m:
            rows.append(([n.strip() for n in m.group("names").split(",")], m.group("anchor")))
    return rows


def _first_output_after(page: str, anchor: str) -> str:
    """The first expected-output block after the heading ``{ #anchor }``: the old line's."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith(f"{{ #{anchor} }}"))
    marker = next(i for i in range(start, len(lines)) if "expected-output" in lines[i])
    body = []
    for line in lines[marker + 2 :]:
        if line.strip().startswith("```"):
            break
        body.append(line.strip())
    return "\n".join(body)


def test_legacy_table_matches_the_captured_messages():
    """The 'Today' column names exactly what the old line printed when the suite ran it."""
    page = _page()
    rows = _legacy_table(page)
    assert len(rows) == len(list(LEGACY_DIR.glob("*.py"))), "one table row per legacy file"
    for names, anchor in rows:
        output = _first_output_after(page, anchor)
        printed = set(re.findall(r"^(\w+): ", output, re.M))
        assert printed == set(names), f"#{anchor}: table says {names}, the run printed {printed}"


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
    assert set(sides) == {"VGG16", "VGG19", "ResNet50", "InceptionV3"}
    for name, side in sides.items():
        network = getattr(keras.applications, name)
        with pytest.raises(ValueError, match=f"at least {side}x{side}"):
            network(weights=None, include_top=False, input_shape=(side - 1, side - 1, 3))
