"""Solutions to the exercises on the page "From neuron to network"."""

# --8<-- [start:ex1]
import numpy as np
from dlcourse.neurons import step, train_perceptron

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
for name, targets in {"OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0]}.items():
    w, b, errors = train_perceptron(inputs, targets)
    print(
        f"{name:4}  w = {w}  b = {b:+.0f}  epochs {len(errors)}  "
        f"outputs {step(inputs @ w + b)}"
    )
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
from dlcourse.neurons import step, train_perceptron

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
# x1, x2, x1*x2
with_product = np.column_stack([inputs, inputs[:, 0] * inputs[:, 1]])
w3, b3, errors3 = train_perceptron(with_product, [0, 1, 1, 0])
print("mistakes per epoch:", errors3)
print("w =", w3, "  b =", b3)
print("outputs:", step(with_product @ w3 + b3))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import keras
from keras import layers

digits_model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(32, activation="relu"),
        layers.Dense(10),
    ]
)
by_formula = (64 * 32 + 32) + (32 * 10 + 10)
print("formula:", by_formula, "  count_params():", digits_model.count_params())
# --8<-- [end:ex3]
