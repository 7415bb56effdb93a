# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

# The same initial weights and shuffling on every run.
keras.utils.set_random_seed(0)

# Made-up data: 100 noisy features, feature k raised by 3 in class k.
rng = np.random.default_rng(0)
labels = rng.integers(0, 10, size=960)
x = rng.normal(size=(960, 100)).astype("float32")
x[np.arange(960), labels] += 3.0
y = keras.utils.to_categorical(labels, num_classes=10)  # one-hot
x_train, y_train = x[:576], y[:576]
x_val, y_val, x_test, y_test = x[576:768], y[576:768], x[768:], y[768:]

model = keras.Sequential(
    [
        keras.Input(shape=(100,)),
        layers.Dense(64, activation="tanh"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    # For integer labels: "sparse_categorical_crossentropy".
    loss="categorical_crossentropy",
    optimizer=keras.optimizers.SGD(
        learning_rate=0.01, momentum=0.9, nesterov=True
    ),
    metrics=["accuracy"],
)
# The same split: fit(x[:768], y[:768], validation_split=0.25), the last 25%.
history = model.fit(
    x_train, y_train, epochs=5, validation_data=(x_val, y_val), verbose=0
)
loss, accuracy = model.evaluate(x_test, y_test, batch_size=32, verbose=0)
print(f"epochs run: {len(history.history['loss'])}")
print(f"test loss: {loss:.2f}, test accuracy: {accuracy:.2f}")  # guessing: 0.10
