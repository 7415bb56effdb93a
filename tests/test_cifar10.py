"""dlcourse.cifar10: the fixture is in CIFAR-10's real on-disk format, and the loader reads
that format, refusing a missing, truncated or corrupt file with a message naming it."""

import os
import pickle

import numpy as np
import pytest

from dlcourse.cifar10 import (
    CLASS_NAMES,
    META_FILE,
    STAND_IN_PER_BATCH,
    TEST_FILE,
    TRAIN_FILES,
    CIFAR10FormatError,
    data_name,
    fixture_images,
    load_batches,
    load_data,
    load_fixture,
    write_fixture,
)

FILES = [*TRAIN_FILES, TEST_FILE, META_FILE]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_fixture(tmp_path_factory.mktemp("cifar") / "cifar-10-batches-py", 20)


@pytest.fixture
def copy(folder, tmp_path):
    """A fresh copy of the fixture folder, for a test to break."""
    target = tmp_path / "cifar-10-batches-py"
    target.mkdir()
    for name in FILES:
        (target / name).write_bytes((folder / name).read_bytes())
    return target


def test_fixture_has_the_files_of_the_official_archive(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)


def test_batches_are_pickled_dicts_as_in_the_official_files(folder):
    # The layout on https://www.cs.toronto.edu/~kriz/cifar.html: byte-string keys, `data` a
    # uint8 array of one 3,072-value row per image (red plane, green plane, blue plane).
    with (folder / "data_batch_1").open("rb") as f:
        batch = pickle.load(f, encoding="bytes")
    assert set(batch) == {b"batch_label", b"labels", b"data", b"filenames"}
    assert batch[b"data"].dtype == np.uint8 and batch[b"data"].shape == (20, 3072)
    assert isinstance(batch[b"labels"], list) and len(batch[b"labels"]) == 20
    with (folder / META_FILE).open("rb") as f:
        meta = pickle.load(f, encoding="bytes")
    assert meta[b"label_names"] == [name.encode() for name in CLASS_NAMES]
    assert meta[b"num_vis"] == 3072

    (x_train, _), _ = load_batches(folder)
    row, image = batch[b"data"][0], x_train[0]
    assert (row[:1024].reshape(32, 32) == image[:, :, 0]).all()  # red plane first
    assert (row[2048:].reshape(32, 32) == image[:, :, 2]).all()  # blue plane last


def test_keras_own_parser_reads_the_fixture_as_load_batches_does(folder):
    # keras.datasets.cifar10.load_data() reads each file with this function (it assumes
    # 10,000 images per batch, so it cannot read the small fixture whole).
    from keras.src.datasets.cifar import load_batch

    (x_train, y_train), (x_test, y_test) = load_batches(folder)
    for index, name in enumerate(TRAIN_FILES):
        data, labels = load_batch(str(folder / name))
        part = slice(20 * index, 20 * (index + 1))
        np.testing.assert_array_equal(data.transpose(0, 2, 3, 1), x_train[part])
        np.testing.assert_array_equal(labels, y_train[part, 0])
    data, labels = load_batch(str(folder / TEST_FILE))
    np.testing.assert_array_equal(data.transpose(0, 2, 3, 1), x_test)
    np.testing.assert_array_equal(labels, y_test[:, 0])


def test_load_batches_returns_what_keras_load_data_returns(folder):
    (x_train, y_train), (x_test, y_test) = load_batches(folder)
    assert x_train.shape == (100, 32, 32, 3) and x_test.shape == (20, 32, 32, 3)
    assert y_train.shape == (100, 1) and y_test.shape == (20, 1)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype("uint8")}
    assert set(np.unique(y_train)) <= set(range(10))


def test_fixture_is_seeded_learnable_and_balanced():
    (a, ya), (ta, tya) = load_fixture(10, seed=1)
    (b, yb), _ = load_fixture(10, seed=1)
    (c, _), _ = load_fixture(10, seed=2)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ya, yb)
    assert not np.array_equal(a, c)
    # The test batch holds images the training batches do not: held-out data.
    assert not any((a == image).all(axis=(1, 2, 3)).any() for image in ta)
    assert set(np.unique(tya)) <= set(range(10))
    x, y = fixture_images(1000)
    assert np.bincount(y).tolist() == [100] * 10
    # Learnable: the mean colour alone tells the classes apart (nearest class mean).
    means = x.reshape(1000, -1, 3).mean(axis=1)
    centres = np.stack([means[y == k].mean(axis=0) for k in range(10)])
    nearest = np.argmin(((means[:, None] - centres[None]) ** 2).sum(axis=-1), axis=1)
    assert (nearest == y).mean() > 0.9


def _error(folder) -> str:
    with pytest.raises(CIFAR10FormatError) as caught:
        load_batches(folder)
    return str(caught.value)


def test_missing_folder_and_missing_files_are_named(tmp_path, copy):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        load_batches(tmp_path / "nowhere")
    (copy / "data_batch_3").unlink()
    (copy / META_FILE).unlink()
    with pytest.raises(FileNotFoundError, match=r"missing data_batch_3, batches\.meta\."):
        load_batches(copy)


