"""Build ``keras.applications`` networks with ``weights=None`` without filling their weights.

Counting parameters only needs each variable's shape. Keras creates the variables of a
model built inside ``keras.StatelessScope(initialize_variables=False)`` with their shape
and initializer but no values, so VGG16's 138 M weights cost no memory (0.55 GB
otherwise) and no time to draw at random. Each network is built once per test session and
shared by the page tests that ask for it.
"""

from __future__ import annotations

import functools

import keras
from keras.src.backend.common import global_state


@functools.cache
def application(name: str, include_top: bool = True) -> keras.Model:
    """``keras.applications.<name>(weights=None, include_top=...)``, variables unfilled."""
    with keras.StatelessScope(initialize_variables=False):
        model = getattr(keras.applications, name)(weights=None, include_top=include_top)
    # Keras keeps a list of the variables it still has to fill, and fills them when the
    # next top-level stateless scope closes (which any later functional model build
    # does). Take ours off that list so that never happens.
    ours = {id(v) for v in model.variables}
    pending = global_state.get_global_attribute("uninitialized_variables", [])
    global_state.set_global_attribute(
        "uninitialized_variables", [v for v in pending if id(v) not in ours]
    )
    return model


def unfilled_variables() -> int:
    """How many variables Keras still means to fill (0 after :func:`application`)."""
    return len(global_state.get_global_attribute("uninitialized_variables", []) or [])
