"""Solutions to the exercises of the beyond-classification page."""

# --8<-- [start:ex1]
import keras
from keras import layers

images = keras.Input(shape=(64, 64, 3))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(images)
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
features = layers.MaxPooling2D(2)(x)
boxes = layers.Reshape((-1, 4))(layers.Conv2D(3 * 4, 1)(features))
print(
    "grid:",
    tuple(features.shape[1:3]),
    "boxes:",
    boxes.shape[1],
    "by hand:",
    16 * 16 * 3,
)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
from keras.utils import bounding_boxes

# x_min, y_min, x_max, y_max: 4 wide, 2 high
a = np.array([[1.0, 1.0, 5.0, 3.0]])
b = np.array([[3.0, 0.0, 6.0, 4.0]])  # 3 wide, 4 high
overlap = (5 - 3) * (3 - 1)  # x from 3 to 5, y from 1 to 3
union = 4 * 2 + 3 * 4 - overlap
iou = bounding_boxes.compute_iou(a, b, bounding_box_format="xyxy")
keras_iou = float(np.asarray(iou)[0, 0])
print(
    f"by hand: {overlap}/{union} = {overlap / union:.4f}   "
    f"Keras: {keras_iou:.4f}"
)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import numpy as np
import keras


def gram(feature_maps):
    flat = keras.ops.reshape(feature_maps, (1, -1, feature_maps.shape[-1]))
    return (
        keras.ops.matmul(keras.ops.transpose(flat, (0, 2, 1)), flat)
        / flat.shape[1]
    )


maps = np.random.default_rng(1).uniform(size=(1, 8, 8, 16)).astype("float32")
# a new place for each of the 64 positions
order = np.random.default_rng(0).permutation(64)
scrambled = maps.reshape(1, 64, 16)[:, order].reshape(1, 8, 8, 16)
print("maps changed:", not np.allclose(maps, scrambled))
print(
    "Gram matrix changed:",
    not np.allclose(gram(maps), gram(scrambled), atol=1e-6),
)
# --8<-- [end:ex3]
