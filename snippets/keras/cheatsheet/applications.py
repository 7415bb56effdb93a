# Verified on: tensorflow, jax, torch
import keras
from keras import layers
from keras.applications import VGG16, InceptionV3, MobileNetV3Small, ResNet50

# weights=None: random weights, nothing to download.
# include_top=False drops the 1,000-class ImageNet classifier, so inputs
# smaller than 224x224 are allowed, down to:
smallest_side = {MobileNetV3Small: 32, VGG16: 32, ResNet50: 32, InceptionV3: 75}

side = smallest_side[MobileNetV3Small]
base = MobileNetV3Small(
    weights=None, include_top=False, input_shape=(side, side, 3)
)
base.trainable = False  # transfer learning: keep the pretrained features fixed

model = keras.Sequential(
    [
        keras.Input(shape=(side, side, 3)),
        base,
        layers.GlobalAveragePooling2D(),
        layers.Dense(10, activation="softmax"),  # a new head for your classes
    ]
)
print(
    f"{base.name}: {base.count_params():,} parameters, "
    f"output {base.output_shape}"
)
print(f"trainable: {sum(w.numpy().size for w in model.trainable_weights):,}")
