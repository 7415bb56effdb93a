"""Claims the computation graphs page makes about tf.function, its graphs and retracing."""

import numpy as np
from compare_outputs import figures_drawn_elsewhere
from matplotlib.text import Annotation
from snippet_runner import ROOT, run_snippet

PAGE = ROOT / "docs" / "tensorflow" / "graphs.md"


def _drawn_graph(ax) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes (boxes) and edges (arrows) a matplotlib drawing shows, read from its artists."""
    boxes = {t: t.get_text().split("\n")[0].split(":")[0] for t in ax.texts if t.get_text()}
    at = {tuple(np.round(box.get_position(), 6)): name for box, name in boxes.items()}
    assert len(at) == len(boxes), "two boxes drawn at the same place"
    edges = set()
    for arrow in (t for t in ax.texts if isinstance(t, Annotation) and not t.get_text()):
        start, end = tuple(np.round(arrow.xyann, 6)), tuple(np.round(arrow.xy, 6))
        edges.add((at[start], at[end]))
        # The arrow is clipped to the two boxes it joins, so it is seen to join them.
        patches = (arrow.arrow_patch.patchA, arrow.arrow_patch.patchB)
        by_patch = {box.get_bbox_patch(): name for box, name in boxes.items()}
        assert tuple(by_patch[p] for p in patches) == (at[start], at[end])
    return set(boxes.values()), edges


def test_traced_graph_is_the_diagram_on_the_page(tmp_path):
    ns = run_snippet("snippets/tensorflow/graphs/function.py", tmp_path)
    np.testing.assert_allclose(ns["affine"](ns["x"], ns["w"], ns["b"]).numpy(), [[-0.5], [-1.5]])
    graph = ns["concrete"].graph
    nodes = {op.name for op in graph.get_operations()}
    edges = {(t.op.name, op.name) for op in graph.get_operations() for t in op.inputs}
    assert (nodes, edges) == _drawn_graph(ns["ax"])
    assert len(edges) == 5  # x, w -> MatMul; MatMul, b -> add; add -> Identity
    placeholders = [op.name for op in graph.get_operations() if op.type == "Placeholder"]
    assert placeholders == ["x", "w", "b"]  # the arguments became the graph's inputs
    # The page shows this very drawing (the suite compares the file byte for byte).
    page = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "snippets/tensorflow/graphs/function.py:diagram"' in page
    assert "](figures/affine-graph.png)" in page
    drawn = (tmp_path / "affine-graph.png").read_bytes()
    if figures_drawn_elsewhere() is None:  # drawn by the pinned matplotlib, as committed
        assert drawn == (PAGE.parent / "figures" / "affine-graph.png").read_bytes()


def test_retracing_counts():
    ns = run_snippet("snippets/tensorflow/graphs/retracing.py")
    assert ns["scale"].experimental_get_tracing_count() == 4 == len(ns["traces"])
    assert ns["scale_vector"].experimental_get_tracing_count() == 1
    assert ns["double"].experimental_get_tracing_count() == 2
    assert ns["traced_shapes"][-1] == "(None,)"


def test_eager_and_traced_agree_and_tracing_costs_more_than_a_call():
    ns = run_snippet("snippets/tensorflow/graphs/timing.py")
    np.testing.assert_allclose(ns["eager_result"].numpy(), ns["graph_result"].numpy(), atol=1e-6)
    assert ns["traced"].experimental_get_tracing_count() == 1  # timing calls did not retrace
    assert ns["eager_s"] > 0 and ns["graph_s"] > 0
    # Tracing is tens of milliseconds, a graph call well under one: a wide, robust margin.
    assert ns["first_call_s"] > ns["graph_s"]


def test_autograph_loop_is_one_graph_node():
    ns = run_snippet("snippets/tensorflow/graphs/autograph.py")
    assert ns["collatz_steps"](ns["tf"].constant(27)).numpy() == 111
    types = [op.type for op in ns["graph"].get_operations()]
    assert sum(t in ("While", "StatelessWhile") for t in types) == 1


def test_exercise_solutions():
    ns = run_snippet("snippets/tensorflow/graphs/exercises.py")
    assert ns["power"].experimental_get_tracing_count() == 4
    types = [op.type for op in ns["concrete"].graph.get_operations()]
    assert types.count("Placeholder") == 3 and "Relu" in types
    assert ns["mean_brightness"].experimental_get_tracing_count() == 1


def test_tf_print_runs_every_call_and_print_only_while_tracing(tmp_path, capfd):
    ns = run_snippet("snippets/tensorflow/graphs/printing.py", tmp_path)
    assert ns["double"].experimental_get_tracing_count() == 1
    printed = capfd.readouterr()  # file descriptors 1 and 2, as a terminal shows them
    assert printed.out.count("print:    Tensor(") == 1 and printed.err.count("tf.print:") == 3
    # tf.print goes around Python's sys.stdout: capturing that sees none of it (the
    # notebook the page runs in shows it, as a terminal does).
    import contextlib
    import io
    import sys

    import tensorflow as tf

    caught = io.StringIO()
    with contextlib.redirect_stdout(caught), contextlib.redirect_stderr(caught):
        tf.print("not captured")
        tf.print("not captured either", output_stream=sys.stdout)
    assert caught.getvalue() == ""


def test_variables_are_made_once(capsys):
    ns = run_snippet("snippets/tensorflow/graphs/variables.py")
    out = capsys.readouterr().out
    assert out.startswith("ValueError: tf.function only supports singleton tf.Variables")
    assert len(ns["Scale"]().variables) == 0  # nothing is made before the first call
    assert ns["scale"].experimental_get_tracing_count() == 1
    assert float(ns["scale"](ns["tf"].constant(1.0))) == 10.0  # reads the assigned value


def test_xla_agrees_with_the_graph_and_fuses(capsys):
    ns = run_snippet("snippets/tensorflow/graphs/xla.py")
    x, w = ns["x"], ns["w"]
    np.testing.assert_allclose(ns["graph"](x, w).numpy(), ns["xla"](x, w).numpy(), atol=1e-6)
    assert ns["xla"].experimental_get_tracing_count() == 1  # timing calls did not retrace
    # Compiling is far slower than a compiled call: a wide, robust margin.
    assert ns["first_call_s"]["with XLA"] > ns["per_call_s"]["with XLA"]
    # XLA fused each step's add and tanh into one kernel, as the page says.
    hlo = ns["xla"].experimental_get_compiler_ir(x, w)(stage="optimized_hlo")
    fused = hlo.split("ENTRY")[0].split("\n\n")
    assert sum(" add(" in part and " tanh(" in part for part in fused) == 20


def test_keras_leaves_xla_off_on_a_cpu_only_machine():
    import keras
    import tensorflow as tf

    if any(d.device_type != "CPU" for d in tf.config.list_physical_devices()):
        return  # with an accelerator, "auto" may turn XLA on
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(loss="mse")
    assert model.jit_compile is False
