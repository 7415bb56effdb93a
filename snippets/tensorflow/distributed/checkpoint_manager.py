"""Resuming a custom training loop after a failure with tf.train.CheckpointManager."""

# --8<-- [start:checkpoint-data]
import tempfile

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")  # 64 points, a linear target
y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
checkpoint_dir = tempfile.mkdtemp()  # (1)!
# --8<-- [end:checkpoint-data]


# --8<-- [start:checkpoint-manager]
def train(epochs, fail_after=None):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    optimizer = keras.optimizers.Adam(learning_rate=0.1)
    epoch = tf.Variable(0)  # the loop's position is part of the state
    checkpoint = tf.train.Checkpoint(
        model=model, optimizer=optimizer, epoch=epoch
    )
    manager = tf.train.CheckpointManager(
        checkpoint, checkpoint_dir, max_to_keep=2
    )
    if manager.latest_checkpoint:  # (1)!
        checkpoint.restore(manager.latest_checkpoint)
        print("restored", manager.latest_checkpoint.split("/")[-1])
    while int(epoch) < epochs:
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x) - y) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(
            zip(grads, model.trainable_variables, strict=True)
        )
        epoch.assign_add(1)
        manager.save()  # (2)!
        print(f"epoch {int(epoch)}: loss {float(loss):.3f}")
        if int(epoch) == fail_after:
            raise RuntimeError(f"the machine failed after epoch {int(epoch)}")


# --8<-- [end:checkpoint-manager]

# --8<-- [start:checkpoint-fail]
try:
    train(epochs=6, fail_after=3)
except RuntimeError as err:
    print("RuntimeError:", err)
# --8<-- [end:checkpoint-fail]

# --8<-- [start:checkpoint-restart]
train(epochs=6)  # the restarted job runs the same code
# --8<-- [end:checkpoint-restart]
