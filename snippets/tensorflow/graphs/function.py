"""A tf.function and its traced graph. Shown on the graphs page."""

# --8<-- [start:define]
import tensorflow as tf


@tf.function
def affine(x, w, b):
    return tf.matmul(x, w) + b


x = tf.constant([[1.0, 2.0], [3.0, 4.0]])  # two samples, two features
w = tf.constant([[0.5], [-1.0]])
b = tf.constant([1.0])
y = affine(x, w, b)  # calling it is what Session.run used to do
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

# --8<-- [start:diagram]
import matplotlib.pyplot as plt

ops = concrete.graph.get_operations()
# A node goes one column right of its furthest input;
# a column's nodes are stacked.
column, stack = {}, {}
for op in ops:  # inputs are listed before the operations that use them
    column[op.name] = 1 + max(
        (column[t.op.name] for t in op.inputs), default=-1
    )
    stack.setdefault(column[op.name], []).append(op.name)
position = {}
for col, names in stack.items():
    for i, name in enumerate(names):
        position[name] = (2.4 * col, 1.2 * ((len(names) - 1) / 2 - i))

fig, ax = plt.subplots(figsize=(7.5, 2.8))
boxes = {}
for op in ops:
    label = f"{op.name}: {op.type}" if op.name != op.type else op.name
    placeholder = op.type == "Placeholder"
    boxes[op.name] = ax.text(
        *position[op.name],
        f"{label}\n{op.outputs[0].shape}",
        ha="center",
        va="center",
        fontsize=9,
        bbox={
            "boxstyle": "round,pad=0.4" if placeholder else "square,pad=0.4",
            "facecolor": "#e8f0fe" if placeholder else "#fde0d0",
        },
    )
for op in ops:
    for tensor in op.inputs:  # one arrow per edge, from its producer to op
        ax.annotate(
            "",
            xy=position[op.name],
            xytext=position[tensor.op.name],
            arrowprops={
                "arrowstyle": "-|>",
                "patchA": boxes[tensor.op.name].get_bbox_patch(),
                "patchB": boxes[op.name].get_bbox_patch(),
            },
        )
ax.set(xlim=(-1.1, 2.4 * max(column.values()) + 1.1), ylim=(-1.9, 1.9))
ax.axis("off")
fig.tight_layout()
fig.savefig("affine-graph.png", dpi=100)
# --8<-- [end:diagram]
