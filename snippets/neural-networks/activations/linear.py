"""Without an activation, two Dense layers are one Dense layer."""

# --8<-- [start:notes]
import keras
import numpy as np
from keras import layers

g = layers.Dense(1)  # g(x) = 5x - 1
g.build((None, 1))
g.set_weights([np.array([[5.0]]), np.array([-1.0])])
f = layers.Dense(1)  # f(x) = 2x + 3
f.build((None, 1))
f.set_weights([np.array([[2.0]]), np.array([3.0])])

x = np.array([[-1.0], [0.0], [2.0]])
print("f(g(x)):  ", keras.ops.convert_to_numpy(f(g(x)))[:, 0])
print("10x + 1:  ", (10 * x + 1)[:, 0])
print("Dense's default activation:", g.activation.__name__)
# --8<-- [end:notes]

# --8<-- [start:stack]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
first, second = layers.Dense(8), layers.Dense(3)  # no activation: linear
x = np.random.default_rng(0).normal(size=(5, 4))
stacked = keras.ops.convert_to_numpy(second(first(x)))

w1, b1 = first.get_weights()
w2, b2 = second.get_weights()
single = layers.Dense(3)
single.build((None, 4))
single.set_weights([w1 @ w2, b1 @ w2 + b2])  # (1)!
print("one layer gives the same:", np.allclose(single(x), stacked, atol=1e-5))

with_relu = keras.ops.convert_to_numpy(second(keras.activations.relu(first(x))))
print("with ReLU in between:    ", np.allclose(single(x), with_relu, atol=1e-5))
# --8<-- [end:stack]
