"""A first Keras model: classify scikit-learn's 8x8 digits. Shown on the home page."""

# --8<-- [start:data]
import keras
from keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)  # the same weights and shuffling on every run
# 1,797 images of 8x8 pixels, shipped inside scikit-learn
digits = load_digits()
# pixels 0-16 -> 0-1, one channel
x = (digits.images / 16.0).astype("float32")[..., None]
x_train, x_test, y_train, y_test = train_test_split(
    x, digits.target, test_size=0.25, random_state=0, stratify=digits.target
)
print("train:", x_train.shape, "test:", x_test.shape)
# --8<-- [end:data]

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Flatten(),  # (1)!
        layers.Dense(32, activation="relu"),
        layers.Dense(10, activation="softmax"),  # (2)!
    ]
)
model.compile(
    optimizer="adam",
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
print(f"{model.count_params():,} parameters")
# --8<-- [end:model]

# --8<-- [start:train]
model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {accuracy:.2f}")
# --8<-- [end:train]
