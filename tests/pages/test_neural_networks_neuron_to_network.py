"""Claims the page "From neuron to network" makes about its code."""

import re

import numpy as np
from shown import output_after
from snippet_runner import ROOT, run_snippet

from dlcourse.neurons import dense_forward, step, train_perceptron

PAGE = "snippets/neural-networks/neuron-to-network"
CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def test_the_hand_picked_unit_computes_and(capsys):
    ns = run_snippet(f"{PAGE}/tlu.py")
    assert ns["outputs"].tolist() == [0, 0, 0, 1]


def test_perceptron_learns_and_but_never_xor(capsys):
    learned = run_snippet(f"{PAGE}/perceptron.py")
    assert learned["errors"][-1] == 0
    assert step(learned["inputs"] @ learned["w"] + learned["b"]).tolist() == [0, 0, 0, 1]
    # The short version the page teaches computes what dlcourse.neurons' checked one does.
    for targets in ([0, 0, 0, 1], [0, 1, 1, 1], [1, 1, 1, 0], [0, 1, 1, 0]):
        for rate in (1.0, 0.5):
            taught = learned["train_perceptron"](CORNERS, np.array(targets), rate, 20)
            library = train_perceptron(CORNERS, targets, learning_rate=rate, max_epochs=20)
            assert taught[0].tolist() == library[0].tolist()
            assert taught[1:] == library[1:]
    xor = run_snippet(f"{PAGE}/xor.py")
    # Every one of the 1,000 epochs has at least one mistake: the loop never stopped early.
    assert len(xor["errors"]) == 1000
    assert all(mistakes > 0 for mistakes in xor["errors"])
    # "The weights cycle": from the second epoch on, every epoch ends where it started.
    after_two = train_perceptron(CORNERS, [0, 1, 1, 0], max_epochs=2)
    assert xor["w"].tolist() == after_two[0].tolist() and xor["b"] == after_two[1]


def test_figure_data_and_converges_xor_stuck():
    # What the figure plots, without drawing it again (the page's block draws it and the
    # suite compares the image byte for byte): the same two 30-epoch runs.
    _, _, and_errors = train_perceptron(CORNERS, [0, 0, 0, 1], max_epochs=30)
    w, b, xor_errors = train_perceptron(CORNERS, [0, 1, 1, 0], max_epochs=30)
    assert and_errors[-1] == 0 and len(and_errors) == 6
    assert len(xor_errors) == 30 and min(xor_errors) >= 3
    # The alt text describes XOR's final unit as "outputs 1 where x1 <= 0".
    assert w.tolist() == [-1.0, 0.0] and b == 0.0


def test_two_layers_of_tlus_compute_xor(capsys):
    ns = run_snippet(f"{PAGE}/xor_net.py")
    assert ns["output"][:, 0].tolist() == [0, 1, 1, 0]
    # The hidden units are OR and NAND.
    assert ns["hidden"].T.tolist() == [[0, 1, 1, 1], [1, 1, 1, 0]]


def test_numpy_dense_layer_equals_keras_dense(capsys):
    ns = run_snippet(f"{PAGE}/dense.py")
    np.testing.assert_allclose(ns["ours"], ns["from_keras"], rtol=0, atol=1e-6)
    # The short version on the page and dlcourse's checked one agree.
    np.testing.assert_array_equal(
        ns["ours"], dense_forward(ns["x"], ns["kernel"], ns["bias"], ns["sigmoid"])
    )
    assert ns["layer"].kernel.shape == (2, 3)


def test_keras_network_learns_xor():
    # Read from the output the page shows (the suite compared it with the run).
    shown = output_after(ROOT / "docs/neural-networks/neuron-to-network.md", "xor_keras.py:fit")
    probabilities = [float(p) for p in re.findall(r"\d\.\d*", shown.split("targets")[0])]
    assert [p > 0.5 for p in probabilities] == [False, True, True, False]
    assert all(abs(p - t) < 0.2 for p, t in zip(probabilities, [0, 1, 1, 0], strict=True))


def test_parameter_formula_matches_count_params(capsys):
    ns = run_snippet(f"{PAGE}/params.py")
    assert [layer.count_params() for layer in ns["model"].layers] == [2 * 4 + 4, 4 * 3 + 3]
    assert ns["model"].count_params() == 27


def test_exercise_solutions(capsys):
    ns = run_snippet(f"{PAGE}/exercises.py")
    assert ns["errors3"][-1] == 0
    assert step(ns["with_product"] @ ns["w3"] + ns["b3"]).tolist() == [0, 1, 1, 0]
    assert ns["digits_model"].count_params() == ns["by_formula"] == 2410
    out = capsys.readouterr().out
    assert "outputs [0. 1. 1. 1.]" in out and "outputs [1. 1. 1. 0.]" in out
