# Verified on: tensorflow, jax, torch
import keras
import numpy as np

# Stand-in for keras.datasets.imdb.load_data(num_words=10_000), which downloads
# the data: as there, an object array of reviews, each a list of word ids of
# its own length.
rng = np.random.default_rng(0)
x_train = np.empty(100, dtype=object)
x_train[:] = [
    rng.integers(1, 10_000, size=n).tolist()
    for n in rng.integers(5, 60, size=100)
]
y_train = rng.integers(0, 2, size=100)  # 1 positive, 0 negative

# A model takes one length: pad_sequences pads short lists with 0
# and cuts long ones.
x = keras.utils.pad_sequences(x_train, maxlen=40)
print(x.shape, x.dtype)

# Both happen at the start by default ("pre");
# padding="post", truncating="post" for the end.
print(keras.utils.pad_sequences([[1, 2, 3], [4, 5, 6, 7, 8, 9]], maxlen=5))
print(keras.utils.pad_sequences([[1, 2, 3]], maxlen=5, padding="post"))
