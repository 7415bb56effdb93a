"""What trainable=False and training=False do to BatchNormalization in Keras 3."""

# --8<-- [start:frozen]
import numpy as np
import keras
from keras import layers

batch = (
    np.random.default_rng(0).normal(5.0, 2.0, size=(32, 3)).astype("float32")
)
bn = layers.BatchNormalization()
bn.build((None, 3))  # moving mean starts at 0, moving variance at 1


def report(label, out):
    # + 0.0 turns -0.0 into 0.0
    out_mean = round(float(out.numpy().mean()), 2) + 0.0
    moving_mean = float(bn.moving_mean.numpy().mean())
    print(
        f"{label:32} output mean {out_mean:5.2f}   "
        f"moving mean {moving_mean:.2f}"
    )


report("trainable, training=True", bn(batch, training=True))  # (1)!
report("trainable, training=False", bn(batch, training=False))  # (2)!
bn.trainable = False
report("trainable=False, training=True", bn(batch, training=True))  # (3)!
print(
    "trainable weights:",
    len(bn.trainable_weights),
    "frozen:",
    len(bn.non_trainable_weights),
)
# --8<-- [end:frozen]

# --8<-- [start:override]
import numpy as np
import keras
from keras import layers

batch = (
    np.random.default_rng(0).normal(5.0, 2.0, size=(32, 3)).astype("float32")
)
inputs = keras.Input(shape=(3,))
base = keras.Sequential(
    [keras.Input(shape=(3,)), layers.BatchNormalization()], name="base"
)
model = keras.Model(inputs, base(inputs, training=False))  # (1)!

model(batch, training=True)  # what fit() does at every step
print("base called with training=False, model with training=True:")
moving_mean = base.layers[0].moving_mean.numpy().mean()
print(f"  moving mean moved from 0 to {moving_mean:.2f}")
# --8<-- [end:override]
