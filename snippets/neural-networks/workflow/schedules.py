"""Lowering the learning rate as training goes, continuing project.py.

The page runs these sections after project.py's, as one script. Run alone, this file
first runs project.py for the data and the page's fresh_model.
"""

import runpy
from pathlib import Path

page = runpy.run_path(str(Path(__file__).with_name("project.py")))
x_train, y_train = page["x_train"], page["y_train"]
x_val, y_val = page["x_val"], page["y_val"]
fresh_model = page["fresh_model"]

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
    epochs=12,
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
