"""The adding problem, a generated sequence task that needs memory, and an LSTM that learns it."""

# --8<-- [start:data]
import numpy as np


def adding_problem(n, steps, rng):
    """n sequences of (value, marker) pairs.

    The target is the sum of the 2 marked values.
    """
    values = rng.uniform(size=(n, steps))
    markers = np.zeros((n, steps))
    for row in markers:
        row[rng.choice(steps, size=2, replace=False)] = 1.0
    sequences = np.stack([values, markers], axis=-1).astype("float32")  # (1)!
    targets = (values * markers).sum(axis=1).astype("float32")
    return sequences, targets


rng = np.random.default_rng(0)
x_train, y_train = adding_problem(1000, steps=10, rng=rng)
x_test, y_test = adding_problem(300, steps=10, rng=rng)
print("one sequence (value, marker) per step:\n", x_train[0].round(2).T)
print("its target:", y_train[0].round(2))
# --8<-- [end:data]

# --8<-- [start:model]
import keras
from keras import layers
from sklearn.linear_model import LinearRegression

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(10, 2)),  # (1)!
        layers.LSTM(16),  # (2)!
        layers.Dense(1),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.02), loss="mse")
model.fit(x_train, y_train, epochs=8, batch_size=32, verbose=0)
predictions = keras.ops.convert_to_numpy(model(x_test))[:, 0]  # (3)!
lstm_mse = np.mean((predictions - y_test) ** 2)

flat = LinearRegression().fit(
    x_train.reshape(len(x_train), -1), y_train
)  # (4)!
linear_mse = np.mean(
    (flat.predict(x_test.reshape(len(x_test), -1)) - y_test) ** 2
)
mean_mse = np.mean((y_test - y_train.mean()) ** 2)
print(f"test MSE, always predicting the mean: {mean_mse:.4f}")
print(f"test MSE, linear model on all 20 numbers: {linear_mse:.4f}")
print(f"test MSE, LSTM: {lstm_mse:.4f}")
# --8<-- [end:model]

# Exercise 4, with adding_problem from the data block above.
# --8<-- [start:dense]
import keras
import numpy as np
from keras import layers

rng = np.random.default_rng(0)  # the same sequences as the LSTM's
x_train, y_train = adding_problem(1000, steps=10, rng=rng)
x_test, y_test = adding_problem(300, steps=10, rng=rng)

keras.utils.set_random_seed(0)
dense_model = keras.Sequential(
    [
        keras.Input(shape=(10, 2)),
        layers.Flatten(),  # the 20 numbers of a sequence, side by side
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
dense_model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.02), loss="mse"
)
dense_model.fit(x_train, y_train, epochs=8, batch_size=32, verbose=0)
predictions = keras.ops.convert_to_numpy(dense_model(x_test))[:, 0]
print(f"weights: {dense_model.count_params()}")
print(f"test MSE: {np.mean((predictions - y_test) ** 2):.4f}")
# --8<-- [end:dense]
