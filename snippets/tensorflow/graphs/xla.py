"""tf.function with and without XLA compilation. Shown on the graphs page."""

# --8<-- [start:xla]
import timeit

import numpy as np
import tensorflow as tf


def many_small_steps(x, w):
    for _ in range(20):  # the function of the timing above
        x = tf.tanh(x @ w + 0.1)
    return x


graph = tf.function(many_small_steps)
xla = tf.function(many_small_steps, jit_compile=True)  # (1)!
x = tf.fill([8, 8], 0.5)
w = tf.eye(8) * 0.9
# --8<-- [end:xla]

# --8<-- [start:measure]
first_call_s = {}
for name, f in [("tf.function", graph), ("with XLA", xla)]:
    start = timeit.default_timer()
    f(x, w)  # traces; XLA also compiles
    first_call_s[name] = timeit.default_timer() - start
print(
    "same numbers:",
    np.allclose(graph(x, w).numpy(), xla(x, w).numpy(), atol=1e-6),
)

calls = 50
per_call_s = {
    name: min(timeit.repeat(lambda f=f: f(x, w), number=calls, repeat=3))
    / calls
    for name, f in [("tf.function", graph), ("with XLA", xla)]
}
for name in per_call_s:
    print(
        f"{name:12} first call {first_call_s[name] * 1e3:6.1f} ms,"
        f" then {per_call_s[name] * 1e3:.3f} ms per call"
    )
ratio = per_call_s["tf.function"] / per_call_s["with XLA"]
print(f"tf.function / XLA: {ratio:.1f}x")
# --8<-- [end:measure]
