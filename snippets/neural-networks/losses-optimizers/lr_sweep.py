"""Exercise 3: pick a learning rate for a small digits classifier from the validation loss."""

# --8<-- [start:ex3]
import keras
from dlcourse.datasets import load_digits_images
from keras import layers

(x_train, y_train), _ = load_digits_images()  # (1)!

val_losses = {}
for learning_rate in [0.01, 0.3, 10.0]:
    keras.utils.set_random_seed(0)  # the same starting weights for each
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            layers.Flatten(),
            layers.Dense(32, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
    )
    history = model.fit(
        x_train,
        y_train,
        validation_split=0.2,
        epochs=5,
        batch_size=64,
        verbose=0,
    )  # (2)!
    val_loss = history.history["val_loss"][-1]  # after the last epoch
    val_losses[learning_rate] = val_loss
    print(f"learning rate {learning_rate:<4}  validation loss {val_loss:.2f}")
print("pick:", min(val_losses, key=val_losses.get))
# --8<-- [end:ex3]
