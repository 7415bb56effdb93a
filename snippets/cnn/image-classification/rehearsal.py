"""The grader's report on a broken model, in the rehearsal of the CIFAR-10 assignment."""

# --8<-- [start:broken]
import keras
from keras import layers

from dlcourse.grade import grade

keras.utils.set_random_seed(0)
broken = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        layers.Flatten(),
        layers.Dense(10),  # (1)!
    ]
)
broken.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
report = grade(broken, data="digits")
# --8<-- [end:broken]
