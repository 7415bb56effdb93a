# Verified on: tensorflow
# Not on jax, torch: train_step is written for one backend (tf.GradientTape)
import keras
import numpy as np
import tensorflow as tf


# Your own step inside fit(): callbacks, metrics and logs still work.
class Model(keras.Sequential):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred)  # the compiled loss
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(gradients, self.trainable_variables)
        for metric in self.metrics:  # the loss tracker and compiled metrics
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = Model([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=0)
print({name: round(values[-1], 2) for name, values in history.history.items()})
