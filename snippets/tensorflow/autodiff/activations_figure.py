"""Three activation functions and the derivatives GradientTape computes for them."""

# --8<-- [start:figure]
import matplotlib.pyplot as plt
import tensorflow as tf

z = tf.linspace(-4.0, 4.0, 401)
functions = {"ReLU": tf.nn.relu, "sigmoid": tf.sigmoid, "tanh": tf.tanh}

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), sharex=True)
for name, function in functions.items():
    with tf.GradientTape() as tape:
        tape.watch(z)
        a = function(z)
    derivative = tape.gradient(a, z)  # (1)!
    left.plot(z, a, label=name)
    right.plot(z, derivative, label=name)
left.set_title("activation a(z)")
right.set_title("derivative da/dz, from GradientTape")
for ax in (left, right):
    ax.set_xlabel("z")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.grid(alpha=0.3)
left.legend()
fig.tight_layout()
fig.savefig("autodiff-activations.png", dpi=100)
# --8<-- [end:figure]
