"""Solutions to the exercises on the migration page."""

# --8<-- [start:ex1]
import numpy as np
import tensorflow as tf

a = np.array([1.0, 2.0, 3.0], dtype=np.float32)
b = np.array([10.0, 20.0, 30.0], dtype=np.float32)
# computed on this line; nothing to run afterwards
total = tf.reduce_sum(a * b + 1.0)
print(total.numpy())
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import keras
from keras import layers
from sklearn.datasets import load_iris

keras.utils.set_random_seed(0)
x, y = load_iris(return_X_y=True)
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),  # was input_dim=4 on the first layer
        layers.Dense(16, activation="relu"),  # was output_dim=16
        layers.Dense(3, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),  # was lr=0.05
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# epochs=10 was nb_epoch=10
history = model.fit(x, y, epochs=10, batch_size=32, verbose=0)
print(f"training accuracy: {history.history['accuracy'][-1]:.2f}")
print(
    "classes:",
    model.predict(x[::50], verbose=0).argmax(axis=-1),
    "true:",
    y[::50],
)
model.save_weights("iris.weights.h5")  # was "iris.h5"
# --8<-- [end:ex2]
