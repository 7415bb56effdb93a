"""Eager execution versus tf.function on many small operations. Shown on the graphs page."""

# --8<-- [start:timing]
import timeit

import numpy as np
import tensorflow as tf


def many_small_steps(x, w):
    for _ in range(20):  # 20 small matrix products and activations
        x = tf.tanh(x @ w + 0.1)
    return x


# the same Python function, traced into a graph
traced = tf.function(many_small_steps)
x = tf.fill([8, 8], 0.5)
w = tf.eye(8) * 0.9
# --8<-- [end:timing]

# --8<-- [start:measure]
eager_result = many_small_steps(x, w)
start = timeit.default_timer()
graph_result = traced(x, w)  # the first call traces, then runs the graph
first_call_s = timeit.default_timer() - start
print(
    "same numbers:",
    np.allclose(eager_result.numpy(), graph_result.numpy(), atol=1e-6),
)

calls = 100
eager_s = (
    min(timeit.repeat(lambda: many_small_steps(x, w), number=calls, repeat=3))
    / calls
)
graph_s = (
    min(timeit.repeat(lambda: traced(x, w), number=calls, repeat=3)) / calls
)
print(
    f"first call of the tf.function, with tracing: {first_call_s * 1e3:.1f} ms"
)
print(f"eager:       {eager_s * 1e3:.3f} ms per call")
print(f"tf.function: {graph_s * 1e3:.3f} ms per call")
print(
    f"eager / tf.function: {eager_s / graph_s:.1f}x on this machine, this run"
)
# --8<-- [end:measure]
