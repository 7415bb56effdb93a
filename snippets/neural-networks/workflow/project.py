"""The steps of a deep-learning project, on scikit-learn's breast cancer data."""

# --8<-- [start:collect]
import numpy as np
from sklearn.datasets import load_breast_cancer

data = load_breast_cancer()
features, labels = data.data.astype("float32"), data.target
print("examples, features:", features.shape)
print(
    "classes:",
    data.target_names.tolist(),
    "counts:",
    np.bincount(labels).tolist(),
)
# --8<-- [end:collect]

# --8<-- [start:analyse]
means = features.mean(axis=0)
for i in [np.argmin(means), np.argmax(means)]:
    print(f"{data.feature_names[i]:<17} mean {means[i]:9.4f}")
print("missing values:", int(np.isnan(features).sum()))
print(
    f"always answering 'benign' is right {np.mean(labels == 1):.2f} of the time"
)
# --8<-- [end:analyse]

# --8<-- [start:split]
from sklearn.model_selection import train_test_split

x_rest, x_test, y_rest, y_test = train_test_split(
    features, labels, test_size=0.2, stratify=labels, random_state=0
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=0
)  # (1)!
print("train", len(x_train), " validation", len(x_val), " test", len(x_test))
# --8<-- [end:split]

# --8<-- [start:model]
import keras
from keras import layers

keras.utils.set_random_seed(0)
normalize = layers.Normalization(name="standardize")
normalize.adapt(x_train)  # (1)!
model = keras.Sequential(
    [
        keras.Input(shape=(30,), name="measurements"),
        normalize,
        layers.Dense(16, activation="relu", name="hidden"),
        layers.Dense(1, activation="sigmoid", name="p_benign"),  # (2)!
    ],
    name="tumour_classifier",
)
print(
    f"{model.count_params()} parameters, "
    f"of which {normalize.count_params()} set by adapt()"
)
# --8<-- [end:model]

# --8<-- [start:compile]
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.02),
    loss="binary_crossentropy",
    metrics=["accuracy"],  # (1)!
)
# --8<-- [end:compile]

# --8<-- [start:fit]
stop_early = keras.callbacks.EarlyStopping(
    monitor="val_loss",
    patience=3,
    restore_best_weights=True,  # (1)!
)
history = model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=100,  # (2)!
    batch_size=32,
    callbacks=[stop_early],
    verbose=0,
)
val_losses = history.history["val_loss"]
best_epoch = int(np.argmin(val_losses)) + 1
print(f"stopped after epoch {len(val_losses)};", end=" ")
print(f"best validation loss {min(val_losses):.3f} at epoch {best_epoch}")
# --8<-- [end:fit]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

epochs = np.arange(1, len(val_losses) + 1)
fig, ax = plt.subplots(figsize=(6.4, 3.4))
ax.plot(epochs, history.history["loss"], marker=".", label="training loss")
ax.plot(epochs, val_losses, marker=".", label="validation loss")
ax.axvline(
    best_epoch, color="grey", linestyle="--", linewidth=1, label="weights kept"
)
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy")
ax.set_title("Breast cancer data: early stopping on the validation loss")
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig("workflow-early-stopping.png", dpi=100)
# --8<-- [end:figure]


# --8<-- [start:log]
def fresh_model(learning_rate):
    """The same network, untrained, compiled with the given learning rate."""
    keras.utils.set_random_seed(0)
    fresh = keras.Sequential(
        [
            keras.Input(shape=(30,)),
            normalize,  # already adapted: the same standardisation
            layers.Dense(16, activation="relu"),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
    fresh.compile(  # the loss only, for short log lines
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
    )
    return fresh


slow = fresh_model(0.0001).fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=4,
    batch_size=32,
    verbose=2,  # (1)!
)
# --8<-- [end:log]

# --8<-- [start:fast]
fast = fresh_model(1.0).fit(  # batch_size=32 is fit's default
    x_train, y_train, validation_data=(x_val, y_val), epochs=4, verbose=2
)
# --8<-- [end:fast]

# --8<-- [start:cosine]
import math

import keras

epochs, batch_size = 20, 32
batches_per_epoch = math.ceil(len(x_train) / batch_size)  # (1)!
schedule = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.05,
    decay_steps=epochs * batches_per_epoch,  # (2)!
)
optimizer = keras.optimizers.Adam(learning_rate=schedule)  # (3)!

