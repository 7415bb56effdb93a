"""Keras 2's optimizer `decay=` argument: accepted by Keras 3 with a warning, and ignored."""

# --8<-- [start:old]
import warnings

import keras

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    sgd = keras.optimizers.SGD(learning_rate=0.01, decay=1e-4)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print("learning rate stays", float(sgd.learning_rate))
# --8<-- [end:old]

# --8<-- [start:new]
# Verified on: tensorflow, jax, torch
import keras

# Keras 2's decay: learning_rate / (1 + decay * step), a step per batch.
schedule = keras.optimizers.schedules.InverseTimeDecay(
    initial_learning_rate=0.01, decay_steps=1, decay_rate=1e-4
)
sgd = keras.optimizers.SGD(learning_rate=schedule)
print([round(float(schedule(step)), 6) for step in (0, 10_000, 90_000)])
# --8<-- [end:new]
