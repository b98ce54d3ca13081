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


ENGINE_FOLDERS = ("build/docs/.gitignore", "build/overrides/.gitignore")
"""What a clone has of build/: the two folders the engine reads, empty until the generator fills them."""


def copy_repo(work: Path) -> Path:
    """What a build needs, copied, so a test can build or edit without touching the work tree."""
    for name in ("data", "templates", "eckb", "scripts", "schemas", "docs", "overrides", "mkdocs.yml", "mkdocs-offline.yml",
                 *ENGINE_FOLDERS):
        source = ROOT / name
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, work / name)
    return work


def mkdocs_build(work: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                          cwd=work, env=MKDOCS_ENV, capture_output=True, text=True)


ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
"""Zensical, in the venv `make test` sets up (requirements-zensical.txt)."""
ENGINE = os.environ.get("ECKB_ENGINE", "mkdocs")
"""The engine the built site of the tests comes from: mkdocs (default), properdocs or zensical, e.g.
`ECKB_ENGINE=zensical pytest tests/browser` runs the browser tests against Zensical's site."""


def engine_build(work: Path, engine: str) -> subprocess.CompletedProcess:
    """`make site ENGINE=...` in a copy of the repo: a strict build into work/site."""
    if engine == "zensical":
        if not ZENSICAL.is_file():
            pytest.skip(f"{ZENSICAL.relative_to(ROOT)} is missing: `make test` installs it (requirements-zensical.txt)")
        # Zensical runs no hooks: the generator assembles build/ first, as `make site ENGINE=zensical` does.
        generated = subprocess.run([sys.executable, "scripts/build_pages.py"], cwd=work, env=MKDOCS_ENV, capture_output=True, text=True)
        if generated.returncode:
            return generated
        return subprocess.run([str(ZENSICAL), "build", "--strict", "-f", "mkdocs.yml"], cwd=work, env=MKDOCS_ENV,
                              capture_output=True, text=True)
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(work / "site")],
                          cwd=work, env=MKDOCS_ENV, capture_output=True, text=True)


def build_offline_site(work: Path) -> Path:
    """The offline bundle's site (`make offline`), built from a copy of the repo."""
    result = mkdocs_build(copy_repo(work), "-f", "mkdocs-offline.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site-offline"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with `mkdocs build --strict` (or $ECKB_ENGINE) from a copy of the repo."""
    work = copy_repo(tmp_path_factory.mktemp("repo"))
    result = engine_build(work, ENGINE)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}{result.stderr}"
    return work / "site"
