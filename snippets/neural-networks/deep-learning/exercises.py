"""Solutions to the exercises on the deep learning page."""

# --8<-- [start:ex1]
import keras
from keras import layers

inputs, units = 2, 16
by_formula = {
    "SimpleRNN": units * (units + inputs) + units,
    "GRU": 3 * (units * (units + inputs) + 2 * units),  # (1)!
    "LSTM": 4 * (units * (units + inputs) + units),
}
for name, layer in [
    ("SimpleRNN", layers.SimpleRNN),
    ("GRU", layers.GRU),
    ("LSTM", layers.LSTM),
]:
    model = keras.Sequential([keras.Input(shape=(10, inputs)), layer(units)])
    print(
        f"{name:<9} formula {by_formula[name]:5d}   "
        f"Keras {model.count_params():5d}"
    )
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split

digits = load_digits()
pixels = (digits.data / 16.0).astype("float32")
x_train, x_test = train_test_split(
    pixels, test_size=0.25, stratify=digits.target, random_state=0
)
autoencoder_mse = 0.0279  # measured on the page, with a code of 8 numbers
for k in range(5, 11):
    pca = PCA(n_components=k).fit(x_train)
    mse = np.mean((x_test - pca.inverse_transform(pca.transform(x_test))) ** 2)
    verdict = (
        "at least as good as the autoencoder"
        if mse <= autoencoder_mse
        else "worse"
    )
    print(f"PCA with {k:2d} components: MSE {mse:.4f}, {verdict}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import keras
import numpy as np

keras.utils.set_random_seed(0)
conv = keras.layers.Conv2D(4, kernel_size=3, padding="same", use_bias=False)
pool = keras.layers.MaxPooling2D(pool_size=2)
image = np.zeros((1, 12, 12, 1), dtype="float32")
image[0, 3:7, 3:6, 0] = 1.0


def pooled(img):
    return keras.ops.convert_to_numpy(pool(conv(img)))


for shift in [1, 2]:
    moved = np.roll(image, shift=shift, axis=2)  # move right by `shift` pixels
    unchanged = np.allclose(pooled(moved), pooled(image))
    moved_by_one = np.allclose(
        pooled(moved), np.roll(pooled(image), shift=1, axis=2)
    )
    print(
        f"image moved {shift}: pooled maps unchanged {unchanged}, "
        f"moved by 1 {moved_by_one}"
    )
# --8<-- [end:ex3]
