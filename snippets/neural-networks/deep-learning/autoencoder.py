"""A small autoencoder on the 8x8 digits, compared with PCA at the same code size."""

# --8<-- [start:model]
import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
pixels = (digits.data / 16.0).astype("float32")  # 64 values in [0, 1] per image
x_train, x_test = train_test_split(
    pixels, test_size=0.25, stratify=digits.target, random_state=0
)

keras.utils.set_random_seed(0)
encoder = keras.Sequential(
    [keras.Input(shape=(64,)), layers.Dense(8, activation="relu")]
)
decoder = keras.Sequential(
    [keras.Input(shape=(8,)), layers.Dense(64, activation="sigmoid")]
)
autoencoder = keras.Sequential([encoder, decoder])  # (1)!
autoencoder.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse"
)
# --8<-- [end:model]

# --8<-- [start:compare]
from sklearn.decomposition import PCA

autoencoder.fit(x_train, x_train, epochs=6, batch_size=32, verbose=0)  # (1)!

codes = encoder(x_test)
reconstructed = keras.ops.convert_to_numpy(decoder(codes))
pca = PCA(n_components=8).fit(x_train)
pca_reconstructed = pca.inverse_transform(pca.transform(x_test))
print("code shape:", tuple(codes.shape))
mean_mse = np.mean((x_test - x_train.mean(axis=0)) ** 2)
pca_mse = np.mean((x_test - pca_reconstructed) ** 2)
autoencoder_mse = np.mean((x_test - reconstructed) ** 2)
print(f"reconstruction MSE, mean image:      {mean_mse:.4f}")
print(f"reconstruction MSE, PCA, 8 numbers:  {pca_mse:.4f}")
print(f"reconstruction MSE, autoencoder, 8:  {autoencoder_mse:.4f}")
# --8<-- [end:compare]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

rows = {
    "test image": x_test,
    "autoencoder": reconstructed,
    "PCA": pca_reconstructed,
}
mosaic = np.vstack(  # (1)!
    [
        np.hstack([np.pad(image.reshape(8, 8), 1) for image in images[:8]])
        for images in rows.values()
    ]
)
fig, ax = plt.subplots(figsize=(8, 3.3))
ax.imshow(mosaic, cmap="gray_r", vmin=0, vmax=1)
ax.set_xticks([])
ax.set_yticks([5 + 10 * i for i in range(len(rows))], list(rows))
ax.set_title("Eight test digits, rebuilt from 8 numbers each")
fig.tight_layout()
fig.savefig("deep-learning-autoencoder.png", dpi=100)
# --8<-- [end:figure]
