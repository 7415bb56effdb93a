"""Debugging eager code with plain Python. Shown on the eager page."""

# --8<-- [start:print]
import tensorflow as tf


def standardize(data):
    mean = tf.reduce_mean(data, axis=0)
    std = tf.math.reduce_std(data, axis=0)
    # print any value, any time
    print("  mean:", mean.numpy(), " std:", std.numpy().round(3))
    return (data - mean) / std


data = tf.constant([[1.0, 5.0, 2.0], [3.0, 5.0, 4.0], [5.0, 5.0, 9.0]])
scaled = standardize(data)
bad = ~tf.math.is_finite(scaled)
if tf.reduce_any(bad):  # a Python `if` on a tensor's value
    columns = tf.where(tf.reduce_any(bad, axis=0))[:, 0]
    print("non-finite results in column(s)", columns.numpy().tolist())
    print(scaled.numpy())
# --8<-- [end:print]

# --8<-- [start:post-mortem]
import traceback

import tensorflow as tf


def standardize_checked(data):
    mean = tf.reduce_mean(data, axis=0)
    std = tf.math.reduce_std(data, axis=0)
    scaled = (data - mean) / std
    tf.debugging.assert_all_finite(scaled, "standardize produced NaN or Inf")
    return scaled


data = tf.constant([[1.0, 5.0, 2.0], [3.0, 5.0, 4.0], [5.0, 5.0, 9.0]])
try:
    standardize_checked(data)
except tf.errors.InvalidArgumentError as err:
    print(
        type(err).__name__, "-", err.message.split("}} ")[-1].split(" [Op")[0]
    )
    # What pdb's post-mortem shows:
    # the failing call's local variables, as real values.
    frames = {
        frame.f_code.co_name: frame
        for frame, _ in traceback.walk_tb(err.__traceback__)
    }
    local = frames["standardize_checked"].f_locals
    print("locals of the failing call:", sorted(local))
    print("std:", local["std"].numpy().round(3))
# --8<-- [end:post-mortem]

# --8<-- [start:control-flow]
import tensorflow as tf

# Newton's method for the square root of 2:
# a Python loop that stops on a tensor's value.
target = tf.constant(2.0)
guess = tf.constant(1.0)
steps = 0
while abs(guess * guess - target) > 1e-6:
    guess = (guess + target / guess) / 2
    steps += 1
    print(f"step {steps}: {guess.numpy():.7f}")
print("converged after", steps, "steps")
# --8<-- [end:control-flow]

# --8<-- [start:run-eagerly]
import tensorflow as tf


@tf.function
def scale(t):
    print("  inside scale:", type(t).__name__)
    return t * 10


scale(tf.constant(1.0))  # traced: the print runs once and sees a SymbolicTensor
scale(tf.constant(2.0))  # same signature, no new trace: nothing is printed

# debugging switch: run tf.function code eagerly
tf.config.run_functions_eagerly(True)
try:
    scale(tf.constant(3.0))  # now the Python body runs on every call
    scale(tf.constant(4.0))
finally:
    tf.config.run_functions_eagerly(False)  # switch it off again; it is global
# --8<-- [end:run-eagerly]
