"""A tf.function and its traced graph. Shown on the graphs page."""

# --8<-- [start:define]
import tensorflow as tf


@tf.function
def affine(x, w, b):
    return tf.matmul(x, w) + b


x = tf.constant([[1.0, 2.0], [3.0, 4.0]])  # two samples, two features
w = tf.constant([[0.5], [-1.0]])
b = tf.constant([1.0])
print(affine(x, w, b).numpy())  # calling it is what Session.run used to do
# --8<-- [end:define]

# --8<-- [start:inspect]
concrete = affine.get_concrete_function(
    tf.TensorSpec([None, 2], tf.float32),  # any number of rows, two columns
    tf.TensorSpec([2, 1], tf.float32),
    tf.TensorSpec([1], tf.float32),
)
print(f"{'node':<9} {'operation':<12} {'inputs (edges in)':<22} output shape")
for op in concrete.graph.get_operations():
    inputs = ", ".join(t.op.name for t in op.inputs) or "-"
    print(f"{op.name:<9} {op.type:<12} {inputs:<22} {op.outputs[0].shape}")
# --8<-- [end:inspect]
