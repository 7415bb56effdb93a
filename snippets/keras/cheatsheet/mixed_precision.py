# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers

# Compute in 16-bit floats, keep the weights in float32: faster on GPUs and
# TPUs with 16-bit units. "mixed_float16" for NVIDIA GPUs, "mixed_bfloat16"
# for TPUs and recent CPUs. Set it before building the model.
keras.mixed_precision.set_global_policy("mixed_float16")

model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        layers.Dense(64, activation="relu"),
        # The last layer in float32, so the softmax and loss stay accurate.
        layers.Dense(10, activation="softmax", dtype="float32"),
    ]
)
hidden, output = model.layers
print("hidden:", hidden.compute_dtype, "weights", hidden.kernel.dtype)
print("output:", output.compute_dtype)

rng = np.random.default_rng(0)
x, y = rng.normal(size=(32, 20)), rng.integers(0, 10, size=32)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
print(model.predict(x[:2], verbose=0).dtype)

keras.mixed_precision.set_global_policy("float32")  # back to the default
