# Verified on: tensorflow, jax, torch
import keras
import numpy as np
import torch

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x.sum(axis=1, keepdims=True)


# A PyDataset hands fit() one batch per index: for data that does not fit in
# memory (read the files of batch i in __getitem__). It replaces Sequence.
class Batches(keras.utils.PyDataset):
    def __init__(self, x, y, batch_size, **kwargs):
        super().__init__(**kwargs)  # workers, use_multiprocessing, ...
        self.x, self.y, self.batch_size = x, y, batch_size

    def __len__(self):  # batches per epoch
        return -(-len(self.x) // self.batch_size)

    def __getitem__(self, i):
        rows = slice(i * self.batch_size, (i + 1) * self.batch_size)
        return self.x[rows], self.y[rows]


model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(Batches(x, y, batch_size=16), epochs=1, verbose=0)

# A PyTorch DataLoader works too, on every backend.
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
    batch_size=16,
    shuffle=True,
)
# shuffle=False: the DataLoader shuffles (Keras warns otherwise).
history = model.fit(loader, epochs=2, shuffle=False, verbose=0)
print(
    len(Batches(x, y, batch_size=16)), len(loader), len(history.history["loss"])
)
