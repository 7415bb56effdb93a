"""Lighthouse scores for every built page: `python3 tasks.py lighthouse [PAGE ...]`.

A benchmark, not part of the test suite (a run takes about 15 s per page). It builds
the site into a temporary folder, serves it on localhost (gzip-compressed, as GitHub
Pages serves it), runs Lighthouse (installed
from the npm registry into `.cache/lighthouse/` on first use) with its default mobile
preset on Debian's Chromium, and prints one row per page. PAGE is a path under the
site, such as `keras/cheatsheet/`; with none, every page.

A single Lighthouse run varies by several points from one run to the next (the same
page, the same machine): its performance score times the main thread's work, and a
busy moment on the machine shows as blocking time. So each page is scored `--runs`
times (3 unless told) and the row shows the median run, the one of median performance
score, as Lighthouse's documentation on variability advises; `spread` is the lowest and
highest performance score of the runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = "lighthouse@12.8.2"
INSTALL = ROOT / ".cache" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host such as GitHub Pages does: text files gzipped
    for a browser that accepts it (Python's own server sends every file as it is, which
    would score the pages on bytes no reader downloads)."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()  # also the redirect from a folder's URL with no slash
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _lighthouse() -> Path:
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        INSTALL.mkdir(parents=True, exist_ok=True)
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm not found: install Node.js, or run through `python3 tasks.py`.")
        subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                INSTALL,
                LIGHTHOUSE,
            ],
            check=True,
        )
    return binary


def _chromium() -> str:
    for name in (os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    sys.exit("no Chromium or Chrome found (Debian: apt-get install chromium)")


def _build(dest: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run(
        [mkdocs, "build", "--strict", "--quiet", "-d", dest],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _score(binary: Path, chromium: str, url: str) -> dict:
    done = subprocess.run(
        [
            binary,
            url,
            f"--chrome-path={chromium}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chromium},
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    report = json.loads(done.stdout)
    row = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    row["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    row["dom"] = round(audits["dom-size"]["numericValue"]) if "dom-size" in audits else None
    row["kb"] = round(audits["total-byte-weight"]["numericValue"] / 1024)
    return row


def _median(rows: list[dict]) -> dict:
    """The run of median performance score (the lower middle one of an even count)."""
    ranked = sorted(rows, key=lambda r: r["performance"])
    return ranked[(len(ranked) - 1) // 2]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="paths under the site, e.g. keras/cheatsheet/")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the median shows)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    binary, chromium = _lighthouse(), _chromium()
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as tmp:
        site = Path(tmp)
        _build(site)
        pages = args.pages or sorted(
            p.parent.relative_to(site).as_posix() + "/"
            for p in site.rglob("index.html")
            if "assets" not in p.parts and p.parent != site / "search"
        )
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        header = f"{'page':<42} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}"
        header += f" {'TBT ms':>7} {'DOM':>6} {'KB':>6} {'spread':>7}"
        print(
            f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile preset, {chromium}, "
            f"median of {args.runs} run{'s' if args.runs > 1 else ''} per page"
        )
        print(header)
        worst = 100
        for page in pages:
            page = "" if page in {"./", "/"} else page
            rows = [_score(binary, chromium, base + page) for _ in range(args.runs)]
            failed = [r for r in rows if "error" in r]
            if failed:
                print(f"{page or '/':<42} error: {failed[0]['error'][0]}")
                worst = 0
                continue
            row = _median(rows)
            spread = f"{min(r['performance'] for r in rows)}-{max(r['performance'] for r in rows)}"
            worst = min(worst, row["performance"], row["accessibility"])
            print(
                f"{page or '/':<42} {row['performance']:>4} {row['accessibility']:>4} "
                f"{row['best-practices']:>4} {row['seo']:>4} {row['tbt_ms']:>7} "
                f"{row['dom'] if row['dom'] is not None else '-':>6} {row['kb']:>6} {spread:>7}",
                flush=True,
            )
        server.shutdown()
    print(f"lowest performance or accessibility score: {worst}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
