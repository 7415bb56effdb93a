"""Solutions to the exercises on the losses, optimizers and metrics page."""

# --8<-- [start:ex1]
import keras
import numpy as np
import tensorflow as tf

gradients = [np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([-1.0, 0.0])]
learning_rate, momentum = 0.1, 0.9

w_keras = tf.Variable([0.0, 0.0])
optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=momentum)
w_hand, velocity = np.zeros(2), np.zeros(2)
for g in gradients:
    optimizer.apply_gradients([(tf.constant(g, dtype="float32"), w_keras)])
    velocity = momentum * velocity - learning_rate * g
    w_hand = w_hand + velocity
    print("Keras", w_keras.numpy().round(4), "  by hand", w_hand.round(4))
print("same:", np.allclose(w_keras.numpy(), w_hand, atol=1e-6))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import keras
import numpy as np

logits = np.array(
    [[-100.0], [-2.0], [0.0], [2.0], [100.0]], dtype="float32"
)  # (1)!
labels = np.ones_like(logits)  # every example is of class 1
per_example = keras.losses.BinaryCrossentropy(from_logits=True, reduction=None)
from_keras = per_example(labels, logits).numpy()
from_formula = np.logaddexp(
    0.0, -logits[:, 0]
)  # log(1 + e^(-z)), without overflow
print("Keras   :", from_keras.round(4))
print("formula :", from_formula.round(4))
# --8<-- [end:ex2]