@pytest.mark.parametrize(
    "cut",
    [lambda n: 0, lambda n: 10, lambda n: n // 2, lambda n: n - 1],
    ids=["empty", "10-bytes", "half", "all-but-the-last-byte"],
)
def test_truncated_file_is_named(copy, cut):
    path = copy / TEST_FILE  # the last file read: nothing is returned half-loaded
    raw = path.read_bytes()
    path.write_bytes(raw[: cut(len(raw))])
    message = _error(copy)
    assert message.startswith(f"{path}:")
    assert "too early" in message


def test_not_a_pickle_is_named(copy):
    (copy / "data_batch_2").write_text("<html>404 Not Found</html>")
    assert _error(copy).startswith(f"{copy / 'data_batch_2'}: not a CIFAR-10 batch file")


def test_a_pickle_that_runs_code_is_refused_unrun(copy, tmp_path):
    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    (copy / "data_batch_1").write_bytes(pickle.dumps({b"data": Exploit()}))
    assert "asks for" in _error(copy) and "system" in _error(copy)
    assert not (tmp_path / "ran").exists()


def _rewrite(path, change):
    with path.open("rb") as f:
        content = pickle.load(f, encoding="bytes")
    content = change(content)
    with path.open("wb") as f:
        pickle.dump(content, f, protocol=3)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: [1, 2, 3], "holds a list, not the dict"),
        (lambda d: {k: v for k, v in d.items() if k != b"data"}, "has no 'data' entry"),
        (lambda d: {**d, b"data": d[b"data"].astype("float32")}, "not a 2-D uint8 array"),
        (lambda d: {**d, b"data": d[b"data"][:, :100]}, "expected one row of 3072 values"),
        (lambda d: {**d, b"labels": d[b"labels"][:-1]}, "19 labels for 20 images"),
        (lambda d: {**d, b"labels": [12] * 20}, "label 12 is outside 0-9"),
    ],
    ids=["not-a-dict", "no-data", "float-data", "short-rows", "label-count", "label-range"],
)
def test_corrupt_batch_is_named(copy, change, expected):
    _rewrite(copy / "data_batch_4", change)
    message = _error(copy)
    assert message.startswith(f"{copy / 'data_batch_4'}:")
    assert expected in message


def test_corrupt_meta_is_named(copy):
    _rewrite(copy / META_FILE, lambda d: {**d, b"label_names": [b"cat", b"dog"]})
    assert _error(copy).startswith(f"{copy / META_FILE}: expected 'label_names'")


def test_errors_are_value_errors():
    assert issubclass(CIFAR10FormatError, ValueError)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda tmp: load_batches(3), TypeError, "directory must be a path"),
        (lambda tmp: write_fixture(tmp, 0), ValueError, "per_batch must be at least 1, got 0"),
        (lambda tmp: write_fixture(tmp, "5"), TypeError, "per_batch must be an int"),
        (lambda tmp: write_fixture(tmp, True), TypeError, "per_batch must be an int"),
        (lambda tmp: fixture_images(0), ValueError, "n must be at least 1"),
        (lambda tmp: fixture_images(5, seed=1.5), TypeError, "seed must be an int"),
    ],
)
def test_bad_arguments_are_refused(tmp_path, call, error, message):
    with pytest.raises(error, match=message):
        call(tmp_path)


def test_load_data_returns_the_stand_in_only_when_the_variable_asks_and_says_which(
    monkeypatch, capsys
):
    # What the assignment notebooks call: the switch to the stand-in lives here, not in
    # the learner's cells, and what was loaded is printed and labelled.
    import keras

    (x_fake, y_fake), (x_fake_test, y_fake_test) = load_fixture(per_batch=3, seed=5)
    downloads = []

    def download():  # keras.datasets.cifar10.load_data, without the network
        downloads.append(1)
        return (x_fake, y_fake), (x_fake_test, y_fake_test)

    monkeypatch.setattr(keras.datasets.cifar10, "load_data", download)
    for unset in (None, "", "keras"):
        if unset is None:
            monkeypatch.delenv("DLCOURSE_CIFAR10", raising=False)
        else:
            monkeypatch.setenv("DLCOURSE_CIFAR10", unset)
        (x_train, _), _ = load_data()
        assert x_train is x_fake and data_name() == "CIFAR-10"
        assert capsys.readouterr().out == "data: CIFAR-10, 15 training and 3 test images\n"
    assert len(downloads) == 3

    monkeypatch.setenv("DLCOURSE_CIFAR10", "fixture")
    (x_train, y_train), (x_test, y_test) = load_data()
    (x_ref, y_ref), (x_ref_test, y_ref_test) = load_fixture(STAND_IN_PER_BATCH)
    for got, expected in zip(
        (x_train, y_train, x_test, y_test), (x_ref, y_ref, x_ref_test, y_ref_test), strict=True
    ):
        np.testing.assert_array_equal(got, expected)
    assert data_name() == "STAND-IN" and len(downloads) == 3
    assert capsys.readouterr().out == (
        "data: STAND-IN (made-up images, NOT CIFAR-10): 250 training, 50 test\n"
    )
    load_data(show=False)
    assert capsys.readouterr().out == ""

    monkeypatch.setenv("DLCOURSE_CIFAR10", "Fixture")
    with pytest.raises(ValueError, match="DLCOURSE_CIFAR10='Fixture': set it to 'fixture'"):
        load_data()
