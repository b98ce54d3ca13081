"""Running the project's own commands in a scratch copy of the repository, timed.

The benchmark drives the command line (`mkdocs build`, `scripts/build_pages.py`, `mkdocs serve`)
and never imports the generator, so it measures what a maintainer runs, whatever the code inside.
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "site-offline", "dist", "build",
                                    ".pytest_cache", "__pycache__", "BENCHMARKS.md")


@dataclass
class Run:
    seconds: float
    peak_mib: float  # the largest resident set of the command's processes
    output: str


def copy_repository(into: Path, data: Path | None = None) -> Path:
    """A copy of the repository to build in (never the working tree), with `data` as its data/:
    the files a clone has, plus uncommitted edits (git's view), else all but NOT_COPIED."""
    work = into / "repo"
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                capture_output=True, check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, work, ignore=NOT_COPIED, symlinks=True)
    else:
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():  # not a file deleted but not yet committed
                (work / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, work / name, follow_symlinks=False)
    if data is not None:
        shutil.rmtree(work / "data")
        shutil.copytree(data, work / "data")
    return work


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="eckb-bench-"))


def run(command: list[str], cwd: Path, timeout: float = 900) -> Run:
    """Run a command to the end: its wall time and peak memory (wait4's rusage of that process)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        while True:  # wait4 itself, not Popen.wait: only wait4 gives this one process's peak memory
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                process.kill()
                os.wait4(process.pid, 0)
                raise SystemExit(f"bench: {' '.join(command)} took over {timeout:.0f} s; stopped")
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        out.seek(0)
        output = out.read().decode(errors="replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed in {cwd}:\n{output[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, output)  # Linux reports KiB


def mkdocs(*args: str) -> list[str]:
    return [PYTHON, "-m", "mkdocs", *args]


def build_pages(*args: str) -> list[str]:
    return [PYTHON, "scripts/build_pages.py", *args]


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def machine() -> str:
    cpu = platform.machine()
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1).strip()
        cpu = f"{cpu} ({model})"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"
