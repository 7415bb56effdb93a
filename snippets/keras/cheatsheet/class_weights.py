# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(192, 8)).astype("float32")
# Imbalanced: about 1 example in 9 is positive.
y = (x[:, 0] > 1.2).astype("int32")

# Weight each class by how rare it is, so both count the same in the loss:
# weight = examples / (classes * examples of that class).
counts = np.bincount(y)
class_weight = {
    label: float(len(y) / (len(counts) * n)) for label, n in enumerate(counts)
}
rounded = {k: round(v, 2) for k, v in class_weight.items()}
print("counts", counts.tolist(), "weights", rounded)

model = keras.Sequential(
    [keras.Input(shape=(8,)), layers.Dense(1, activation="sigmoid")]
)
model.compile(
    optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]
)
history = model.fit(x, y, epochs=2, class_weight=class_weight, verbose=0)
# Per example instead: fit(x, y, sample_weight=weights),
# one weight per row of x.
