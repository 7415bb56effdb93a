# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

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

# The same with scikit-learn, outside the model: split off a test set, then
# standardize both parts with the training part's statistics.
x_fit, x_test, y_fit, y_test = train_test_split(
    x_train, y_train, test_size=0.25, random_state=0
)
scaler = StandardScaler().fit(x_fit)
x_fit, x_test = scaler.transform(x_fit), scaler.transform(x_test)
print(
    "scikit-learn:", x_fit.shape, x_test.shape, f"{x_fit.std(axis=0).min():.2f}"
)