print("batches per epoch:", batches_per_epoch)
print("decay_steps:", schedule.decay_steps)
for epoch in [0, 5, 10, 15, 20, 25]:
    step = epoch * batches_per_epoch
    rate = float(schedule(step))  # (4)!
    print(f"after {epoch:2d} epochs, step {step:3d}: learning rate {rate:.4f}")
# --8<-- [end:cosine]

# --8<-- [start:plateau]
lower_rate = keras.callbacks.ReduceLROnPlateau(
    monitor="val_loss",
    factor=0.1,
    patience=2,  # (1)!
)
stop_early = keras.callbacks.EarlyStopping(
    monitor="val_loss",
    patience=5,
    restore_best_weights=True,  # (2)!
)
plateau = fresh_model(0.05).fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=10,
    callbacks=[lower_rate, stop_early],
    verbose=0,
)
rates = plateau.history["learning_rate"]  # (3)!
losses = plateau.history["val_loss"]
for rate in sorted(set(rates), reverse=True):
    at = [epoch for epoch, r in enumerate(rates) if r == rate]
    print(
        f"epochs {at[0] + 1:2d} to {at[-1] + 1:2d}: learning rate {rate:<6g}"
        f"lowest validation loss {min(losses[i] for i in at):.3f}"
    )
# --8<-- [end:plateau]

# --8<-- [start:predict]
new_tumours = x_test[:6]  # stand-ins for measurements of new patients
probabilities = model.predict(new_tumours, verbose=0)[:, 0]  # (1)!
print("P(benign):", probabilities.round(3))
print("true class:", y_test[:6])
# --8<-- [end:predict]

# --8<-- [start:evaluate]
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

baseline = make_pipeline(StandardScaler(), LogisticRegression())  # (1)!
baseline.fit(x_train, y_train)
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
baseline_accuracy = accuracy_score(y_test, baseline.predict(x_test))
baseline_loss = log_loss(y_test, baseline.predict_proba(x_test))
print(f"{'model':<21} {'accuracy':>8} {'cross-entropy':>14}")
print(f"{'always benign':<21} {np.mean(y_test == 1):8.3f}")
print(
    f"{'logistic regression':<21} "
    f"{baseline_accuracy:8.3f} {baseline_loss:14.3f}"
)
print(f"{'network':<21} {test_accuracy:8.3f} {test_loss:14.3f}")
# --8<-- [end:evaluate]

# --8<-- [start:save]
model.save("tumour_classifier.keras")  # (1)!
reloaded = keras.models.load_model("tumour_classifier.keras")
before = model.predict(x_test, verbose=0)
after = reloaded.predict(x_test, verbose=0)
print("same predictions after reloading:", bool(np.array_equal(before, after)))
# --8<-- [end:save]


# Exercise 3, continuing the script above.
# --8<-- [start:overfit]
keras.utils.set_random_seed(0)
few_x, few_y = x_train[:40], y_train[:40]  # (1)!
big = keras.Sequential(
    [
        keras.Input(shape=(30,)),
        normalize,
        layers.Dense(64, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
big.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="binary_crossentropy",
)
stop = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=3, restore_best_weights=True
)
history = big.fit(
    few_x,
    few_y,
    validation_data=(x_val, y_val),
    epochs=30,
    batch_size=8,
    callbacks=[stop],
    verbose=0,
)
val_losses = history.history["val_loss"]
kept = big.evaluate(x_val, y_val, verbose=0)
print(
    f"validation loss: lowest {min(val_losses):.2f}, last {val_losses[-1]:.2f}"
)
print(f"validation loss of the weights kept: {kept:.2f}")
# --8<-- [end:overfit]
