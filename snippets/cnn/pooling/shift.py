"""What pooling does to a small shift of its input."""

# --8<-- [start:shift]
import keras
import numpy as np
from keras import layers

for shift in (0, 1, 2, 3):
    fmap = np.zeros((1, 6, 6, 1), "float32")
    fmap[0, shift, shift, 0] = 1.0  # one strong response, moved diagonally
    max_pooled = layers.MaxPooling2D(2)(fmap)
    pooled = keras.ops.convert_to_numpy(max_pooled)[0, :, :, 0]
    mean = float(layers.GlobalAveragePooling2D()(fmap)[0, 0])
    where = np.argwhere(pooled == 1.0)[0].tolist()
    print(
        f"response at ({shift}, {shift}): max pooling puts it at {where}, "
        f"global mean {mean:.4f}"
    )
# --8<-- [end:shift]
