# Verified on: tensorflow, jax, torch
from pathlib import Path

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(320, 20)).astype("float32")
# Random labels: nothing to learn, so the model soon overfits.
y = rng.integers(0, 2, size=320)

model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.003),
    loss="binary_crossentropy",
)

callbacks = [
    # Each watches monitor="val_loss", its default.
    # Stop once it has not improved for 2 epochs; go back to the best weights.
    keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True),
    # Save the model to disk each time it improves: a name ending in .keras.
    keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True),
    # Halve the learning rate when it has not improved for 1 epoch.
    keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=1),
    # Weights only, every epoch: a name ending in .weights.h5.
    keras.callbacks.ModelCheckpoint(
        "epoch{epoch:02d}.weights.h5", save_weights_only=True
    ),
    keras.callbacks.CSVLogger("log.csv"),  # the logs, one row per epoch
]
history = model.fit(
    x, y, epochs=100, validation_split=0.2, callbacks=callbacks, verbose=0
)
val_loss = history.history["val_loss"]
best_epoch = int(np.argmin(val_loss)) + 1
print(f"stopped after {len(val_loss)} of 100 epochs; best epoch {best_epoch}")
rates = history.history["learning_rate"]  # logged by ReduceLROnPlateau
print(f"learning rate: {rates[0]:.4f} at first, {rates[-1]:.4f} at the end")
saved = ["best.keras", "epoch01.weights.h5", "log.csv"]
print("files saved:", all(Path(name).exists() for name in saved))
