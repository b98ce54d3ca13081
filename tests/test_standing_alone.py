"""A clone of the repository stands on its own: it reads nothing from a folder beside it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MKDOCS_ENV, ROOT


def tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in listing.stdout.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def alone(tmp_path: Path) -> Path:
    """What a clone holds (tracked files, and new ones not ignored, as the working tree has them), in a folder with nothing beside it."""
    clone = tmp_path / "nothing-beside" / "kb"
    for name in tracked_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return clone


def pytest_in(clone: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
                          cwd=clone, env=MKDOCS_ENV, capture_output=True, text=True)


BESIDE = "/".join(("..", "shared"))
"""The steering folder some checkouts have beside them, which a user's clone does not (spelt in parts,
so that this file does not name it itself)."""


def test_no_tracked_file_reads_a_folder_beside_the_repository():
    outside = [name for name in tracked_files() if BESIDE in (ROOT / name).read_text(encoding="utf-8", errors="replace")]
    assert outside == []


def test_a_clone_with_nothing_beside_it_collects_every_test_and_runs_the_fidelity_tests(tmp_path):
    clone = alone(tmp_path)
    collected = pytest_in(clone, "--collect-only")
    assert collected.returncode == 0, collected.stdout[-2000:] + collected.stderr[-2000:]
    here = pytest_in(ROOT, "--collect-only")
    count = re.compile(r"(\d+) tests? collected")
    assert count.search(collected.stdout).group(1) == count.search(here.stdout).group(1)
    fidelity = pytest_in(clone, "tests/load/test_data_matches_sources.py", "tests/load/test_provenance.py")
    assert fidelity.returncode == 0, fidelity.stdout[-2000:]
    assert re.search(r"\d+ passed", fidelity.stdout) and "skipped" not in fidelity.stdout
