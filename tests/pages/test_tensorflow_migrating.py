"""Claims the page "Coming from TensorFlow 1 or Keras 2" makes: each old call raises the
error the page shows, each table row names what its old call raised, and the ports work."""

import re

import numpy as np
import pytest
import tensorflow as tf
from shown import output_after
from snippet_runner import ROOT, run_snippet

PAGE = ROOT / "docs" / "tensorflow" / "migrating.md"
LEGACY_DIR = ROOT / "snippets" / "keras" / "cheatsheet" / "legacy"
SNIPPETS = ROOT / "snippets" / "tensorflow" / "migrating"
ROW = re.compile(r"^\| `(?P<call>[^`]+)`[^|]*\| \[(?P<names>[\w, ]+)\]\(#(?P<anchor>[\w-]+)\)")


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _part(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end)]


def _calls_and_messages(output: str) -> list[tuple[str, str]]:
    """``line`` / ``    Error: message`` pairs, as the page's blocks print them."""
    lines = output.splitlines()
    return list(zip(lines[0::2], lines[1::2], strict=True))


def _rows(table_part: str) -> list[tuple[str, set[str], str]]:
    rows = []
    for line in table_part.splitlines():
        m = ROW.match(line)
        if m:
            names = {n.strip() for n in m.group("names").split(",")}
            rows.append((m.group("call"), names, m.group("anchor")))
    return rows


def test_each_old_tensorflow_call_raises_the_error_shown():
    pairs = _calls_and_messages(output_after(PAGE, "{ #tf1-errors }"))
    assert len(pairs) == 9
    for line, shown in pairs:
        try:
            exec(line, {"tf": tf})
        except (AttributeError, ImportError) as err:
            assert f"{type(err).__name__}: {err}" == shown, line
        else:
            pytest.fail(f"{line!r} ran on TensorFlow {tf.__version__}")


def test_renamed_calls_fail_or_do_nothing_in_eager_mode():
    pairs = _calls_and_messages(output_after(PAGE, "{ #compat-v1 }"))
    v1 = tf.compat.v1
    for call, shown in pairs:
        try:
            result = eval(call, {"tf": tf, "v1": v1})
        except RuntimeError as err:
            assert f"{type(err).__name__}: {err}" == shown, call
        else:
            assert result is None and shown == "returns None", call
    assert tf.executing_eagerly()


def test_tensorflow_table_names_what_each_old_call_raised():
    page = _page()
    printed = {
        "tf1-errors": _calls_and_messages(output_after(PAGE, "{ #tf1-errors }")),
        "compat-v1": _calls_and_messages(output_after(PAGE, "{ #compat-v1 }")),
    }
    rows = _rows(_part(page, "## TensorFlow 1.x", "### What the old calls do today"))
    assert len(rows) == 9
    covered = set()
    for call, names, anchor in rows:
        key = call.split("(")[0]
        keys = {key, key.replace("tf.", "tensorflow.", 1), key.replace("tf.compat.v1.", "v1.")}
        matched = [(line, msg) for line, msg in printed[anchor] if any(k in line for k in keys)]
        assert matched, f"no block line runs {call}"
        raised = {msg.strip().split(":")[0] for _, msg in matched}
        assert raised == names, f"{call}: the table says {names}, the run printed {raised}"
        covered.update(line for line, _ in matched)
    # Every old line the errors block runs has its row in the table.
    assert {line for line, _ in printed["tf1-errors"]} <= covered


def test_keras_table_names_what_each_old_line_printed():
    page = _page()
    rows = _rows(_part(page, "## Keras 1 and 2", "### `output_dim` became `units`"))
    assert len(rows) == len(list(LEGACY_DIR.glob("*.py")))
    for call, names, anchor in rows:
        output = output_after(PAGE, f"{{ #{anchor} }}")
        raised = set(re.findall(r"^(\w+): ", output, re.M))
        assert raised == names, f"{call} (#{anchor}): table says {names}, the run printed {raised}"


def test_page_includes_every_keras_legacy_pair():
    """One home for old calls: every old/new pair the cheatsheet captures is shown here too."""
    page = _page()
    for path in sorted(LEGACY_DIR.glob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for section in ("old", "new"):
            assert f'--8<-- "{rel}:{section}"' in page, f"the page does not show {rel}:{section}"


def test_port_computes_what_the_tf1_program_computed_in_a_graph():
    ns = run_snippet("snippets/tensorflow/migrating/tf1.py")
    ported = ns["affine"](tf.constant([[1.0, 2.0], [3.0, 4.0]])).numpy()
    np.testing.assert_allclose(ported, ns["result"])  # the compat.v1 session's answer
    np.testing.assert_allclose(ported, [[-0.5], [-1.5]])
    assert ns["y"].graph is ns["graph"]
    assert tf.executing_eagerly()  # the graph block did not leave eager mode off


def test_tf_upgrade_v2_renames_as_the_page_says():
    from tensorflow.tools.compatibility import ast_edits, tf_upgrade_v2

    old = (
        "import tensorflow as tf\n"
        "x = tf.placeholder(tf.float32, shape=[None, 2])\n"
        "sess = tf.Session()\n"
        "init = tf.global_variables_initializer()\n"
        "y = tf.contrib.layers.flatten(x)\n"
    )
    upgrader = ast_edits.ASTCodeUpgrader(tf_upgrade_v2.TFAPIChangeSpec())
    _, new, _, errors = upgrader.update_string_pasta(old, "old_script.py")
    for name in ("placeholder", "Session", "global_variables_initializer"):
        assert f"tf.compat.v1.{name}(" in new
    assert "tf.contrib.layers.flatten(x)" in new  # left as it was
    assert any("cannot be converted automatically" in e for e in errors)
    assert not hasattr(tf.compat.v1, "contrib")  # no compat module to rename it to
    assert hasattr(tf.train, "Checkpoint")  # tf.train itself remains, as the page says
    # Flatten does what contrib's flatten did: keep the batch axis, flatten the rest.
    import keras

    assert tuple(keras.layers.Flatten()(tf.zeros([2, 3, 4])).shape) == (2, 12)


def _section(path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split(f"# --8<-- [start:{name}]\n")[1].split(f"# --8<-- [end:{name}]")[0]


def test_exercise_solutions():
    ns = {}
    exec(_section(SNIPPETS / "exercises.py", "ex1"), ns)
    assert ns["total"].numpy() == 143.0
    # Exercise 2 trains a model: read the numbers its shown output (compared by the
    # suite with what the solution printed) instead of training it again.
    shown = output_after(PAGE, "training accuracy: ")
    assert float(re.search(r"training accuracy: ([\d.]+)", shown).group(1)) > 0.8
    assert "classes: [0 1 2] true: [0 1 2]" in shown
