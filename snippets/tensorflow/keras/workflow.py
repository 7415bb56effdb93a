"""A first model on scikit-learn's 8x8 digits, from loading the data to saving the model."""

# --8<-- [start:load]
import keras
from keras import layers

from dlcourse.datasets import load_digits_images

keras.utils.set_random_seed(0)  # same initial weights and shuffling each run
(x_train, y_train), (x_test, y_test) = load_digits_images()
print(
    "train:", x_train.shape, y_train.shape, "test:", x_test.shape, y_test.shape
)
# --8<-- [end:load]

# --8<-- [start:define]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1), name="pixels"),
        layers.Conv2D(8, kernel_size=3, activation="relu", name="conv"),  # (1)!
        layers.MaxPooling2D(pool_size=2, name="pool"),
        layers.Flatten(name="flatten"),
        layers.Dense(10, activation="softmax", name="digit"),  # (2)!
    ],
    name="digits_cnn",
)
print(f"{model.count_params():,} parameters")
# --8<-- [end:define]

# --8<-- [start:compile]
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",  # (1)!
    metrics=["accuracy"],
)
# --8<-- [end:compile]

# --8<-- [start:fit]
history = model.fit(
    x_train, y_train, epochs=10, batch_size=32, validation_split=0.1, verbose=0
)
print("epochs run:", len(history.history["loss"]))
print(
    f"last epoch: loss {history.history['loss'][-1]:.2f}, "
    f"validation accuracy {history.history['val_accuracy'][-1]:.2f}"
)
# --8<-- [end:fit]

# --8<-- [start:evaluate]
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {test_accuracy:.2f}")
# --8<-- [end:evaluate]

# --8<-- [start:predict]
probabilities = model.predict(x_test[:8], verbose=0)  # (1)!
print(
    "probabilities:",
    probabilities.shape,
    f"| first row sums to {probabilities[0].sum():.2f}",
)
print("predicted:", probabilities.argmax(axis=-1))  # (2)!
print("true:     ", y_test[:8])
# --8<-- [end:predict]

# --8<-- [start:save]
import numpy as np

model.save("digits_cnn.keras")  # (1)!
restored = keras.models.load_model("digits_cnn.keras")
same = np.allclose(
    model.predict(x_test, verbose=0), restored.predict(x_test, verbose=0)
)
print("reloaded:", restored.name, "| same predictions:", same)
steps = int(model.optimizer.iterations)
print(
    "optimizer steps:", steps, "| reloaded:", int(restored.optimizer.iterations)
)
# --8<-- [end:save]
