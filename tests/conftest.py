"""Shared fixtures: the repository's paths, the real knowledge base, a built site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eckb.link.links import KnowledgeBase  # noqa: E402
from eckb.pipeline import read_knowledge_base  # noqa: E402

DATA = ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = ROOT / "sources"
"""The two reports as text (sources/README.md): what the fidelity tests check the data against."""


@pytest.fixture(scope="session")
def base() -> KnowledgeBase:
    return read_knowledge_base(DATA)


MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def copy_repo(work: Path) -> Path:
    """What a build needs, copied, so a test can build or edit without touching the work tree."""
    for name in ("data", "templates", "eckb", "scripts", "schemas", "docs", "overrides", "mkdocs.yml", "mkdocs-offline.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, work / name)
    return work


def mkdocs_build(work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                          cwd=work, env=MKDOCS_ENV, capture_output=True, text=True)


def build_offline_site(work: Path) -> Path:
    """The offline bundle's site (`make offline`), built from a copy of the repo."""
    result = mkdocs_build(copy_repo(work), "-f", "mkdocs-offline.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site-offline"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with `mkdocs build --strict` from a copy of the repo."""
    work = copy_repo(tmp_path_factory.mktemp("repo"))
    result = mkdocs_build(work, "--site-dir", str(work / "site"))
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return work / "site"
