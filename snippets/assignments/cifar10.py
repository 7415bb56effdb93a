# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Assignment: classify CIFAR-10 images
#
# Design and train a convolutional network that sorts small colour photographs into
# ten classes: airplane, automobile, bird, cat, deer, dog, frog, horse, ship and
# truck. [CIFAR-10](https://www.cs.toronto.edu/~kriz/cifar.html) has 50,000
# training and 10,000 test images of 32 by 32 pixels.
#
# Work through the steps of a deep-learning project below (they follow
# [the workflow of a project](../../neural-networks/workflow/)). The notebook runs
# from top to bottom as it is, with a weak baseline model; the cells you change say
# **YOUR CODE** and sit between `# ==== YOUR CODE` and `# ==== END OF YOUR CODE`
# lines. When you are done, compare with [the reference solution](../cifar10-solution/).
#
# ## What your model must do
#
# The last cell saves your model and grades it, with a PASS or FAIL line per check:
#
# | Check | Requirement |
# | --- | --- |
# | input shape | `(32, 32, 3)`, raw pixel values 0 to 255, as `load_data` returns them |
# | output classes | 10 |
# | parameters | at most 500,000 |
# | output and loss | softmax with `from_logits=False`, or logits with `from_logits=True` |
# | trains | a fresh copy, with your optimizer and loss, cuts its loss by 10 % in 10 steps |
# | accuracy | at least 0.70 on the CIFAR-10 test set |
#
# Ideas to use: [convolution layers](../../cnn/conv-layer/),
# [pooling](../../cnn/pooling/) and [dropout](../../cnn/regularization/), each with a
# page on this site; batch normalization, data augmentation layers and a
# learning-rate schedule, which the reference solution uses. The
# [Keras 3 cheatsheet](../../keras/cheatsheet/) lists the API.
#
# **Where the outputs on this page come from.** The site's tests run this notebook
# with `DLCOURSE_CIFAR10=fixture`: instead of downloading CIFAR-10, it loads a small
# made-up stand-in in the same file format (600 images, each class its own colour
# plus noise). Every output below comes from that run, with the baseline model: the
# accuracies shown are accuracies on made-up images and **say nothing about
# CIFAR-10**. Download the notebook or open it in Colab to work on the real data.

# %% [markdown]
# ## Set up
#
# The grader and the offline fixture come from `dlcourse`, this site's helper
# package ([install dlcourse](../../setup/#install-dlcourse)). The next cell installs
# it if it is missing, as in a fresh Colab session.

# %%
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("dlcourse") is None:
    package = "dlcourse @ git+https://github.com/dlcourse/dlcourse@main"
    subprocess.run([sys.executable, "-m", "pip", "install", package], check=True)

# %% [markdown]
# ## 1. Collect the data
#
# `keras.datasets.cifar10.load_data()` downloads the official archive (163 MB) the
# first time, keeps it in `~/.keras/datasets/`, and reads it from there afterwards.
#
# > **Older material says** the dataset is "already available" in Keras and need not
# > be downloaded. Keras knows where to get it, but it is not installed with Keras:
# > the first call downloads it, so it needs a network connection.
#
# With the environment variable `DLCOURSE_CIFAR10=fixture`, the cell loads the
# made-up fixture instead, through `dlcourse.cifar10.load_batches`, a reader for the
# same files the archive holds. Leave the variable unset to work on CIFAR-10.

# %%
import os

import keras

FIXTURE = os.environ.get("DLCOURSE_CIFAR10") == "fixture"
if FIXTURE:
    from dlcourse.cifar10 import load_fixture

    (x_train, y_train), (x_test, y_test) = load_fixture()
    print("data: the fixture (made-up images, NOT CIFAR-10)")
else:
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    print("data: CIFAR-10")
print("train:", x_train.shape, y_train.shape, " test:", x_test.shape, y_test.shape)

# %% [markdown]
# ## 2. Analyze the data
#
# Before choosing a model, know the data: the shape and type of the arrays, the
# range of the pixel values, whether the classes are balanced, and what the images
# look like.

# %%
import numpy as np

CLASS_NAMES = ["airplane", "automobile", "bird", "cat", "deer"]
CLASS_NAMES += ["dog", "frog", "horse", "ship", "truck"]
print("pixels:", x_train.dtype, x_train.min(), "to", x_train.max())
print("training images per class:", np.bincount(y_train.ravel()))

