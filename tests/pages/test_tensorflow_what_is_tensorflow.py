"""Claims the 'What TensorFlow is' page makes about versions, layers and devices."""

import os

import numpy as np
from snippet_runner import run_snippet


def test_versions_devices_and_native_apis():
    ns = run_snippet("snippets/tensorflow/what-is-tensorflow/versions.py")
    tf, keras = ns["tf"], ns["keras"]
    assert tf.__version__.startswith("2.") and keras.__version__.startswith("3.")
    assert ns["tf_major"] == "2" and ns["keras_major"] == "3"
    assert keras.config.backend() == "tensorflow"
    assert tf.keras.Model is keras.Model  # tf.keras is Keras 3, as the page says
    assert "CPU" in [d.device_type for d in ns["devices"]]
    if os.environ.get("CUDA_VISIBLE_DEVICES") == "-1":  # how the suite runs: the page says 0 GPUs
        assert ns["tf"].config.list_physical_devices("GPU") == []
    assert ns["include"].endswith("include")


def test_keras_layer_is_tensorflow_ops():
    ns = run_snippet("snippets/tensorflow/what-is-tensorflow/layers_and_ops.py")
    np.testing.assert_allclose(ns["by_keras"].numpy(), ns["by_hand"].numpy(), rtol=1e-6)
    assert isinstance(ns["by_keras"], ns["tf"].Tensor)
    assert (ns["by_keras"].numpy() >= 0).all()  # relu output


def test_exercise_solutions(tmp_path):
    ns = run_snippet("snippets/tensorflow/what-is-tensorflow/exercises.py", tmp_path)
    release = ns["release"]
    assert release("2.9.1") < release("2.19.0") < release("2.21.0-rc1") < release("3.0")
    np.testing.assert_allclose(ns["by_keras"].numpy(), ns["by_hand"].numpy(), rtol=1e-6)
