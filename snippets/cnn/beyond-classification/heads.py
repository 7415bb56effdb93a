"""One convolutional feature extractor, and the output each image task asks of it."""

# --8<-- [start:heads]
import keras
from keras import layers

images = keras.Input(shape=(32, 32, 3))
# full resolution: 32x32x32
full_size = layers.Conv2D(32, 3, padding="same", activation="relu")(images)
x = layers.MaxPooling2D(2)(full_size)
x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
features = layers.MaxPooling2D(2)(x)  # an 8x8 grid of 64 features

classes = 5
anchors = 3  # candidate boxes per grid cell
pooled = layers.GlobalAveragePooling2D()(features)
box_maps = layers.Conv2D(anchors * 4, 1)(features)
score_maps = layers.Conv2D(anchors * classes, 1, activation="sigmoid")(features)
pixel_scores = layers.Conv2D(classes, 1, activation="softmax")(features)
heads = {
    "classification": layers.Dense(classes, activation="softmax")(pooled),
    "detection: boxes": layers.Reshape((-1, 4))(box_maps),  # (1)!
    "detection: classes": layers.Reshape((-1, classes))(score_maps),
    "segmentation": layers.UpSampling2D(4)(pixel_scores),  # (2)!
    "super-resolution": layers.Conv2DTranspose(3, 3, strides=2, padding="same")(
        full_size
    ),  # (3)!
}
for task, output in heads.items():
    print(f"{task:20} {tuple(output.shape)}")
# --8<-- [end:heads]

# --8<-- [start:generator]
import keras
from keras import layers

generator = keras.Sequential(
    [
        keras.Input(shape=(16,)),  # a random code, not an image
        layers.Dense(8 * 8 * 32, activation="relu"),
        layers.Reshape((8, 8, 32)),
        layers.Conv2DTranspose(
            16, 3, strides=2, padding="same", activation="relu"
        ),
        layers.Conv2DTranspose(
            3, 3, strides=2, padding="same", activation="sigmoid"
        ),
    ]
)
codes = keras.random.normal((4, 16), seed=0)
print("generated images:", tuple(generator(codes).shape))
# --8<-- [end:generator]

# --8<-- [start:iou]
import numpy as np
from keras.utils import bounding_boxes

predicted = np.array([[0.0, 0.0, 4.0, 4.0]])  # x_min, y_min, x_max, y_max
truth = np.array(
    [[2.0, 2.0, 6.0, 6.0], [0.0, 0.0, 4.0, 4.0], [5.0, 5.0, 6.0, 6.0]]
)
iou = bounding_boxes.compute_iou(predicted, truth, bounding_box_format="xyxy")
print("IoU with each true box:", np.round(np.asarray(iou), 3))
# --8<-- [end:iou]

# --8<-- [start:gram]
import numpy as np
import keras

feature_maps = keras.random.uniform((1, 8, 8, 64), seed=0)  # (1)!
flat = keras.ops.reshape(feature_maps, (1, 8 * 8, 64))
gram = keras.ops.matmul(keras.ops.transpose(flat, (0, 2, 1)), flat) / (8 * 8)
symmetric = np.allclose(gram, np.transpose(gram, (0, 2, 1)))
print(
    "feature maps:",
    tuple(feature_maps.shape),
    "-> Gram matrix:",
    tuple(gram.shape),
)
print("symmetric:", bool(symmetric))
# --8<-- [end:gram]

# --8<-- [start:installed]
import importlib.util

import keras

networks = [name for name in dir(keras.applications) if name[0].isupper()]
print(
    len(networks),
    "networks in keras.applications, from",
    networks[0],
    "to",
    networks[-1],
)
found = [
    keras.layers.Conv2DTranspose,
    keras.layers.UpSampling2D,
    keras.metrics.MeanIoU,
    keras.utils.bounding_boxes.compute_iou,
]
print("in core Keras:", ", ".join(item.__name__ for item in found))
for package in ("keras_hub", "keras_cv"):
    installed = importlib.util.find_spec(package) is not None
    print(f"{package} installed: {installed}")
# --8<-- [end:installed]
