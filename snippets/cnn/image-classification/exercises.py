"""Solutions to the exercises of the image-classification page."""

# --8<-- [start:ex1]
import numpy as np
from sklearn.metrics import confusion_matrix

true = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2])
guess = np.array([0, 1, 1, 1, 2, 2, 2, 0, 2])
by_hand = np.zeros((3, 3), dtype=int)
for t, g in zip(true, guess, strict=True):
    by_hand[t, g] += 1  # row: true class, column: prediction
print(by_hand)
print(
    "same as scikit-learn:",
    np.array_equal(by_hand, confusion_matrix(true, guess)),
)
print(
    "accuracy per class:", np.round(by_hand.diagonal() / by_hand.sum(axis=1), 2)
)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ]
)
image = np.zeros((8, 8, 1), dtype="float32")  # one image, no batch axis
try:
    model.predict(image, verbose=0)
except ValueError:
    # the 8 rows are taken for 8 images of 8x1
    print("without a batch axis: ValueError")
print("with a batch axis:", model.predict(image[np.newaxis], verbose=0).shape)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import numpy as np
from sklearn.neighbors import KNeighborsClassifier

from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_test, y_test) = load_digits_images()
nearest = KNeighborsClassifier(1).fit(
    x_train.reshape(len(x_train), -1), y_train
)
for digit in (2, 3, 4, 7):
    mirrored = x_test[y_test == digit][:, :, ::-1, :]  # flip left to right
    labels = nearest.predict(mirrored.reshape(len(mirrored), -1))
    share = (labels == digit).mean()
    print(f"mirrored {digit}s still called {digit}: {share:.0%}")
# --8<-- [end:ex3]
