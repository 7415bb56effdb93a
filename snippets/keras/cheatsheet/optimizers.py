# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers, optimizers

# The parameters tuned first: the learning rate and, for SGD, momentum.
sgd = optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)
adam = optimizers.Adam(learning_rate=0.001)  # Adam's defaults are a good start
# Adam + weight decay
adamw = optimizers.AdamW(learning_rate=0.001, weight_decay=0.004)
rmsprop = optimizers.RMSprop(learning_rate=0.001)
# Clip each gradient's norm
clipped = optimizers.Adam(learning_rate=0.001, clipnorm=1.0)

# A schedule sets the learning rate per step (batch seen, not epoch).
halving = optimizers.schedules.ExponentialDecay(
    0.1, decay_steps=100, decay_rate=0.5
)
cosine = optimizers.schedules.CosineDecay(0.1, decay_steps=1000)
steps = [0, 100, 200, 1000]
print("steps      ", steps)
print("exponential", [round(float(halving(step)), 4) for step in steps])
print("cosine     ", [round(float(cosine(step)), 4) for step in steps])

# A schedule goes where a learning rate goes.
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x, y = rng.normal(size=(64, 4)), rng.normal(size=(64, 1))
model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1)])
model.compile(
    optimizer=optimizers.SGD(learning_rate=halving, momentum=0.9), loss="mse"
)
model.fit(x, y, batch_size=16, epochs=2, verbose=0)  # 4 batches per epoch
learning_rate = float(model.optimizer.learning_rate)
iterations = int(model.optimizer.iterations)
print(f"after {iterations} steps: learning rate {learning_rate:.4f}")
