# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
vocabulary, length = 1000, 20
# Reviews as lists of word ids (1..999), padded with 0 to one length
# (see pad_sequences).
reviews = [
    rng.integers(1, vocabulary, size=n).tolist()
    for n in rng.integers(3, 30, size=64)
]
x = keras.utils.pad_sequences(reviews, maxlen=length)
y = rng.integers(0, 2, size=64)

model = keras.Sequential(
    [
        keras.Input(shape=(length,), dtype="int32"),
        layers.Embedding(vocabulary, 16),  # each word id -> 16 learned numbers
        # The last step's output; return_sequences=True gives one per step,
        # as another recurrent layer stacked on top needs. layers.GRU(16) is
        # the common alternative.
        # dropout on the inputs of each step, recurrent_dropout on the state
        # carried from step to step (the latter rules out the fast cuDNN
        # kernel on GPUs).
        layers.LSTM(16, dropout=0.2, recurrent_dropout=0.2),
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]
)
model.fit(x, y, epochs=1, batch_size=32, verbose=0)
print([layer.output.shape for layer in model.layers])
