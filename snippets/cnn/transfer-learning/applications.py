"""The keras.applications workflow: a frozen pretrained base under a new head, then fine-tuning."""

# --8<-- [start:imagenet]
import keras
from keras import layers

base = keras.applications.MobileNetV3Small(
    weights="imagenet",  # downloads the ImageNet weights the first time
    include_top=False,  # without the 1,000-class ImageNet head
    input_shape=(224, 224, 3),
)
base.trainable = False

inputs = keras.Input(shape=(224, 224, 3))  # RGB images, pixel values 0 to 255
x = keras.applications.mobilenet_v3.preprocess_input(inputs)
x = base(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(5, activation="softmax")(x)  # your 5 classes
model = keras.Model(inputs, outputs)
model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
)
# model.fit(your_images, your_labels, epochs=..., validation_data=...)
# --8<-- [end:imagenet]

# --8<-- [start:offline]
import keras
from keras import layers

base = keras.applications.MobileNetV3Small(
    weights=None, include_top=False, input_shape=(224, 224, 3)
)  # (1)!
base.trainable = False

inputs = keras.Input(shape=(224, 224, 3))
x = keras.applications.mobilenet_v3.preprocess_input(inputs)
x = base(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
)


def report(stage):
    trainable = sum(int(keras.ops.size(w)) for w in model.trainable_weights)
    print(f"{stage:16} {trainable:9,} trainable of {model.count_params():,}")


report("frozen base")
# --8<-- [end:offline]

# --8<-- [start:unfreeze]
base.trainable = True  # (1)!
for layer in base.layers[:-20]:
    layer.trainable = False
for layer in base.layers:
    if isinstance(layer, layers.BatchNormalization):
        layer.trainable = False
model.compile(
    optimizer=keras.optimizers.Adam(1e-5),
    loss="sparse_categorical_crossentropy",
)
report("top 20 unfrozen")
# --8<-- [end:unfreeze]

# --8<-- [start:preprocess]
import numpy as np
from keras import applications

# one pixel: no red, some green, full blue
pixel = np.array([[[[0.0, 128.0, 255.0]]]])
for name, module in [
    ("VGG16", applications.vgg16),
    ("ResNet50", applications.resnet50),
    ("InceptionV3", applications.inception_v3),
    ("MobileNetV3", applications.mobilenet_v3),
    ("EfficientNet", applications.efficientnet),
]:
    out = module.preprocess_input(pixel.copy())  # (1)!
    print(f"{name:12} {np.round(out.ravel(), 2)}")
# --8<-- [end:preprocess]
