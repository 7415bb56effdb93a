"""BatchNormalization: batch statistics in training, moving averages at inference."""

# --8<-- [start:batchnorm]
import keras
import numpy as np
from keras import layers

rng = np.random.default_rng(0)
# a batch of 256 examples with 4 features
x = rng.normal(loc=5.0, scale=3.0, size=(256, 4)).astype("float32")
eps = 1e-3  # BatchNormalization's default epsilon


def show(label, values):
    mean, std = values.mean(axis=0), values.std(axis=0)
    print(
        f"{label} output mean {mean.round(2) + 0.0}, std {std.round(2) + 0.0}"
    )


bn = layers.BatchNormalization()  # momentum=0.99
train = keras.ops.convert_to_numpy(bn(x, training=True))
show("training=True: ", train)
# It used this batch's mean and variance (before training, gamma = 1, beta = 0):
batch_mean, batch_var = x.mean(axis=0), x.var(axis=0)
print(
    "  (x - batch mean) / sqrt(batch var + eps):",
    np.allclose(train, (x - batch_mean) / np.sqrt(batch_var + eps), atol=1e-4),
)
# --8<-- [end:batchnorm]

# --8<-- [start:moving]
# It moved its moving averages 1% of the way from (0, 1) towards them:
moving_mean = keras.ops.convert_to_numpy(bn.moving_mean)
moving_var = keras.ops.convert_to_numpy(bn.moving_variance)
print(
    "  moving mean = 0.01 * batch mean:",
    np.allclose(moving_mean, 0.01 * batch_mean, atol=1e-5),
)
print(
    "  moving var = 0.99 + 0.01 * batch var:",
    np.allclose(moving_var, 0.99 + 0.01 * batch_var, atol=1e-5),
)
# --8<-- [end:moving]

# --8<-- [start:inference]
infer = keras.ops.convert_to_numpy(bn(x, training=False))
show("training=False:", infer)
print(
    "  (x - moving mean) / sqrt(moving var + eps):",
    np.allclose(
        infer, (x - moving_mean) / np.sqrt(moving_var + eps), atol=1e-4
    ),
)
# --8<-- [end:inference]

# --8<-- [start:settle]
import keras
import numpy as np
from keras import layers

rng = np.random.default_rng(1)
# forgets faster, to settle in fewer batches
bn = layers.BatchNormalization(momentum=0.9)
for _ in range(100):
    batch = rng.normal(loc=5.0, scale=3.0, size=(256, 4)).astype("float32")
    bn(batch, training=True)
moving_mean = keras.ops.convert_to_numpy(bn.moving_mean)
moving_var = keras.ops.convert_to_numpy(bn.moving_variance)
print(
    "after 100 batches: moving mean",
    moving_mean.round(1),
    "moving var",
    moving_var.round(1),
)

new = rng.normal(loc=5.0, scale=3.0, size=(256, 4)).astype("float32")
out = keras.ops.convert_to_numpy(bn(new, training=False))
print(
    "training=False on a new batch: mean",
    out.mean(axis=0).round(1) + 0.0,
    "std",
    out.std(axis=0).round(1),
)
# --8<-- [end:settle]

# --8<-- [start:conv-block]
import keras
import numpy as np
from keras import layers

block = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(
            16, 3, padding="same", use_bias=False, name="conv"
        ),  # (1)!
        layers.BatchNormalization(name="norm"),  # (2)!
        layers.Activation("relu", name="relu"),
    ]
)
for layer in block.layers:
    shapes = [tuple(w.shape) for w in layer.weights]
    print(f"{layer.name:<5} {layer.count_params():>3} parameters {shapes}")

images = np.random.default_rng(0).uniform(0, 255, (8, 32, 32, 3))
maps = block.get_layer("conv")(images.astype("float32"))
normalized = block.get_layer("norm")(maps, training=True)
normalized = keras.ops.convert_to_numpy(normalized)
print("normalized maps:", normalized.shape)
mean = normalized.mean(axis=(0, 1, 2))  # over the batch and every position
std = normalized.std(axis=(0, 1, 2))
print("per channel: mean", np.abs(mean).max().round(3), "at most,", end=" ")
print("std from", std.min().round(2), "to", std.max().round(2))
# --8<-- [end:conv-block]
