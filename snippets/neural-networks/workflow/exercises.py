"""Solutions to the exercises on the workflow page."""

# --8<-- [start:ex1]
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

labels = load_breast_cancer().target


def benign_shares(stratified):
    """The share of benign tumours in the train, validation and test parts."""
    y_rest, y_test = train_test_split(
        labels,
        test_size=0.2,
        stratify=labels if stratified else None,
        random_state=0,
    )
    y_train, y_val = train_test_split(
        y_rest,
        test_size=0.25,
        stratify=y_rest if stratified else None,
        random_state=0,
    )
    return np.round(
        [np.mean(part == 1) for part in (y_train, y_val, y_test)], 3
    )


print(
    "random:     benign share in train/val/test",
    benign_shares(stratified=False),
)
print(
    "stratified: benign share in train/val/test", benign_shares(stratified=True)
)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
x_rest, x_test, y_rest, y_test = train_test_split(
    features, labels, test_size=0.2, stratify=labels, random_state=0
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=0
)
baseline = make_pipeline(StandardScaler(), LogisticRegression()).fit(
    x_train, y_train
)
# rows: true, columns: predicted
matrix = confusion_matrix(y_test, baseline.predict(x_test))
print(matrix)
print("malignant tumours called benign:", matrix[0, 1], "of", matrix[0].sum())
# --8<-- [end:ex2]
