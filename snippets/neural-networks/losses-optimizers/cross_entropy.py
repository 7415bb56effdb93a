"""Cross-entropy: labels as integers or one-hot rows; a softmax output keeps its logits."""

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
logits = tf.constant([[0.0, 200.0]])  # ... and the model is sure of class 1
probabilities = keras.activations.softmax(logits)  # (1)!
print("probabilities:", probabilities.numpy())

loss = keras.losses.SparseCategoricalCrossentropy()
print(f"from the softmax output: {loss(label, probabilities):.3f}")  # (2)!
plain = probabilities.numpy()  # the same numbers, as a NumPy array
print(f"from a plain array:      {loss(label, plain):.3f}")  # (3)!
from_logits = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(f"from the logits:         {from_logits(label, logits):.3f}")  # (4)!
# --8<-- [end:logits]
