"""Cross-entropy: integer labels or one-hot rows give the same loss; logits are safer."""

# --8<-- [start:sparse]
import keras
import numpy as np

labels = np.array([0, 2, 1])  # the right class of each example
probabilities = np.array(  # what a model predicts for each class
    [
        [0.7, 0.2, 0.1],
        [0.1, 0.3, 0.6],
        [0.2, 0.5, 0.3],
    ]
)
one_hot = keras.utils.to_categorical(labels, num_classes=3)  # (1)!

sparse = keras.losses.SparseCategoricalCrossentropy()(labels, probabilities)
dense = keras.losses.CategoricalCrossentropy()(one_hot, probabilities)
by_hand = -np.mean(np.log(probabilities[np.arange(3), labels]))  # (2)!
print("one-hot labels:", one_hot.tolist())
print(f"sparse {sparse:.4f}   one-hot {dense:.4f}   by hand {by_hand:.4f}")
# --8<-- [end:sparse]

# --8<-- [start:logits]
import keras
import numpy as np
import tensorflow as tf

label = np.array([0])  # class 0 is right ...
logits = np.array(
    [[0.0, 200.0]], dtype="float32"
)  # ... and the model is sure it is class 1

shifted = logits - logits.max(axis=1, keepdims=True)  # (1)!
probabilities = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
print("softmax in float32:", probabilities)
with np.errstate(divide="ignore"):
    print("-log p[label] by hand:", -np.log(probabilities[0, 0]))

from_probabilities = keras.losses.SparseCategoricalCrossentropy()
from_logits = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(
    f"Keras, from probabilities: {from_probabilities(label, probabilities):.3f}"
)  # (2)!
print(f"Keras, from logits:        {from_logits(label, logits):.3f}")  # (3)!

p = tf.Variable(probabilities)
z = tf.Variable(logits)
with tf.GradientTape(persistent=True) as tape:
    loss_p = from_probabilities(label, p)
    loss_z = from_logits(label, z)
print(
    "gradient with respect to the probabilities:",
    tape.gradient(loss_p, p).numpy(),
)
print(
    "gradient with respect to the logits:       ",
    tape.gradient(loss_z, z).numpy(),
)
# --8<-- [end:logits]
