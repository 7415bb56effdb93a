"""Mean squared error and mean absolute error, by hand and with Keras."""

# --8<-- [start:mse]
import keras
import numpy as np

targets = np.array([3.0, 5.0, 2.0, 8.0])
predictions = np.array([2.5, 5.0, 3.0, 18.0])  # the last one is far off

errors = predictions - targets
print("errors:", errors)
mse = keras.losses.MeanSquaredError()(targets, predictions)
mae = keras.losses.MeanAbsoluteError()(targets, predictions)
print(f"MSE by hand {np.mean(errors**2):.3f}   Keras {float(mse):.3f}")
print(f"MAE by hand {np.mean(np.abs(errors)):.3f}   Keras {float(mae):.3f}")
# --8<-- [end:mse]
