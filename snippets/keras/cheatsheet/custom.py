# Verified on: tensorflow, jax, torch
import keras
import numpy as np
from keras import layers, ops


# keras.ops and keras.random, not tf.* or torch.*: the layer runs on every
# backend. The decorator lets load_model find the class by name.
@keras.saving.register_keras_serializable(package="cheatsheet")
class NoisyDense(layers.Layer):
    def __init__(self, units, noise=0.1, **kwargs):
        super().__init__(**kwargs)  # name, dtype, trainable, ...
        self.units, self.noise = units, noise
        self.seed = keras.random.SeedGenerator(0)  # the layer's random state

    def build(self, input_shape):  # weights, once the input size is known
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units), initializer="glorot_uniform"
        )
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, x, training=False):
        if training:  # noise in fit() only
            x = x + keras.random.normal(
                ops.shape(x), stddev=self.noise, seed=self.seed
            )
        return ops.matmul(x, self.w) + self.b

    def get_config(self):  # the arguments of __init__, for saving
        return {
            **super().get_config(),
            "units": self.units,
            "noise": self.noise,
        }


# A metric keeps running totals in variables, across the batches of an epoch.
@keras.saving.register_keras_serializable(package="cheatsheet")
class MaxError(keras.metrics.Metric):
    def __init__(self, name="max_error", **kwargs):
        super().__init__(name=name, **kwargs)
        self.largest = self.add_variable(shape=(), initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        error = ops.max(ops.abs(y_true - y_pred))
        self.largest.assign(ops.maximum(self.largest, error))

    def result(self):
        return ops.convert_to_tensor(self.largest)


keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = x.sum(axis=1, keepdims=True)

model = keras.Sequential([keras.Input(shape=(4,)), NoisyDense(1, name="noisy")])
model.compile(optimizer="adam", loss="mse", metrics=[MaxError()])
history = model.fit(x, y, epochs=2, verbose=0)
print(sorted(history.history))

model.save("custom.keras")
restored = keras.models.load_model("custom.keras")  # finds both classes
print(
    type(restored.get_layer("noisy")).__name__,
    restored.get_layer("noisy").noise,
)
same = np.allclose(model.predict(x, verbose=0), restored.predict(x, verbose=0))
print("same predictions:", same)
