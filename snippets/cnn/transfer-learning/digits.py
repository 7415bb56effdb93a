"""Transfer learning offline: pretrain on digits 0-4, transfer to 5-9 with 3 images of each.

The comparison repeats each method over five runs, each with its own pretraining seed, its
own draw of the few images and its own starting weights, and reports the spread.
"""

# --8<-- [start:tasks]
import numpy as np
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

(x_train, y_train), (x_test, y_test) = load_digits_images()
# task A: digits 0-4, plenty of examples
a_train, a_test = y_train < 5, y_test < 5
# task B: digits 5-9, labelled 0-4, only a few examples to learn from
b_test = ~a_test
x_b_test, y_b_test = x_test[b_test], y_test[b_test] - 5


def random_shift(seed=None):  # (1)!
    """Moves images by whole pixels, up to 0.125 of their size: 1 pixel here."""
    return layers.RandomTranslation(
        0.125, 0.125, fill_mode="constant", interpolation="nearest", seed=seed
    )


x_b_shifted = random_shift(seed=1)(x_b_test, training=True).numpy()
moved = (x_b_shifted != x_b_test).any(axis=(1, 2, 3)).mean()
print(
    f"task A: {a_train.sum()} training images   "
    f"task B: {len(y_b_test)} test images"
)
print(f"shifted copy of task B's test images: {moved:.0%} of them moved")
# --8<-- [end:tasks]


# --8<-- [start:conv-base]
def conv_base(name):
    """The feature extractor: two convolution blocks, flattened."""
    return keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Conv2D(16, 3, padding="same", use_bias=False),
            layers.BatchNormalization(momentum=0.9),  # (1)!
            layers.ReLU(),
            layers.MaxPooling2D(2),
            layers.Conv2D(32, 3, padding="same", use_bias=False),
            layers.BatchNormalization(momentum=0.9),
            layers.ReLU(),
            layers.Flatten(),
        ],
        name=name,
    )


# --8<-- [end:conv-base]


# --8<-- [start:pretrain]
pretrained_base = conv_base("pretrained_base")
model_a = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        random_shift(seed=0),  # (1)!
        pretrained_base,
        layers.Dense(5, activation="softmax"),
    ]
)
model_a.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
)


def starting_state(model):
    model.optimizer.build(model.trainable_variables)
    return model.get_weights(), [v.numpy() for v in model.optimizer.variables]


def restart(model, state):  # (2)!
    weights, optimizer_state = state
    model.set_weights(weights)
    model.optimizer.set_weights(optimizer_state)


start_a = starting_state(model_a)


def pretrain(seed):
    """Trains model_a on task A from random weights drawn with `seed`.

    Returns the weights of its base and its accuracy on task A.
    """
    keras.utils.set_random_seed(seed)
    fresh = keras.models.clone_model(model_a).get_weights()
    restart(model_a, (fresh, start_a[1]))
    model_a.fit(
        x_train[a_train], y_train[a_train], epochs=6, batch_size=64, verbose=0
    )
    predicted = model_a.predict_on_batch(x_test[a_test]).argmax(axis=1)
    return pretrained_base.get_weights(), (predicted == y_test[a_test]).mean()


pretrained_weights, accuracy_a = pretrain(seed=0)
print(f"task A test accuracy: {accuracy_a:.2f}")
# --8<-- [end:pretrain]


# --8<-- [start:feature-extraction]
def new_task_model(feature_extractor):
    inputs = keras.Input(shape=(8, 8, 1))
    features = feature_extractor(inputs)
    outputs = layers.Dense(5, activation="softmax", name="new_head")(features)
    return keras.Model(inputs, outputs)


base = conv_base("base")  # (1)!
base.set_weights(pretrained_weights)
base.trainable = False  # (2)!
transfer = new_task_model(base)
transfer.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
)


def count(weights):
    return sum(int(np.prod(w.shape)) for w in weights)


print(
    f"feature extraction: {count(transfer.trainable_weights):,} trainable, "
    f"{count(transfer.non_trainable_weights):,} frozen"
)
# --8<-- [end:feature-extraction]

# --8<-- [start:fine-tuning]
tuned_base = conv_base("tuned_base")  # (1)!
tuned = new_task_model(tuned_base)
for layer in tuned_base.layers[:4]:  # the first block stays frozen
    layer.trainable = False
for layer in tuned_base.layers:
    if isinstance(layer, layers.BatchNormalization):
        layer.trainable = False  # (2)!
tuned.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
)  # (3)!
print(
    f"fine-tuning: {count(tuned.trainable_weights):,} trainable, "
    f"{count(tuned.non_trainable_weights):,} frozen"
)
# --8<-- [end:fine-tuning]

