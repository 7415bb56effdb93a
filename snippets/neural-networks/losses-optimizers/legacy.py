"""The old cheatsheet's optimizer line, and what Keras 3 wants instead."""

# --8<-- [start:lr]
import keras

try:
    keras.optimizers.SGD(lr=0.01, momentum=0.9, nesterov=True)
except ValueError as err:
    print(f"{type(err).__name__}: {err}")

optimizer = keras.optimizers.SGD(
    learning_rate=0.01, momentum=0.9, nesterov=True
)
print(
    f"learning rate {float(optimizer.learning_rate):g}, "
    f"momentum {optimizer.momentum}"
)
# --8<-- [end:lr]
