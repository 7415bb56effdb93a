"""The same small CNN with and without pooling: parameters and multiply-adds per layer."""

# --8<-- [start:compare]
import keras
import numpy as np
from keras import layers


def small_cnn(pooling):
    stack = [keras.Input(shape=(32, 32, 3))]  # a CIFAR-10-sized colour image
    for filters in (32, 64):
        stack.append(
            layers.Conv2D(filters, 3, padding="same", activation="relu")
        )
        if pooling:
            stack.append(layers.MaxPooling2D(2))  # halves height and width
    stack += [layers.Flatten(), layers.Dense(10, activation="softmax")]
    return keras.Sequential(stack)


for pooling in (False, True):
    model = small_cnn(pooling)
    print("with pooling:" if pooling else "without pooling:")
    for layer in model.layers:
        name = type(layer).__name__
        shape = tuple(layer.output.shape[1:])
        line = f"  {name:13} {shape!s:14} {layer.count_params():>8,} parameters"
        if isinstance(layer, layers.Conv2D):
            # kh * kw * in_channels multiply-adds per output value, per filter
            multiply_adds = np.prod(shape[:2]) * np.prod(layer.kernel.shape)
            line += f", {multiply_adds:>10,} multiply-adds"
        print(line)
    print(f"  total {model.count_params():,} parameters")
# --8<-- [end:compare]
