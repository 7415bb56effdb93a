"""Build the site once per test session, in a subprocess, for the checks of the built pages.

Started early, so the build overlaps the pages' programs. Under xdist the workers share
one build in the controller's ``shared`` folder.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pages import SiteConfig

# -X importtime: the build's imports are recorded, for the test that the build trains nothing.
MKDOCS_BUILD = [sys.executable, "-X", "importtime", "-m", "mkdocs", "build"]


class BuildFailed(Exception):
    """The worker that was building the site stopped before the build finished."""


class SiteBuild:
    """``mkdocs build`` of the site in a subprocess.

    Under xdist the workers share one build in the controller's ``shared`` folder: the
    first worker to get the lock builds and writes ``result.json`` (from a thread, so the
    others need not wait for that worker to ask); the others wait on the lock and read it.
    """

    def __init__(self, site: SiteConfig, shared: Path | None = None):
        self.shared = shared
        self.process: subprocess.Popen | None = None
        self.publisher: threading.Thread | None = None
        self._result: dict | None = None
        if shared is None:
            self.dir = Path(tempfile.mkdtemp(prefix="built-site-"))
            self.log_file = self.dir.with_suffix(".log")
        else:
            self.dir, self.log_file = shared / "site", shared / "build.log"
            self.result_file = shared / "result.json"
            self.lock = (shared / "build.lock").open("w")
            try:
                fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another worker is building
            if self.result_file.exists():  # another worker built it already
                fcntl.flock(self.lock, fcntl.LOCK_UN)
                return
        self.start = time.perf_counter()
        with self.log_file.open("w") as log:
            self.process = subprocess.Popen(
                [*MKDOCS_BUILD, "-f", str(site.config_file), "-d", str(self.dir)],
                cwd=site.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        if shared is not None:
            self.publisher = threading.Thread(target=self._publish, daemon=True)
            self.publisher.start()

    def _publish(self) -> None:
        try:
            result = self._wait()
            data = {**result, "dir": str(result["dir"]), "imports": sorted(result["imports"])}
            self.result_file.write_text(json.dumps(data))
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)

    def _wait(self) -> dict:
        returncode = self.process.wait()
        seconds = time.perf_counter() - self.start
        lines = self.log_file.read_text(errors="replace").splitlines()
        imports = {line.rsplit("|", 1)[-1].strip() for line in lines if "import time:" in line}
        log = "\n".join(line for line in lines if "import time:" not in line)
        return {
            "dir": self.dir,
            "returncode": returncode,
            "log": log,
            "imports": imports,
            "seconds": seconds,
        }

    def result(self) -> dict:
        if self._result is not None:
            return self._result
        if self.shared is None:
            self._result = self._wait()
            return self._result
        if self.publisher is not None:  # this worker builds: the lock is its own
            self.publisher.join()
        fcntl.flock(self.lock, fcntl.LOCK_SH)  # until the building worker is done
        try:
            if not self.result_file.exists():
                raise BuildFailed(
                    "the xdist worker that was building the site stopped before the build "
                    f"finished; its log:\n{self.log_file.read_text(errors='replace')[-2000:]}"
                )
            data = json.loads(self.result_file.read_text())
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
        self._result = {**data, "dir": Path(data["dir"]), "imports": set(data["imports"])}
        return self._result

    def cleanup(self) -> None:
        if self.publisher is not None:
            # Other workers may still wait for this build: a worker whose tests ended
            # first (one that ran only a page's test file) must not kill it.
            self.publisher.join(timeout=900)
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.shared is None:  # a shared build is the controller's to remove
            shutil.rmtree(self.dir, ignore_errors=True)
            self.log_file.unlink(missing_ok=True)
