"""RandomFlip("horizontal"): a mirror image in training, the image itself at inference."""

# --8<-- [start:flip]
import keras
import numpy as np
from keras import layers

image = np.arange(6, dtype="float32").reshape(1, 2, 3, 1)  # one 2x3 image
flip = layers.RandomFlip("horizontal", seed=0)  # (1)!
seen = set()
for _ in range(20):
    flipped = keras.ops.convert_to_numpy(flip(image, training=True))
    seen.add(str(flipped[0, :, :, 0].astype(int).tolist()))
print("training=True gives:", *sorted(seen))
same = keras.ops.convert_to_numpy(flip(image, training=False))
print("training=False gives:", same[0, :, :, 0].astype(int).tolist())
# --8<-- [end:flip]
