"""Exercise 4: a deep sigmoid stack and a deep ReLU stack, trained on the digits."""

# --8<-- [start:ex4]
import keras
from dlcourse.datasets import load_digits_images
from keras import layers

(x_train, y_train), _ = load_digits_images()  # the test images stay unused

for activation in ("sigmoid", "relu"):
    keras.utils.set_random_seed(0)  # the same starting point for both
    model = keras.Sequential(
        [keras.Input(shape=(8, 8, 1)), layers.Flatten()]
        + [layers.Dense(32, activation=activation) for _ in range(6)]
        + [layers.Dense(10, activation="softmax")]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train,
        y_train,
        validation_split=0.2,
        epochs=3,
        batch_size=64,
        verbose=0,
    )
    accuracy = history.history["val_accuracy"][-1]
    print(f"{activation:<7}  validation accuracy {accuracy:.2f}")
# --8<-- [end:ex4]
