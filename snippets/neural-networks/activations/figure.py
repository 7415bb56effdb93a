"""Seven activation functions and their derivatives, the derivatives from GradientTape."""

# --8<-- [start:figure]
import keras
import matplotlib.pyplot as plt
import tensorflow as tf

z = tf.linspace(-4.0, 4.0, 401)
functions = {
    "step (no gradient: drawn as 0)": lambda z: tf.cast(z >= 0, z.dtype),
    "sigmoid": keras.activations.sigmoid,
    "tanh": keras.activations.tanh,
    "ReLU": keras.activations.relu,
    "leaky ReLU (slope 0.2)": keras.activations.leaky_relu,  # (1)!
    "ELU": keras.activations.elu,
    "GELU": keras.activations.gelu,
}

fig, axes = plt.subplots(2, 4, figsize=(10, 4.8), sharex=True)
for ax, (name, function) in zip(axes.flat, functions.items(), strict=False):
    with tf.GradientTape() as tape:
        tape.watch(z)
        a = function(z)
    derivative = tape.gradient(a, z)  # (2)!
    if derivative is None:
        derivative = tf.zeros_like(z)
    ax.plot(z, a, label="activation a(z)")
    ax.plot(z, derivative, "--", label="derivative da/dz")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_ylim(-1.3, 2.3)
    ax.set_title(name, fontsize=10)
    ax.grid(alpha=0.3)
for ax in axes[1]:
    ax.set_xlabel("z")
axes[1, 3].axis("off")
axes[1, 3].legend(*axes[0, 0].get_legend_handles_labels(), loc="center")
fig.tight_layout()
fig.savefig("activation-functions.png", dpi=100)
# --8<-- [end:figure]
