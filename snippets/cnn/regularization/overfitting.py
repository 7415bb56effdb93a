"""An overfitting run on a small digits subset, and three ways to narrow the gap."""

# --8<-- [start:model]
import keras
import numpy as np
import tensorflow as tf
from keras import layers, regularizers

from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_val, y_val) = load_digits_images()
x_small, y_small = x_train[:150], y_train[:150]  # about 15 images per digit

keras.utils.set_random_seed(0)  # also seeds the shuffling below
# Input pipelines built once and reused by every model and epoch.
train_data = (
    tf.data.Dataset.from_tensor_slices((x_small, y_small))
    .shuffle(150)
    .batch(15)
)
val_data = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(len(x_val))
# --8<-- [end:model]


# --8<-- [start:make-model]
def make_model(dropout=0.0, l2=0.0, augment=False):
    keras.utils.set_random_seed(0)  # the same initial weights for every variant
    penalty = regularizers.L2(l2) if l2 else None
    stack = [keras.Input(shape=(8, 8, 1))]
    if augment:  # shift each training image by up to one pixel each way
        stack.append(
            layers.RandomTranslation(0.125, 0.125, fill_mode="constant")
        )
    stack.append(layers.Flatten())
    for _ in range(2):
        stack.append(
            layers.Dense(256, activation="relu", kernel_regularizer=penalty)
        )
        if dropout:
            stack.append(layers.Dropout(dropout))
    stack.append(layers.Dense(10, activation="softmax"))
    model = keras.Sequential(stack)
    model.compile(
        optimizer=keras.optimizers.Adam(0.002),
        loss="sparse_categorical_crossentropy",
        # The loss fit reports includes the L2 penalty; this metric is the
        # cross-entropy alone.
        metrics=[
            "accuracy",
            keras.metrics.SparseCategoricalCrossentropy(name="cross_entropy"),
        ],
    )
    return model


# --8<-- [end:make-model]


# --8<-- [start:scores]
def scores(model, x, y):
    """Accuracy and cross-entropy in inference mode.

    No dropout, no augmentation, no penalty.
    """
    p = keras.ops.convert_to_numpy(model(x, training=False))
    accuracy = np.mean(p.argmax(axis=1) == y)
    cross_entropy = -np.mean(np.log(p[np.arange(len(y)), y]))
    return accuracy, cross_entropy


# --8<-- [end:scores]

# --8<-- [start:train]
variants = {
    "no regularization": {},
    "dropout 0.5": {"dropout": 0.5},
    "weight decay (L2)": {"l2": 0.001},
    "augmentation": {"augment": True},
}
histories = {}
print("                   accuracy: train  val   gap   loss: train  val   gap")
for name, options in variants.items():
    model = make_model(**options)
    history = model.fit(
        train_data,
        epochs=20,
        validation_data=val_data,
        shuffle=False,  # the dataset shuffles itself, anew each epoch
        verbose=0,
    )
    histories[name] = history.history
    acc_t, loss_t = scores(model, x_small, y_small)
    acc_v, loss_v = scores(model, x_val, y_val)
    print(
        f"{name:19}          {acc_t:.2f}  {acc_v:.2f}  {acc_t - acc_v:.2f}"
        f"         {loss_t:.2f}  {loss_v:.2f}  {loss_v - loss_t:.2f}"
    )
# --8<-- [end:train]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3))
plain = histories["no regularization"]
epochs = np.arange(1, len(plain["cross_entropy"]) + 1)
left.plot(epochs, plain["cross_entropy"], label="training")
left.plot(epochs, plain["val_cross_entropy"], label="validation")
left.set(
    title="no regularization",
    xlabel="epoch",
    ylabel="cross-entropy",
    ylim=(0, 1.5),
)
for name, history in histories.items():
    right.plot(epochs, history["val_cross_entropy"], label=name)
right.set(
    title="validation, each variant (zoomed in)",
    xlabel="epoch",
    ylim=(0.2, 0.7),
)
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig("overfitting_curves.png", dpi=100)
# --8<-- [end:figure]

# --8<-- [start:combined]
# make_model, scores and the two pipelines are the page's, from above
model = make_model(dropout=0.5, augment=True)
model.fit(
    train_data, epochs=20, validation_data=val_data, shuffle=False, verbose=0
)
acc_t, loss_t = scores(model, x_small, y_small)
acc_v, loss_v = scores(model, x_val, y_val)
print(f"dropout + augmentation: accuracy train {acc_t:.2f}, val {acc_v:.2f}")
print(f"                        loss     train {loss_t:.2f}, val {loss_v:.2f}")
# --8<-- [end:combined]
