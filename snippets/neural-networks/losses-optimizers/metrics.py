"""Metrics report on the model; the loss is what training differentiates."""

# --8<-- [start:same-accuracy]
import keras
import numpy as np

labels = np.array([0, 1, 1, 0])
cautious = np.array(
    [[0.6, 0.4], [0.4, 0.6], [0.45, 0.55], [0.45, 0.55]]
)  # (1)!
reckless = np.array(
    [[0.99, 0.01], [0.01, 0.99], [0.01, 0.99], [0.01, 0.99]]
)  # (2)!

for name, probabilities in [("cautious", cautious), ("reckless", reckless)]:
    accuracy = keras.metrics.SparseCategoricalAccuracy()
    accuracy.update_state(labels, probabilities)
    loss = keras.losses.SparseCategoricalCrossentropy()(labels, probabilities)
    print(
        f"{name}: accuracy {float(accuracy.result()):.2f}   "
        f"cross-entropy {float(loss):.3f}"
    )
# --8<-- [end:same-accuracy]

# --8<-- [start:no-gradient]
import keras
import numpy as np
import tensorflow as tf

labels = np.array([0, 1, 1, 0])
logits = tf.Variable([[0.4, 0.0], [0.0, 0.4], [0.0, 0.2], [0.0, 0.2]])
with tf.GradientTape(persistent=True) as tape:
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
        labels, logits
    )
    predicted = tf.argmax(logits, axis=1)  # the class with the largest logit
    accuracy = tf.reduce_mean(tf.cast(predicted == labels, "float32"))
print(f"accuracy {float(accuracy):.2f}, loss {float(loss):.3f}")
print("gradient of the accuracy:", tape.gradient(accuracy, logits))
print(
    "gradient of the loss, first row:",
    tape.gradient(loss, logits).numpy()[0].round(3),
)
# --8<-- [end:no-gradient]
