# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
vocabulary, length = 1000, 20
reviews = [
    rng.integers(1, vocabulary, size=n).tolist()
    for n in rng.integers(3, 30, size=64)
]
# Padded with 0 at the start.
x = keras.utils.pad_sequences(reviews, maxlen=length)
y = rng.integers(0, 2, size=64)

# A 1-D convolution slides along the sequence,
# a few neighbouring words at a time.
model = keras.Sequential(
    [
        keras.Input(shape=(length,), dtype="int32"),
        layers.Embedding(vocabulary, 16),  # -> (20, 16)
        # 32 filters, 5 words wide -> (16, 32)
        layers.Conv1D(32, 5, activation="relu"),
        layers.GlobalMaxPooling1D(),  # the strongest match of each filter -> 32
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]
)
model.fit(x, y, epochs=1, batch_size=32, verbose=0)
print([layer.output.shape for layer in model.layers])
