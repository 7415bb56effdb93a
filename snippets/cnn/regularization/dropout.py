"""Inverted dropout: what Dropout does with training=True and with training=False."""

# --8<-- [start:dropout]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rate = 0.25
dropout = layers.Dropout(rate)
x = np.ones((1, 10_000), "float32")  # 10,000 units, all equal to 1

train = keras.ops.convert_to_numpy(dropout(x, training=True))
infer = keras.ops.convert_to_numpy(dropout(x, training=False))
default = keras.ops.convert_to_numpy(dropout(x))

print(
    "training=True:  values",
    np.unique(train),
    f"zeroed {np.mean(train == 0):.1%}",
)
print(
    f"                mean {train.mean():.3f}, "
    f"1 / (1 - rate) = {1 / (1 - rate):.7f}"
)
print(
    "training=False: values",
    np.unique(infer),
    "the input unchanged:",
    np.array_equal(infer, x),
)
print("no training argument, as training=False:", np.array_equal(default, x))
# --8<-- [end:dropout]
