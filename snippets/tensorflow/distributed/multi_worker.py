"""Data-parallel training on several machines: run this same script on every worker.

Each worker finds the cluster and its own place in it in the TF_CONFIG
environment variable. Keras 3's Model.fit does not work under
MultiWorkerMirroredStrategy (keras-team/keras#20585), so the training step is
written out with GradientTape.
"""

# --8<-- [start:worker]
import keras
import tensorflow as tf
from keras import layers

from dlcourse.datasets import load_digits_images

strategy = tf.distribute.MultiWorkerMirroredStrategy()  # (1)!
resolver = strategy.cluster_resolver
print(
    f"worker {resolver.task_id}: "
    f"{strategy.num_replicas_in_sync} replicas in sync"
)

GLOBAL_BATCH = 64  # (2)!
keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = load_digits_images()
dataset = (
    tf.data.Dataset.from_tensor_slices((x_train, y_train))
    .shuffle(len(x_train), seed=0)
    .batch(GLOBAL_BATCH, drop_remainder=True)
)
dataset = strategy.experimental_distribute_dataset(dataset)  # (3)!

with strategy.scope():  # (4)!
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Flatten(),
            layers.Dense(32, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(reduction=None)


def replica_step(images, labels):
    with tf.GradientTape() as tape:
        per_example = loss_fn(labels, model(images, training=True))
        loss = tf.nn.compute_average_loss(
            per_example, global_batch_size=GLOBAL_BATCH
        )  # (5)!
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(
        zip(gradients, model.trainable_variables, strict=True)
    )  # (6)!
    return loss


@tf.function
def train_step(images, labels):
    per_replica = strategy.run(replica_step, args=(images, labels))
    return strategy.reduce("SUM", per_replica, axis=None)


for epoch in range(5):
    losses = [float(train_step(images, labels)) for images, labels in dataset]
    print(f"epoch {epoch + 1}: mean loss {sum(losses) / len(losses):.3f}")

accuracy = float(
    (model.predict(x_test, verbose=0).argmax(axis=1) == y_test).mean()
)
print(f"test accuracy: {accuracy:.2f}")
if resolver.task_id == 0:  # (7)!
    model.save("digits_mlp.keras")
# --8<-- [end:worker]
