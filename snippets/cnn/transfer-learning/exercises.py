"""Solutions to the exercises of the transfer-learning page."""

# --8<-- [start:ex1]
import keras
from keras import layers

base = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Conv2D(16, 3, padding="same", use_bias=False),
        layers.BatchNormalization(),
        layers.ReLU(),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, padding="same", use_bias=False),
        layers.BatchNormalization(),
        layers.ReLU(),
        layers.Flatten(),
    ]
)
inputs = keras.Input(shape=(8, 8, 1))
model = keras.Model(inputs, layers.Dense(5, activation="softmax")(base(inputs)))
# the whole base trains, except its BatchNormalization layers
for layer in base.layers:
    if isinstance(layer, layers.BatchNormalization):
        layer.trainable = False
trainable = sum(int(keras.ops.size(w)) for w in model.trainable_weights)
by_hand = 3 * 3 * 1 * 16 + 3 * 3 * 16 * 32 + (4 * 4 * 32) * 5 + 5
print(f"trainable: Keras {trainable:,}  by hand {by_hand:,}")
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
from keras.applications import vgg16

pixel = np.array([[[[10.0, 20.0, 30.0]]]])  # R, G, B
imagenet_mean_bgr = np.array([103.939, 116.779, 123.68])
# reverse to B, G, R, then centre
by_hand = pixel[..., ::-1] - imagenet_mean_bgr
print("Keras:  ", np.round(vgg16.preprocess_input(pixel.copy()).ravel(), 3))
print("by hand:", np.round(by_hand.ravel(), 3))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
image, others = rng.normal(size=(1, 4)), rng.normal(3.0, 1.0, size=(7, 4))
batch = np.concatenate([image, others]).astype("float32")
bn = layers.BatchNormalization()
bn.build((None, 4))
for mode in (True, False):
    alone = bn(image.astype("float32"), training=mode).numpy()[0]
    in_batch = bn(batch, training=mode).numpy()[0]
    same = np.allclose(alone, in_batch)
    print(f"training={mode}: same output alone and in a batch: {same}")
# --8<-- [end:ex3]

# --8<-- [start:ex4]
import numpy as np
from sklearn.neighbors import KNeighborsClassifier

from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_test, y_test) = load_digits_images()
x_b_test, y_b_test = x_test[y_test >= 5], y_test[y_test >= 5]
scores = []
for seed in range(5):  # the same draws as the comparison on the page
    rng = np.random.default_rng(seed)
    few = np.concatenate(
        [
            rng.choice(np.flatnonzero(y_train == d), 3, replace=False)
            for d in range(5, 10)
        ]
    )
    nearest = KNeighborsClassifier(1).fit(
        x_train[few].reshape(15, -1), y_train[few]
    )
    scores.append(nearest.score(x_b_test.reshape(len(x_b_test), -1), y_b_test))
print(
    f"1-nearest neighbour on pixels: {np.mean(scores):.2f} "
    f"± {np.std(scores, ddof=1):.2f}"
)
# --8<-- [end:ex4]
