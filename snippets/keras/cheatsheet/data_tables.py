# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

# Stand-in for keras.datasets.boston_housing.load_data(), which downloads the
# data: 13 numeric features per house, on very different scales, and the
# price in k$.
rng = np.random.default_rng(0)
x_train = rng.normal(size=(80, 13)) * rng.uniform(1, 400, size=13) + 50
y_train = rng.uniform(5, 50, size=80)

# Normalization learns each column's mean and variance with adapt()
# (from the training data only), then maps every column to mean 0 and
# standard deviation 1.
normalize = layers.Normalization()
normalize.adapt(x_train)
scaled = keras.ops.convert_to_numpy(normalize(x_train))
std, new_std = x_train.std(axis=0), scaled.std(axis=0)
print(f"before: std {std.min():.1f} to {std.max():.1f}")
print(
    f"after:  std {new_std.min():.2f} to {new_std.max():.2f}, |mean| < 0.001:",
    bool(np.abs(scaled.mean(axis=0)).max() < 0.001),
)

# As the model's first layer, the scaling is saved with the model and
# applied in predict.
model = keras.Sequential([keras.Input(shape=(13,)), normalize, layers.Dense(1)])
print(model.predict(x_train[:2], verbose=0).shape)
