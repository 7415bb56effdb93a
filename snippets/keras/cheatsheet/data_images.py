# Verified on: tensorflow, jax, torch
import keras
import numpy as np

# Stand-in for keras.datasets.mnist.load_data(), which downloads the data:
# arrays of the same dtype and the same shape per image, with 600 training
# images instead of 60,000.
rng = np.random.default_rng(0)
# Pixels 0..255.
x_train = rng.integers(0, 256, size=(600, 28, 28), dtype=np.uint8)
y_train = rng.integers(0, 10, size=(600,), dtype=np.uint8)  # digits 0..9
x_test = rng.integers(0, 256, size=(100, 28, 28), dtype=np.uint8)
y_test = rng.integers(0, 10, size=(100,), dtype=np.uint8)

# Floats in 0..1, and the channel axis Conv2D expects:
# (n, 28, 28) -> (n, 28, 28, 1).
x_train = (x_train.astype("float32") / 255)[..., np.newaxis]
x_test = (x_test.astype("float32") / 255)[..., np.newaxis]

# One-hot labels for loss="categorical_crossentropy";
# "sparse_categorical_crossentropy" takes the integer labels as they are.
y_train_onehot = keras.utils.to_categorical(y_train, num_classes=10)
print(y_train[0], "->", y_train_onehot[0], y_train_onehot.shape)

# Hold out 20% for validation: shuffle once, then slice. Then pass
# validation_data=(x_val, y_val) to fit.
# (fit's validation_split=0.2 does not shuffle: it holds out the LAST 20%
# of the arrays, so it needs data in random order.)
order = rng.permutation(len(x_train))
n_val = len(x_train) // 5
x_val, y_val = x_train[order[:n_val]], y_train_onehot[order[:n_val]]
x_fit, y_fit = x_train[order[n_val:]], y_train_onehot[order[n_val:]]
print(
    "fit on", x_fit.shape, x_fit.dtype, "validate on", x_val.shape, y_val.shape
)
