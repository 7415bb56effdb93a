"""Claims the computation graphs page makes about tf.function, its graphs and retracing."""

import re
from pathlib import Path

import numpy as np
from snippet_runner import ROOT, run_snippet

PAGE = ROOT / "docs" / "tensorflow" / "graphs.md"


def _mermaid_edges(text: str) -> set[tuple[str, str]]:
    block = re.search(r"```mermaid\n(.*?)```", text, re.S).group(1)
    edges = set()
    for line in block.splitlines():
        m = re.match(r"\s*(\w+)\b.*?-->\s*(?:\|[^|]*\|\s*)?(\w+)", line)
        if m:
            edges.add((m.group(1), m.group(2)))
    return edges


def test_traced_graph_matches_the_diagram_on_the_page():
    ns = run_snippet("snippets/tensorflow/graphs/function.py")
    np.testing.assert_allclose(ns["affine"](ns["x"], ns["w"], ns["b"]).numpy(), [[-0.5], [-1.5]])
    graph = ns["concrete"].graph
    edges = {(t.op.name, op.name) for op in graph.get_operations() for t in op.inputs}
    assert edges == _mermaid_edges(Path(PAGE).read_text(encoding="utf-8"))
    placeholders = [op.name for op in graph.get_operations() if op.type == "Placeholder"]
    assert placeholders == ["x", "w", "b"]  # the arguments became the graph's inputs


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


def test_tf_print_runs_every_call_and_print_only_while_tracing(tmp_path, capsys):
    ns = run_snippet("snippets/tensorflow/graphs/printing.py", tmp_path)
    assert ns["double"].experimental_get_tracing_count() == 1
    out = capsys.readouterr().out
    assert out.count("print:    Tensor(") == 1 and out.count("tf.print:") == 3
    # tf.print goes around Python's sys.stdout: capturing that sees none of it.
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
