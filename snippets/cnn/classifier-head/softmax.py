"""The softmax output layer, checked against its formula, and the from_logits alternative."""

# --8<-- [start:softmax]
import numpy as np
import keras

# scores for 4 classes, one image
z = np.array([[2.0, 1.0, 0.1, -1.0]], dtype="float32")
p = keras.ops.softmax(z).numpy()
by_hand = np.exp(z) / np.exp(z).sum()  # (1)!
print("probabilities:", p.round(3), "sum:", p.sum().round(6))
print("formula agrees:", np.allclose(p, by_hand))
print(
    "shifted scores, same probabilities:",
    np.allclose(keras.ops.softmax(z + 100.0), p),
)
print("predicted class:", p.argmax())
# --8<-- [end:softmax]

# --8<-- [start:from-logits]
import numpy as np
import keras

logits = np.array(
    [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.0, 0.0]], dtype="float32"
)
labels = np.array([0, 3])

on_probabilities = keras.losses.SparseCategoricalCrossentropy()
on_logits = keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # (1)!
loss_a = float(on_probabilities(labels, keras.ops.softmax(logits)))
loss_b = float(on_logits(labels, logits))
by_hand = -np.mean(np.log(keras.ops.softmax(logits).numpy()[[0, 1], labels]))
print(
    f"softmax + loss: {loss_a:.4f}   from_logits=True: {loss_b:.4f}   "
    f"-mean log p: {by_hand:.4f}"
)

wrong = np.array([[200.0, 0.0]], dtype="float32")  # (2)!
truth = np.array([1])
probabilities = keras.ops.softmax(wrong)
as_numpy = probabilities.numpy()
print("softmax:", as_numpy)
loss = on_probabilities(truth, probabilities)
print(f"softmax output + loss:          {float(loss):6.2f}")
loss = on_probabilities(truth, as_numpy)
print(f"same numbers as a NumPy array:  {float(loss):6.2f}")
loss = on_logits(truth, wrong)
print(f"scores with from_logits=True:   {float(loss):6.2f}")
# --8<-- [end:from-logits]
