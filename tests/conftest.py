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

from eckb.links import KnowledgeBase  # noqa: E402
from eckb.pipeline import read_knowledge_base  # noqa: E402

DATA = ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def base() -> KnowledgeBase:
    return read_knowledge_base(DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with `mkdocs build --strict` from a copy of the repo."""
    work = tmp_path_factory.mktemp("repo")
    for name in ("data", "templates", "eckb", "scripts", "docs", "overrides", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, work / name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "site")],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return work / "site"
