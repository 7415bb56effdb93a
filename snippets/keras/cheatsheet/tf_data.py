# Verified on: tensorflow, jax, torch
import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(1024, 20)).astype("float32")
y = (x[:, 0] > 0).astype("int32")

# Slice arrays into examples, shuffle, batch, and prepare the next batch
# during training.
train = (
    tf.data.Dataset.from_tensor_slices((x[:800], y[:800]))
    .shuffle(buffer_size=800, seed=0)
    .batch(32)
    .prefetch(tf.data.AUTOTUNE)
)
test = tf.data.Dataset.from_tensor_slices((x[800:], y[800:])).batch(32)

model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(2, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# No batch_size: the dataset is batched.
# shuffle=False: it shuffles itself (fit's shuffle applies to arrays only,
# and Keras warns when it is left on for a dataset).
model.fit(train, epochs=5, shuffle=False, verbose=0)
loss, accuracy = model.evaluate(test, verbose=0)
print(f"test accuracy: {accuracy:.2f}")
