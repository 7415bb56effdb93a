"""Solutions to the graphs page's exercises."""

# --8<-- [start:ex1]
# --8<-- [start:ex1-calls]
import tensorflow as tf


@tf.function
def power(x, n):
    return x**n


power(tf.constant(2.0), 2)
power(tf.constant(3.0), 2)
power(tf.constant(2.0), 3)
power(tf.constant([2.0, 3.0]), 3)
power(tf.constant(2.0), tf.constant(2.0))
power(tf.constant(2.0), tf.constant(5.0))
# --8<-- [end:ex1-calls]
print(power.experimental_get_tracing_count())
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import tensorflow as tf


@tf.function
def dense_relu(x, w, b):
    return tf.nn.relu(x @ w + b)


concrete = dense_relu.get_concrete_function(
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([3, 2], tf.float32),
    tf.TensorSpec([2], tf.float32),
)
print(", ".join(op.type for op in concrete.graph.get_operations()))
print(concrete.structured_outputs.shape)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([None, 8, 8], tf.float32)])
def mean_brightness(images):
    return tf.reduce_mean(images, axis=[1, 2])


print(mean_brightness(tf.ones([4, 8, 8])).numpy())
print(mean_brightness(tf.zeros([1, 8, 8])).numpy())
print("traces:", mean_brightness.experimental_get_tracing_count())
try:
    mean_brightness(tf.ones([2, 16, 16]))
except TypeError:
    print("TypeError for shape (2, 16, 16)")
# --8<-- [end:ex3]