# %%
import matplotlib.pyplot as plt

fig, axes = plt.subplots(2, 5, figsize=(7.5, 3.6))
for label, ax in enumerate(axes.flat):
    first = np.flatnonzero(y_train.ravel() == label)[0]
    ax.imshow(x_train[first])
    ax.set_title(CLASS_NAMES[label])
    ax.axis("off")
plt.show()

# %% [markdown]
# In the run shown here these are fixture images: flat colours with blocky noise, one
# colour per class. CIFAR-10's are small photographs.

# %% [markdown]
# ## 3. Prepare and split the data
#
# The grader passes raw pixel values 0 to 255, so scale them inside the model (a
# `Rescaling` layer), not in the arrays. Labels are integers 0 to 9:
# `sparse_categorical_crossentropy` takes them as they are.
#
# Keep the test set for the end. To compare models and settings, `fit` below holds
# back the last 10 % of the training images as a validation set
# (`validation_split=0.1`).

# %% [markdown]
# ## 4. Choose a model
#
# **YOUR CODE.** The baseline below flattens each image into 3,072 numbers and
# feeds them to a single softmax layer: no convolutions at all. Replace it with a
# convolutional network: blocks of `Conv2D` layers with `BatchNormalization`, with
# pooling between them; data augmentation layers such as `RandomFlip` and
# `RandomTranslation` right after the input; and `GlobalAveragePooling2D` or
# `Flatten` with `Dropout` before the last `Dense(10, ...)` layer.

# %% tags=["student"]
from keras import layers

keras.utils.set_random_seed(0)

# ==== YOUR CODE: replace this baseline with a convolutional network ====
model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Rescaling(1 / 255),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ],
    name="baseline",
)
# ==== END OF YOUR CODE ====
print(f"{model.count_params():,} parameters")

# %% [markdown]
# ## 5. Compile the model
#
# **YOUR CODE.** Choose the optimizer, its learning rate (try a schedule from
# `keras.optimizers.schedules`, such as `CosineDecay`), the loss and the number of
# epochs. If your last layer has no softmax, the loss needs `from_logits=True`.
# Keep the fixture run short: 2 epochs.

# %% tags=["student"]
# ==== YOUR CODE: optimizer, learning rate, loss, epochs ====
EPOCHS = 2 if FIXTURE else 10
BATCH_SIZE = 32
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# ==== END OF YOUR CODE ====

# %% [markdown]
# ## 6. Fit the model
#
# On the real data, `fit` prints a line per epoch (`verbose=2`); in the tests it
# prints nothing, as timings differ on every run. Watch the validation accuracy: if
# it stalls while the training accuracy climbs, the model is overfitting.

# %%
history = model.fit(
    x_train,
    y_train,
    validation_split=0.1,
    epochs=EPOCHS,
    batch_size=BATCH_SIZE,
    verbose=0 if FIXTURE else 2,
)
last = {name: values[-1] for name, values in history.history.items()}
print(f"after {EPOCHS} epochs: training accuracy {last['accuracy']:.2f}, ", end="")
print(f"validation accuracy {last['val_accuracy']:.2f}")

# %% [markdown]
# ## 7. Evaluate the model
#
# Once you are happy with the validation accuracy, measure the test accuracy, once.

# %%
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {test_accuracy:.2f}")

# %% [markdown]
# ## 8. Predict
#
# The model gives ten probabilities per image; the predicted class is the largest.

# %%
probabilities = model.predict(x_test[:5], verbose=0)
for guess, truth in zip(probabilities.argmax(axis=1), y_test[:5, 0], strict=True):
    print(f"predicted {CLASS_NAMES[guess]:<10} actual {CLASS_NAMES[truth]}")

# %% [markdown]
# ## 9. Save and grade
#
# The grader loads the saved file and prints a PASS or FAIL line per check, with
# what to fix under each failure. It measures accuracy on the CIFAR-10 test set
# (in the tests: on the fixture's). On the fixture even the baseline may pass: its
# images are easy. What counts is the report on the real data.

# %%
from dlcourse.grade import grade

model.save("cifar10_model.keras")
report = grade("cifar10_model.keras")

# %% [markdown]
# From a shell, the same report: `python -m dlcourse.grade cifar10_model.keras`
# (`--help` lists its options). When every line says PASS on CIFAR-10, compare your
# model with [the reference solution](../cifar10-solution/).
