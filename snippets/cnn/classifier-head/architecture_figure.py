"""The whole CNN, feature extractor and classifier head, drawn from the model's own layers."""

# --8<-- [start:model]
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1), name="image"),
        layers.Conv2D(16, 3, padding="same", activation="relu", name="conv1"),
        layers.MaxPooling2D(2, name="pool"),
        layers.Conv2D(32, 3, padding="same", activation="relu", name="conv2"),
        layers.Flatten(name="flatten"),
        layers.Dense(10, activation="softmax", name="probabilities"),
    ],
    name="digits_cnn",
)
for layer in model.layers:
    shape = "x".join(str(n) for n in layer.output.shape[1:])
    kind = type(layer).__name__
    params = layer.count_params()
    print(f"{layer.name:14} {kind:23} -> {shape:8} {params:6,} parameters")
print(f"{'total':14} {'':23}    {'':8} {model.count_params():6,} parameters")
# --8<-- [end:model]

# --8<-- [start:figure]
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch


def describe(layer):
    """A short name for a layer, read from its configuration."""
    if isinstance(layer, layers.Conv2D):
        kh, kw = layer.kernel_size
        activation = layer.activation.__name__
        return f"Conv2D {kh}x{kw}\n{layer.filters} filters, {activation}"
    if isinstance(layer, layers.MaxPooling2D):
        return f"MaxPooling2D\n{layer.pool_size[0]}x{layer.pool_size[1]}"
    if isinstance(layer, layers.GlobalAveragePooling2D):
        return "GlobalAverage-\nPooling2D"
    if isinstance(layer, layers.Dense):
        return f"Dense {layer.units}\n{layer.activation.__name__}"
    return type(layer).__name__


head_types = (layers.GlobalAveragePooling2D, layers.Flatten, layers.Dense)
stages = [("Input", model.inputs[0].shape[1:], 0, False)] + [
    (
        describe(layer),
        layer.output.shape[1:],
        layer.count_params(),
        isinstance(layer, head_types),
    )
    for layer in model.layers
]

fig, ax = plt.subplots(figsize=(10, 2.6))
labels = []
for i, (name, shape, params, in_head) in enumerate(stages):
    side = shape[0] if len(shape) == 3 else 1  # (1)!
    height = 0.9 + 0.1 * side
    color = "#fdd9b5" if in_head else ("#eeeeee" if i == 0 else "#c6dbef")
    corner = (i * 1.7, -height / 2)
    ax.add_patch(
        FancyBboxPatch(
            corner, 1.4, height, boxstyle="round,pad=0.03", color=color
        )
    )
    label = f"{name}\n{'x'.join(str(n) for n in shape)}\n{params:,} params"
    labels.append(label)
    ax.text(i * 1.7 + 0.7, 0, label, ha="center", va="center", fontsize=10)
    if i:
        arrow = {"arrowstyle": "->"}
        ax.annotate(
            "",
            xy=(i * 1.7 - 0.04, 0),
            xytext=(i * 1.7 - 0.3, 0),
            arrowprops=arrow,
        )
first_head = next(i for i, stage in enumerate(stages) if stage[3])
parts = [
    (1, first_head - 1, "feature extractor"),
    (first_head, len(stages) - 1, "classifier head"),
]
for start, stop, text in parts:
    left, right = start * 1.7, stop * 1.7 + 1.4
    ax.plot(
        [left, left, right, right],
        [-0.95, -1.0, -1.0, -0.95],
        color="black",
        linewidth=0.8,
    )
    ax.text((left + right) / 2, -1.08, text, ha="center", va="top", fontsize=10)
ax.set_xlim(-0.1, len(stages) * 1.7 - 0.2)
ax.set_ylim(-1.35, 0.95)
ax.axis("off")
fig.tight_layout()
fig.savefig("cnn-architecture.png", dpi=100)
# --8<-- [end:figure]
