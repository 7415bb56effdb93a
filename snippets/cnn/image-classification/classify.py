"""Image classification end to end: a small CNN on scikit-learn's 8x8 digits.

The rehearsal section saves and grades the network the first sections trained (the
page does not train the same network twice); exercise 4 (tune.py) compares with its
validation accuracy.
"""

# --8<-- [start:load]
import numpy as np
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()  # (1)!
print(
    "train:",
    x_train.shape,
    "test:",
    x_test.shape,
    "pixel range:",
    x_train.min(),
    x_train.max(),
)
# --8<-- [end:load]

# --8<-- [start:define]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1), name="image"),
        layers.Conv2D(16, 3, padding="same", activation="relu", name="conv1"),
        layers.MaxPooling2D(2, name="pool"),
        layers.Conv2D(32, 3, padding="same", activation="relu", name="conv2"),
        layers.Flatten(name="flatten"),
        layers.Dense(10, activation="softmax", name="probabilities"),
    ],
    name="digits_cnn",
)
print(f"{model.count_params():,} parameters")
# --8<-- [end:define]

# --8<-- [start:compile]
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# --8<-- [end:compile]

# --8<-- [start:train]
x_fit, y_fit = x_train[:-300], y_train[:-300]  # (1)!
x_val, y_val = x_train[-300:], y_train[-300:]
history = model.fit(x_fit, y_fit, epochs=5, batch_size=32, verbose=0)
val_loss, val_accuracy = model.evaluate(x_val, y_val, verbose=0)
print(f"training accuracy: {history.history['accuracy'][-1]:.3f}")
print(f"validation accuracy: {val_accuracy:.3f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {test_accuracy:.3f}")

shift = layers.RandomTranslation(  # (1)!
    0.125, 0.125, fill_mode="constant", interpolation="nearest", seed=1
)
x_shifted = shift(x_test, training=True).numpy()
shifted_loss, shifted_accuracy = model.evaluate(x_shifted, y_test, verbose=0)
print(f"test accuracy, images shifted by up to a pixel: {shifted_accuracy:.3f}")
# --8<-- [end:evaluate]

# --8<-- [start:confusion]
from sklearn.metrics import confusion_matrix

probabilities = model.predict(x_test, verbose=0)
predicted = probabilities.argmax(axis=1)
matrix = confusion_matrix(y_test, predicted)  # (1)!
errors = matrix.sum(axis=1) - matrix.diagonal()  # wrong answers per true digit
worst = errors.argmax()
# As shares, not counts: another computer's network may get an image or
# two otherwise.
print(
    f"share wrong: {errors.sum() / len(y_test):.3f}; "
    f"most often wrong: the {worst}s, "
    f"{errors[worst] / matrix[worst].sum():.2f} of them"
)
# --8<-- [end:confusion]

# --8<-- [start:confusion-figure]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(4.6, 4))
ax.imshow(matrix, cmap="Blues")
for true_digit in range(10):
    for guess in range(10):
        count = matrix[true_digit, guess]
        if count:
            color = "white" if count > matrix.max() / 2 else "black"
            ax.text(
                guess,
                true_digit,
                count,
                ha="center",
                va="center",
                fontsize=8,
                color=color,
            )
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit")
ax.set_title(f"{len(y_test)} test images")
fig.tight_layout()
fig.savefig("digits-confusion.png", dpi=100)
# --8<-- [end:confusion-figure]

# --8<-- [start:mistakes]
wrong = np.flatnonzero(predicted != y_test)
# The three most confident mistakes, in test-set order. Less confident ones
# differ from computer to computer (see the note under the output below).
surest = np.sort(wrong[np.argsort(-probabilities[wrong].max(axis=1))][:3])
fig, axes = plt.subplots(1, 3, figsize=(4.5, 1.9))
for ax, i in zip(axes, surest, strict=False):  # 3 mistakes at most
    ax.imshow(x_test[i, :, :, 0], cmap="gray_r")
    ax.set_title(f"{y_test[i]} as {predicted[i]}", fontsize=8)
for ax in axes:
    ax.axis("off")
fig.tight_layout()
fig.savefig("digits-mistakes.png", dpi=100)
sureness = " ".join(f"{probabilities[i].max():.2f}" for i in surest)
print("probability given to each wrong answer:", sureness)
# --8<-- [end:mistakes]

# --8<-- [start:new-inputs]
drawings = [  # two digits drawn by hand: "#" is ink, "." is paper
    """
    ..####..
    .##..##.
    .#....#.
    .#....#.
    .#....#.
    .#....#.
    .##..##.
    ..####..
    """,
    """
    ...##...
    ..###...
    ...##...
    ...##...
    ...##...
    ...##...
    ...##...
    ..####..
    """,
]
new_images = np.array(
    [[[c == "#" for c in row.strip()] for row in d.split()] for d in drawings],
    dtype="float32",
)[..., np.newaxis]  # (1)!
print("new images:", new_images.shape)
# --8<-- [end:new-inputs]

# --8<-- [start:predict-new]
new_probabilities = model.predict(new_images, verbose=0)
for p in new_probabilities:
    first, second = p.argsort()[::-1][:2]
    print(
        f"predicted {first} (p = {p[first]:.2f}), "
        f"next {second} (p = {p[second]:.2f})"
    )
# --8<-- [end:predict-new]

# --8<-- [start:augment]
import numpy as np
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()
augment = keras.Sequential(
    [
        layers.RandomTranslation(
            0.125, 0.125, fill_mode="constant", interpolation="nearest"
        ),
        layers.RandomRotation(0.05, fill_mode="constant"),  # (1)!
    ],
    name="augment",
)
one = x_train[:1]
copies = np.concatenate([augment(one, training=True) for _ in range(7)])
print("training=True changes the image:", not np.allclose(copies[0], one[0]))
print(
    "training=False leaves it alone:",
    np.allclose(augment(one, training=False), one),
)
# --8<-- [end:augment]

# --8<-- [start:augment-figure]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 8, figsize=(9, 1.4))
titles = ["original"] + ["augmented"] * 7
for ax, image, title in zip(axes, [one[0], *copies], titles, strict=True):
    ax.imshow(image[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title, fontsize=9)
    ax.axis("off")
fig.tight_layout()
fig.savefig("digits-augmented.png", dpi=100)
# --8<-- [end:augment-figure]

# --8<-- [start:augmented-model]
augmented = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1), name="image"),
        augment,  # (1)!
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ],
    name="digits_cnn_augmented",
)
augmented.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
augmented.fit(x_fit, y_fit, epochs=5, batch_size=32, verbose=0)  # (2)!

shift = layers.RandomTranslation(
    0.125, 0.125, fill_mode="constant", interpolation="nearest", seed=1
)
x_shifted = shift(x_test, training=True).numpy()  # (3)!
test_accuracy = augmented.evaluate(x_test, y_test, verbose=0)[1]
shifted_accuracy = augmented.evaluate(x_shifted, y_test, verbose=0)[1]
print(
    f"with augmentation: test accuracy {test_accuracy:.3f}, "
    f"shifted {shifted_accuracy:.3f}"
)
# --8<-- [end:augmented-model]

# --8<-- [start:rehearsal]
from dlcourse.grade import grade

model.save("digits_model.keras")  # (1)!
report = grade("digits_model.keras", data="digits")  # (2)!
# --8<-- [end:rehearsal]
