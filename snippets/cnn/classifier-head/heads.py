"""Two heads on one convolutional base: Flatten + Dense versus global average pooling + Dense."""

# --8<-- [start:compare]
import keras
from keras import layers


def conv_base(inputs):
    """Two 3x3 convolutions with a 2x2 max pooling between them."""
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    x = layers.MaxPooling2D(2)(x)
    return layers.Conv2D(32, 3, padding="same", activation="relu")(x)


for to_vector in (layers.Flatten, layers.GlobalAveragePooling2D):
    inputs = keras.Input(shape=(8, 8, 1))
    feature_maps = conv_base(inputs)
    vector = to_vector()(feature_maps)  # (1)!
    scores = layers.Dense(10, activation="softmax")
    outputs = scores(vector)
    model = keras.Model(inputs, outputs)
    maps = tuple(feature_maps.shape[1:])
    print(
        f"{to_vector.__name__:22} maps {maps} -> vector {vector.shape[1]:3}"
        f"  head {scores.count_params():5,}  model {model.count_params():,}"
    )
# --8<-- [end:compare]

# --8<-- [start:any-size]
import numpy as np
import keras
from keras import layers

inputs = keras.Input(shape=(None, None, 1))  # (1)!
x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
x = layers.MaxPooling2D(2)(x)
feature_maps = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
try:
    layers.Dense(10, name="scores")(layers.Flatten()(feature_maps))
except ValueError as err:
    print(f"Flatten: ValueError: {err}")

outputs = layers.Dense(10, activation="softmax")(
    layers.GlobalAveragePooling2D()(feature_maps)
)
any_size = keras.Model(inputs, outputs)
for side in (8, 16, 28):
    images = np.zeros((2, side, side, 1), dtype="float32")
    shape = tuple(any_size(images).shape)
    print(f"GlobalAveragePooling2D: {side}x{side} images -> output {shape}")
# --8<-- [end:any-size]

# --8<-- [start:vgg16]
from dlcourse.params import dense_params

flat = 7 * 7 * 512  # VGG16's last feature maps for a 224x224 image, flattened
vgg16_head = (
    dense_params(flat, 4096)
    + dense_params(4096, 4096)
    + dense_params(4096, 1000)
)
gap_head = dense_params(512, 1000)
print(f"VGG16's Flatten head: {vgg16_head:,} parameters")
print(f"GlobalAveragePooling2D + Dense(1000) instead: {gap_head:,}")
# --8<-- [end:vgg16]
