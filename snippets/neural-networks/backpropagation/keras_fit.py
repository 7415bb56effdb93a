"""One epoch of model.fit gives the weights one epoch of the hand-written loop gives."""

# --8<-- [start:by-hand]
from dlcourse.backprop import backward, forward, init_mlp
from sklearn.datasets import make_moons

x, y = make_moons(n_samples=256, noise=0.2, random_state=0)
start = init_mlp(n_inputs=2, n_hidden=8, seed=0)

params = {name: value.copy() for name, value in start.items()}
for begin in range(0, len(x), 32):  # (1)!
    p, cache = forward(params, x[begin : begin + 32])
    grads = backward(params, cache, y[begin : begin + 32])
    for name in params:
        params[name] -= 1.0 * grads[name]
# --8<-- [end:by-hand]

# --8<-- [start:keras]
import keras
import numpy as np

model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(8, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.set_weights([start["W1"], start["b1"], start["W2"], start["b2"]])  # (1)!
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=1.0),
    loss="binary_crossentropy",  # (2)!
)
model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0)

gaps = [
    np.max(np.abs(k - params[n]))
    for k, n in zip(model.get_weights(), params, strict=True)
]
print("same weights to 6 decimals:", max(gaps) < 1e-6)
# --8<-- [end:keras]
