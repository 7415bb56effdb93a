"""scikit-learn's BernoulliRBM as a feature extractor, and two stacked as a small DBN."""

# --8<-- [start:rbm]
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import BernoulliRBM
from threadpoolctl import threadpool_limits

digits = load_digits()
pixels = digits.data / 16.0  # (1)!
x_train, x_test, y_train, y_test = train_test_split(
    pixels,
    digits.target,
    test_size=0.25,
    stratify=digits.target,
    random_state=0,
)


def rbm(n_components):
    return BernoulliRBM(
        n_components=n_components, learning_rate=0.06, n_iter=20, random_state=0
    )


def accuracy(train, test, n_labels=None):
    """Test accuracy of a logistic regression fitted on n_labels examples."""
    classifier = LogisticRegression(
        C=100, solver="newton-cg", max_iter=1000
    )  # (2)!
    with threadpool_limits(limits=1, user_api="blas"):  # (3)!
        classifier.fit(train[:n_labels], y_train[:n_labels])
    return classifier.score(test, y_test)


# --8<-- [end:rbm]

# --8<-- [start:stack]
first = rbm(100).fit(x_train)  # (1)!
h1_train, h1_test = first.transform(x_train), first.transform(x_test)
second = rbm(100).fit(h1_train)  # (2)!
h2_train, h2_test = second.transform(h1_train), second.transform(h1_test)

inputs = {
    "pixels": (x_train, x_test),
    "RBM features": (h1_train, h1_test),
    "2 stacked RBMs (DBN)": (h2_train, h2_test),
}
for name, (train, test) in inputs.items():
    print(f"{name:<21} test accuracy {accuracy(train, test):.3f}")
# --8<-- [end:stack]

# --8<-- [start:few-labels]
for name in ["pixels", "2 stacked RBMs (DBN)"]:
    train, test = inputs[name]
    score = accuracy(train, test, n_labels=100)
    print(f"100 labels, {name:<21} test accuracy {score:.3f}")
# --8<-- [end:few-labels]
