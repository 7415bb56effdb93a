"""TensorFlow 1.x calls on TensorFlow 2, and what replaces them. The migration page."""

# --8<-- [start:old-calls]
import tensorflow as tf

old_lines = [
    "sess = tf.Session()",
    "x = tf.placeholder(tf.float32, shape=[None, 3])",
    "init = tf.global_variables_initializer()",
    "tf.enable_eager_execution()",
    "ops = tf.get_default_graph().get_operations()",
    "flatten = tf.contrib.layers.flatten",
    "import tensorflow.contrib",
    "h = tf.layers.dense(tf.ones([2, 3]), units=4)",
    "opt = tf.train.GradientDescentOptimizer(learning_rate=0.1)",
]
for line in old_lines:
    try:
        exec(line, {"tf": tf})
        print(f"{line}\n    works")
    # ModuleNotFoundError is an ImportError
    except (AttributeError, ImportError) as err:
        print(f"{line}\n    {type(err).__name__}: {err}")
# --8<-- [end:old-calls]

# --8<-- [start:program-tf2]
import tensorflow as tf

w = tf.Variable([[0.5], [-1.0]])  # holds its value now: nothing to initialise
b = tf.Variable([1.0])


@tf.function  # optional: traces the function into a graph, as TF 1 built one
def affine(x):  # the placeholder becomes an argument
    return tf.matmul(x, w) + b


y = affine(tf.constant([[1.0, 2.0], [3.0, 4.0]]))  # sess.run becomes a call
print(y.numpy())
# --8<-- [end:program-tf2]

# --8<-- [start:eager]
import numpy as np
import tensorflow as tf

# on from the start: nothing to enable
print("executing eagerly:", tf.executing_eagerly())

x = np.array([1, 2, 3])
y = np.array([4, 5, 6])
product = tf.multiply(x, y)  # runs now; the value is there, no session to run
print(type(product).__name__, product.numpy())
# --8<-- [end:eager]

# --8<-- [start:renamed]
import tensorflow as tf

v1 = tf.compat.v1  # the old API, under the names tf_upgrade_v2 gives it
renamed_calls = [
    "v1.placeholder(tf.float32, shape=[None, 3])",
    "v1.Session().run(tf.multiply(2.0, 3.0))",
    "v1.global_variables_initializer()",
    "v1.enable_eager_execution()",
]
for call in renamed_calls:
    try:
        result = eval(call, {"tf": tf, "v1": v1})
        print(f"{call}\n    returns {result!r}")
    except RuntimeError as err:
        print(f"{call}\n    {type(err).__name__}: {err}")
# --8<-- [end:renamed]

# --8<-- [start:compat-v1]
import tensorflow as tf

v1 = tf.compat.v1
graph = tf.Graph()
with graph.as_default():  # inside this block, ops are added to `graph`, not run
    x = v1.placeholder(tf.float32, shape=[None, 2])
    w = tf.Variable([[0.5], [-1.0]])
    b = tf.Variable([1.0])
    y = tf.matmul(x, w) + b
    print("in the graph:", type(y).__name__, "| eager:", tf.executing_eagerly())
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        result = sess.run(y, feed_dict={x: [[1.0, 2.0], [3.0, 4.0]]})
        print(result)
print("outside the graph, eager again:", tf.executing_eagerly())
# --8<-- [end:compat-v1]