# --8<-- [start:scratch]
# same network, random weights
scratch = new_task_model(conv_base("scratch_base"))
scratch.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
)
# --8<-- [end:scratch]


# --8<-- [start:train]
def train(model, x, y, steps):
    for _ in range(steps):  # (1)!
        model.train_on_batch(x, y)


def accuracies(model):
    """Accuracy on task B's test images as they are, and shifted."""
    right = (
        model(np.concatenate([x_b_test, x_b_shifted]), training=False)
        .numpy()
        .argmax(axis=1)
    )
    right = right == np.concatenate([y_b_test, y_b_test])
    return right[: len(y_b_test)].mean(), right[len(y_b_test) :].mean()


# --8<-- [end:train]


# --8<-- [start:bases]
runs = 5
starts = {m: starting_state(m) for m in (scratch, transfer, tuned)}
pretrained = [pretrained_weights]
for seed in range(1, runs):  # (1)!
    weights, _ = pretrain(seed)
    pretrained.append(weights)
# --8<-- [end:bases]

# --8<-- [start:runs]
results = {"from scratch": [], "feature extraction": [], "+ fine-tuning": []}
heads, draws = [], []  # each run's trained head and its images, for exercise 4
for seed in range(runs):
    rng = np.random.default_rng(seed)
    few = np.concatenate(
        [
            rng.choice(np.flatnonzero(y_train == d), 3, replace=False)
            for d in range(5, 10)
        ]
    )
    x_few, y_few = x_train[few], y_train[few] - 5
    keras.utils.set_random_seed(seed)

    fresh = keras.models.clone_model(scratch).get_weights()  # (1)!
    restart(scratch, (fresh, starts[scratch][1]))
    train(scratch, x_few, y_few, steps=40)
    results["from scratch"].append(accuracies(scratch))

    restart(transfer, starts[transfer])
    base.set_weights(pretrained[seed])  # this run's pretrained base
    train(transfer, x_few, y_few, steps=20)  # only the new head learns
    results["feature extraction"].append(accuracies(transfer))
    heads.append(transfer.get_weights())
    draws.append((x_few, y_few))

    restart(tuned, starts[tuned])
    tuned.set_weights(transfer.get_weights())  # start from the trained head
    train(tuned, x_few, y_few, steps=10)
    results["+ fine-tuning"].append(accuracies(tuned))
# --8<-- [end:runs]

# --8<-- [start:table]
# rows: (centred, shifted)
results = {name: np.array(rows) for name, rows in results.items()}
print(f"{'accuracy on task B':18}   centred test   shifted test")
for name, rows in results.items():
    mean, spread = rows.mean(axis=0), rows.std(axis=0, ddof=1)
    print(
        f"{name:18}   {mean[0]:.2f} ± {spread[0]:.2f}    "
        f"{mean[1]:.2f} ± {spread[1]:.2f}"
    )
# --8<-- [end:table]


# --8<-- [start:differences]
def gain(better, than):  # (1)!
    """Mean and standard error, over the runs, of each run's difference."""
    difference = results[better] - results[than]
    mean = difference.mean(axis=0)
    error = difference.std(axis=0, ddof=1) / np.sqrt(runs)
    return mean, error


comparisons = {
    "feature extraction - scratch": ("feature extraction", "from scratch"),
    "fine-tuning - feature extraction": ("+ fine-tuning", "feature extraction"),
}
print(f"{'difference per run':32}   centred        shifted")
for label, (better, than) in comparisons.items():
    mean, error = gain(better, than)
    print(
        f"{label:32}   {mean[0]:+.2f} ± {error[0]:.2f}   "
        f"{mean[1]:+.2f} ± {error[1]:.2f}"
    )
# --8<-- [end:differences]

# --8<-- [start:whole-base]
# conv_base, new_task_model, train, accuracies, heads, draws: from the page
whole_base = conv_base("whole_base")
whole = new_task_model(whole_base)
for layer in whole_base.layers:
    if isinstance(layer, layers.BatchNormalization):
        layer.trainable = False  # every convolution trains, in inference mode
whole.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
)
start = starting_state(whole)
whole_results = []
for seed, (head, (x_run, y_run)) in enumerate(zip(heads, draws, strict=True)):
    restart(whole, start)
    whole.set_weights(head)  # this run's base and trained head
    keras.utils.set_random_seed(seed)
    train(whole, x_run, y_run, steps=10)
    whole_results.append(accuracies(whole))

for name, rows in [
    ("second block only", results["+ fine-tuning"]),
    ("whole base", np.array(whole_results)),
]:
    centred, shifted = rows.mean(axis=0)
    print(f"{name:17}   centred {centred:.2f}   shifted {shifted:.2f}")
# --8<-- [end:whole-base]
