"""TensorFlow 1.x sessions and `enable_eager_execution` are gone from the `tf` namespace."""

# --8<-- [start:old]
import tensorflow as tf

try:
    with tf.Session() as sess:
        print(sess.run(tf.multiply(2.0, 3.0)))
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")

try:
    tf.enable_eager_execution()
except AttributeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:old]

# --8<-- [start:new]
import tensorflow as tf

print(tf.executing_eagerly())  # eager is the default: ops run when called
print(tf.multiply(2.0, 3.0).numpy())


@tf.function  # traces the Python function into a graph, the TF 2 way to get one
def scaled_sum(x, y):
    return tf.reduce_sum(x * y)


print(scaled_sum(tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])).numpy())
# --8<-- [end:new]
