"""Resuming Model.fit after a failure with keras.callbacks.BackupAndRestore."""

# --8<-- [start:backup-and-restore]
import os
import tempfile

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
backup_dir = tempfile.mkdtemp()


def make_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="mse"
    )
    return model


# --8<-- [end:backup-and-restore]


# --8<-- [start:backup-callbacks]
class Report(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print(f"epoch {epoch + 1}: loss {logs['loss']:.3f}")


class Fail(keras.callbacks.Callback):  # stands in for a machine going down
    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 3:
            raise RuntimeError(f"the machine failed in epoch {epoch + 1}")


# --8<-- [end:backup-callbacks]

# --8<-- [start:backup-fail]
model = make_model()
try:
    model.fit(
        x,
        y,
        epochs=6,
        batch_size=16,
        verbose=0,
        callbacks=[
            keras.callbacks.BackupAndRestore(backup_dir),
            Report(),
            Fail(),
        ],
    )
except RuntimeError as err:
    print("RuntimeError:", err)
# --8<-- [end:backup-fail]

# --8<-- [start:backup-restart]
model = make_model()  # the restarted job builds the model again ...
history = model.fit(  # ... and calls fit with the same backup_dir
    x,
    y,
    epochs=6,
    batch_size=16,
    verbose=0,
    callbacks=[keras.callbacks.BackupAndRestore(backup_dir), Report()],
)
print("epochs run after the restart:", [e + 1 for e in history.epoch])
print("optimizer steps in all:", int(model.optimizer.iterations))  # (1)!
print("backup left after fit finished:", os.path.exists(backup_dir))
# --8<-- [end:backup-restart]
