"""What TensorFlow 1.x calls do on TensorFlow 2, and what tf.compat.v1 offers. Eager page."""

# --8<-- [start:old-calls]
import tensorflow as tf


def show(old_call):
    try:
        old_call()
    except AttributeError as err:
        print(f"{type(err).__name__}: {err}")


show(lambda: tf.enable_eager_execution())
show(lambda: tf.Session())
show(lambda: tf.placeholder(tf.float32, shape=[None, 3]))
show(lambda: tf.global_variables_initializer())
print("eager execution is on without being asked for:", tf.executing_eagerly())
# --8<-- [end:old-calls]

# --8<-- [start:compat-v1]
import tensorflow as tf

v1 = tf.compat.v1
print("in tf.compat.v1:", [name for name in ("Session", "placeholder") if hasattr(v1, name)])
try:
    v1.placeholder(tf.int64, shape=[3])  # the renamed call, still in eager mode
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")

graph = tf.Graph()
with graph.as_default():  # inside this block, ops are added to `graph`, not run
    x = v1.placeholder(tf.int64, shape=[3])
    y = v1.placeholder(tf.int64, shape=[3])
    product = tf.multiply(x, y)
    print("in the graph:", type(product).__name__, "eager:", tf.executing_eagerly())
    with v1.Session() as sess:
        print("session result:", sess.run(product, feed_dict={x: [1, 2, 3], y: [4, 5, 6]}))
print("outside the graph, eager again:", tf.executing_eagerly())
# --8<-- [end:compat-v1]
