"""When a tf.function traces again, and how to stop it. Shown on the graphs page."""

# --8<-- [start:retrace]
import tensorflow as tf

traces = []  # a Python side effect: it runs only while tracing


@tf.function
def scale(x, factor):
    kind = factor if isinstance(factor, int) else type(factor).__name__
    traces.append(f"x shape {tuple(x.shape)}, factor {kind}")
    return x * factor


three = tf.constant([1.0, 2.0, 3.0])
scale(three, 2)  # first call: trace
scale(tf.constant([4.0, 5.0, 6.0]), 2)  # same shape, same Python number: reuse
scale(three, 3)  # a new Python number: trace again
scale(tf.constant([1.0, 2.0]), 2)  # a new shape: trace again
scale(three, tf.constant(2.0))  # a tensor factor: trace once...
scale(three, tf.constant(3.0))  # ...and reuse for every value
for number, trace in enumerate(traces, 1):
    print(f"trace {number}: {trace}")
print("6 calls,", scale.experimental_get_tracing_count(), "traces")
# --8<-- [end:retrace]

# --8<-- [start:signature]
import tensorflow as tf


@tf.function(
    input_signature=[
        tf.TensorSpec([None], tf.float32),
        tf.TensorSpec([], tf.float32),
    ]
)
def scale_vector(x, factor):
    return x * factor


# Python numbers are converted to tensors
scale_vector(tf.constant([1.0, 2.0, 3.0]), 2.0)
scale_vector(tf.constant([1.0, 2.0]), 3)
halves = scale_vector(tf.constant([1.0, 2.0, 3.0, 4.0]), tf.constant(0.5))
print(halves.numpy())
print("3 calls,", scale_vector.experimental_get_tracing_count(), "trace")

try:
    # int32 does not fit the float32 signature
    scale_vector(tf.constant([1, 2, 3]), 2.0)
except TypeError as err:
    print(f"{type(err).__name__}: {str(err).split('`')[1]}")
# --8<-- [end:signature]

# --8<-- [start:reduce]
import tensorflow as tf


traced_shapes = []


@tf.function(reduce_retracing=True)
def double(x):
    traced_shapes.append(str(x.shape))
    return x * 2


for length in (3, 2, 5, 8):
    double(tf.zeros([length]))
print(
    "4 lengths,",
    double.experimental_get_tracing_count(),
    "traces, for shapes",
    traced_shapes,
)
# --8<-- [end:reduce]
