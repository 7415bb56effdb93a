"""Repository hygiene: lint, workflows, and the commands the README promises."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import tasks

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

pytestmark = pytest.mark.slow


def run(*cmd):
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean():
    done = run(BIN / "ruff", "check", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean():
    """`ruff format` changes nothing: a contributor who runs it touches only their own files."""
    done = run(BIN / "ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr + "\nRun `.venv/bin/ruff format .`."


def test_workflows_match_the_schema():
    done = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing():
    done = run(BIN / "zizmor", "--offline", "--no-progress", ".github/workflows")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_permissions_least(workflow):
    text = workflow.read_text()
    for uses in re.findall(r"uses:\s*(\S+)", text):
        if re.fullmatch(r"\./\.github/workflows/[\w.-]+\.yml", uses):
            continue  # a workflow of this repository, at the same commit
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{workflow.name}: {uses}"
    spec = yaml.safe_load(text)
    assert "permissions" in spec and "concurrency" in spec, workflow.name
    assert "write" not in str(spec["permissions"]), "write access only per job, where needed"


def test_ci_and_workflows_run_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"^(python3 tasks\.py test)\b", readme, re.M).group(1)
    assert readme.index(command) < readme.index("\n## "), "the README opens with the command"
    assert f"exec {command}" in (ROOT / ".ci" / "run").read_text()
    assert f"run: {command}" in (ROOT / ".github" / "workflows" / "test.yml").read_text()


def test_the_site_is_deployed_only_after_the_suite_passed():
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    jobs = deploy["jobs"]
    assert jobs["test"]["uses"].startswith("./.github/workflows/test.yml")
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    test = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    assert "workflow_call" in test[True]  # YAML reads the key `on` as True


def test_pins_cover_tensorflow_and_keras():
    pins = (ROOT / "requirements" / "constraints.txt").read_text()
    assert re.search(r"^tensorflow==2\.21\.\d+$", pins, re.M)
    assert re.search(r"^keras==3\.\d+\.\d+$", pins, re.M)
    assert "+cpu" not in pins  # platform-specific local versions would break other machines


def test_vendoring_with_no_assets_needs_no_npm(tmp_path, monkeypatch):
    import tasks

    spec = tmp_path / "assets.json"
    spec.write_text('{"_comment": "nothing to fetch"}')
    monkeypatch.setattr(tasks, "ASSETS", spec)
    monkeypatch.setattr(tasks.shutil, "which", lambda *a, **k: None)  # no npm anywhere
    assert tasks.vendored()
    tasks.vendor(tmp_path / "bin")  # returns: it would exit if it looked for npm


@pytest.mark.parametrize(
    ("argv", "pytest_args"),
    [
        (["update"], ["docs", "--update-outputs"]),
        (["update", "docs/index.md"], ["--update-outputs", "docs/index.md"]),
        (
            ["update", "docs/index.md", "-k", "line 37"],
            ["--update-outputs", "docs/index.md", "-k", "line 37"],
        ),
        (["update", "-k", "line 37"], ["docs", "--update-outputs", "-k", "line 37"]),
        (["test"], ["-n", "WORKERS", "--dist", "loadfile"]),
        (
            ["test", "docs/index.md"],
            ["-n", "WORKERS", "--dist", "loadfile", "docs/index.md", "tests/pages/test_index.py"],
        ),
        (
            ["test", "-n", "0", "docs/index.md"],
            ["-n", "0", "docs/index.md", "tests/pages/test_index.py"],
        ),
    ],
)
def test_tasks_update_and_test_touch_only_the_pages_named(argv, pytest_args):
    import tasks

    command = tasks.command_line(argv[0], argv[1:], Path("bin"))
    assert command[:3] == [Path("bin/python"), "-m", "pytest"]
    assert command[3:] == [str(tasks.WORKERS) if a == "WORKERS" else a for a in pytest_args]


class _Node:
    """Stands in for an xdist worker: records the tests it is sent."""

    def __init__(self, name):
        self.sent = []
        self.gateway = type("Gateway", (), {"id": name})()
        self.shutting_down = False

    def send_runtest_some(self, indexes):
        self.sent += indexes

    def shutdown(self):
        pass


def test_parallel_scheduler_keeps_pages_whole_and_starts_long_units_first():
    """xdist hands out whole pages, the longest units first."""
    import xdist_pages

    values = {"dist": "loadfile", "tx": ["2*popen"], "loadscopereorder": True}
    config = type("Config", (), {"getvalue": lambda self, name: values[name]})()
    config.option = type("Option", (), {"loadscopereorder": True})()
    scheduler = xdist_pages.pytest_xdist_make_scheduler(config=config, log=None)
    collection = [
        "docs/index.md::line 5",
        "docs/index.md::line 9",
        "docs/index.md::html",
        "docs/keras/cheatsheet.md::line 20",
        "docs/keras/cheatsheet.md::html",
        "docs/notebooks/first-model.ipynb::cells",
        "tests/pages/test_keras_cheatsheet.py::test_a",
        "tests/test_site.py::test_b",
    ]
    nodes = [_Node("gw0"), _Node("gw1")]
    for node in nodes:
        scheduler.add_node(node)
        scheduler.add_node_collection(node, collection)
    scheduler.schedule()
    # Each worker first got the notebook or the cheatsheet's backend tests, the longest.
    first = [collection[node.sent[0]] for node in nodes]
    assert sorted(first) == [
        "docs/notebooks/first-model.ipynb::cells",
        "tests/pages/test_keras_cheatsheet.py::test_a",
    ]
    index_sent = [i for node in nodes for i in node.sent if collection[i].startswith("docs/index")]
    assert len(index_sent) == 3  # a page's items all went to one worker


def test_every_version_shown_is_a_pin_or_a_bound():
    """A version a page or snippet shows (``name==pin``, ``name>=bound``, the Set up table,
    the reader's version check) is today's, as `tasks.py bump` writes it."""
    pinned, bounds = tasks.pins(), tasks.lower_bounds()
    stale = [
        str(path.relative_to(tasks.ROOT))
        for path in tasks.shown_version_files()
        if tasks.show_versions(path.read_text(), pinned, bounds) != path.read_text()
    ]
    assert not stale, f"{stale} show other versions; run `python3 tasks.py bump --no-repin`"


def test_show_versions_rewrites_each_form():
    text = (
        'pip install "tensorflow==2.1.0" "tensorflow[and-cuda]==2.1.0" "keras>=3.0"\n'
        "| `keras` | 3.0 | 3.1.0 | models |\n| `jax` | optional | 0.1 | JAX |\n"
        '    "keras": "3.0",\nnotkeras==1.0 and keras==1.0.post1 stay\n'
    )
    pinned = {"tensorflow": "2.21.0", "keras": "3.15.1", "jax": "0.10.2"}
    assert tasks.show_versions(text, pinned, {"keras": "3.15"}) == (
        'pip install "tensorflow==2.21.0" "tensorflow[and-cuda]==2.21.0" "keras>=3.15"\n'
        "| `keras` | 3.15 | 3.15.1 | models |\n| `jax` | optional | 0.10.2 | JAX |\n"
        '    "keras": "3.15",\nnotkeras==1.0 and keras==1.0.post1 stay\n'
    )


def test_drift_runs_the_newest_and_the_oldest_supported_releases():
    drift = yaml.safe_load((ROOT / ".github" / "workflows" / "drift.yml").read_text())
    runs = {step.get("run") for job in drift["jobs"].values() for step in job["steps"]}
    assert {"python3 tasks.py test --latest", "python3 tasks.py test --oldest"} <= runs


def test_oldest_releases_are_the_lower_bounds():
    bounds = tasks.lower_bounds()
    assert set(bounds) == {"tensorflow", "keras", "numpy", "scikit-learn", "matplotlib"}
    pinned = tasks.pins()
    for name, oldest in bounds.items():  # the pins lie in the supported range
        assert tuple(map(int, pinned[name].split("."))) >= tuple(map(int, oldest.split(".")))


DOCUMENTED = ["README.md", "CONTRIBUTING.md", "docs/testing.md"]


def documented_commands() -> list[tuple[str, list[str]]]:
    """Each `python3 tasks.py ...` line in a ```bash block of the docs, as a shell splits it."""
    found = []
    for name in DOCUMENTED:
        in_bash = False
        for line in (ROOT / name).read_text().splitlines():
            if line.startswith("```"):
                in_bash = line.strip() in {"```bash", "```sh"}
            elif in_bash and line.startswith("python3 tasks.py "):
                lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
                lexer.commenters = "#"
                found.append((f"{name}: {line.split('  #')[0].strip()}", list(lexer)))
    return found


@pytest.mark.parametrize(("where", "words"), documented_commands(), ids=lambda v: str(v)[:60])
def test_documented_command_is_one_tasks_py_runs(where, words):
    """Commands in the docs name real commands, pages, files and blocks, and the shell passes
    each argument through (an unquoted `>=` would redirect the output instead)."""
    assert not set(words) & {">", ">=", ">>", "<", "|", "&"}, f"{where}: quote the argument"
    command, *args = words[2:]
    assert command in {"setup", "serve", "test", "update", "build", "bump", "lighthouse"}, where
    if "-k" in args:  # under xdist, -k "line N" deselects a page's checks mid-unit and crashes
        assert not args[args.index("-k") + 1].startswith("line "), f"{where}: use PAGE::line N"
    if "--machine" in args:
        assert args[args.index("--machine") + 1] in {"all", *tasks.MACHINES}, where
    for arg in args:
        path, _, block = arg.partition("::")
        if path.startswith(("docs/", "tests/")) and "your" not in path and "<" not in path:
            assert (ROOT / path).exists(), f"{where}: no {path}"
        if block:
            number = int(re.fullmatch(r"line (\d+)", block)[1])
            fence = (ROOT / path).read_text().splitlines()[number - 1]
            assert re.match(r"\s*```(python|py)\b", fence), (
                f"{where}: line {number} of {path} is not a block's fence (the page moved); "
                "give the line of a ```python fence there"
            )


def test_test_of_a_page_adds_its_own_tests():
    assert tasks.page_tests(["docs/cnn/pooling.md", "-k", "x"]) == [
        "tests/pages/test_cnn_pooling.py"
    ]
    assert tasks.page_tests(["docs/cnn/pooling.md::line 49"]) == []  # one block: only that
    assert tasks.page_tests(["docs/setup.md", "tests/pages/test_setup.py"]) == []  # named already


def test_tasks_becomes_the_command_so_stopping_it_stops_the_server(monkeypatch):
    """`serve` started from a script and stopped with a signal leaves no mkdocs behind:
    tasks.py replaces itself with the command instead of waiting on a child."""
    calls = []
    monkeypatch.setattr(tasks, "setup", lambda releases="pinned": Path("/venv/bin"))
    monkeypatch.setattr(tasks.os, "chdir", lambda path: None)

    def execv(path, argv):  # the real one never returns
        calls.append(argv)
        raise SystemExit(0)

    monkeypatch.setattr(tasks.os, "execv", execv)
    monkeypatch.setattr(tasks.subprocess, "call", lambda *a, **k: pytest.fail("a child process"))
    if tasks.os.name != "posix":
        pytest.skip("execv replaces the process only on POSIX")
    with pytest.raises(SystemExit):
        tasks.main(["serve"])
    assert calls == [["/venv/bin/mkdocs", "serve", "--livereload"]]
