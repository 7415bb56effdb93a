"""The core terms a beginner must not meet unexplained, for the glossary and its test.

Each term has its entry on ``docs/glossary.md`` (a heading with the id ``id``), the word
forms that count as a use of it in a page's prose (``pattern``, a regular expression
matched case-insensitively at word boundaries; ``(?-i:...)`` for a name such as ReLU),
and the section of the lesson that teaches it (``taught``, a page under ``docs/`` and a
heading's id). ``tests/test_glossary.py`` checks that, in navigation order, no page
before the teaching page uses a term in prose without linking that first use to the
glossary entry or to the teaching page.

To add a term: add it here, write its entry on the glossary page (with a "Taught in"
link to ``taught``), and link its first use on each earlier page that the test names.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    id: str
    pattern: str
    taught: str


NEURONS = "neural-networks/neuron-to-network.md"
BACKPROP = "neural-networks/backpropagation.md"
ACTIVATIONS = "neural-networks/activations.md"
LOSSES = "neural-networks/losses-optimizers.md"
WORKFLOW = "neural-networks/workflow.md"
LOOP = f"{BACKPROP}#the-training-loop-in-four-steps"
CONV = "cnn/conv-layer.md#kernels-filters-and-feature-maps"
REGULARIZATION = "cnn/regularization.md"
TRANSFER = "cnn/transfer-learning.md#transfer-learning"

TERMS = (
    Term("weight", r"weights?", f"{NEURONS}#the-threshold-logic-unit"),
    Term("bias", r"bias(es)?", f"{NEURONS}#the-threshold-logic-unit"),
    Term("epoch", r"epochs?", f"{NEURONS}#the-perceptron-learning-rule"),
    Term("layer", r"layers?", f"{NEURONS}#the-perceptron-as-a-dense-layer"),
    Term("parameter", r"parameters?", f"{NEURONS}#counting-parameters"),
    Term("loss", r"loss(es)?", f"{LOSSES}#what-a-loss-measures"),
    Term("gradient", r"gradients?(?! descent)", LOOP),
    Term("gradient-descent", r"gradient[ -]descent", LOOP),
    Term("backpropagation", r"backpropagation|backprop", LOOP),
    Term("batch", r"mini-batch(es)?|batch(es)?(?! normali[sz]ation)", LOOP),
    Term(
        "activation",
        r"activation functions?|activations?",
        f"{ACTIVATIONS}#without-an-activation-layers-collapse-into-one",
    ),
    Term("sigmoid", r"sigmoids?", f"{ACTIVATIONS}#sigmoid-and-tanh"),
    Term("relu", r"(?-i:ReLUs?)", f"{ACTIVATIONS}#relu-and-its-variants"),
    Term("softmax", r"softmax", f"{ACTIVATIONS}#softmax-from-logits-to-probabilities"),
    Term("logits", r"logits?", f"{ACTIVATIONS}#softmax-from-logits-to-probabilities"),
    Term("cross-entropy", r"cross-entropy", f"{LOSSES}#cross-entropy"),
    Term("one-hot", r"one-hot", f"{LOSSES}#cross-entropy"),
    Term("optimizer", r"optimi[sz]ers?", f"{LOSSES}#optimizers"),
    Term("adam", r"(?-i:Adam)", f"{LOSSES}#optimizers"),
    Term("learning-rate", r"learning[ -]rates?", f"{LOSSES}#learning-rate"),
    Term("metric", r"metrics?", f"{LOSSES}#metrics"),
    Term("validation-set", r"validation (sets?|data|splits?|loss(es)?)", f"{WORKFLOW}#split"),
    Term("early-stopping", r"early[ -]stopping", f"{WORKFLOW}#fit"),
    Term("tensor", r"tensors?", "tensorflow/tensors.md#rank-shape-and-dtype"),
    Term("eager-execution", r"eager(ly)?", "tensorflow/eager.md#eager-execution"),
    Term("graph", r"graphs?", "tensorflow/graphs.md#from-a-python-function-to-a-graph"),
    Term(
        "convolution",
        r"convolutions?|convolutional",
        "cnn/why-convolutions.md#local-connectivity-and-weight-sharing",
    ),
    Term("filter", r"filters?", CONV),
    Term("feature-map", r"feature maps?", CONV),
    Term("pooling", r"pooling", "cnn/pooling.md#max-average-and-global-average-pooling"),
    Term("overfitting", r"overfit(s|ting|ted)?", f"{REGULARIZATION}#dropout-and-regularization"),
    Term("dropout", r"dropout", f"{REGULARIZATION}#dropout-in-training-and-at-inference"),
    Term("augmentation", r"(data )?augmentation", f"{REGULARIZATION}#overfitting-measured"),
    Term("batch-normalization", r"batch normali[sz]ation", f"{REGULARIZATION}#batch-normalization"),
    Term("transfer-learning", r"transfer learning", TRANSFER),
    Term("fine-tuning", r"fine-tun(e|es|ed|ing)", TRANSFER),
)
