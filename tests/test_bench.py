"""The benchmark measures what it says (scripts/bench/): its bigger knowledge base is valid data of
the promised size, and its "no generator" build really runs no generator. No timing here."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import DATA, MKDOCS_ENV, ROOT
from scripts.bench.builds import PLAIN_DOCS, plain_config
from scripts.bench.synthetic import synthesize


def test_synthetic_knowledge_base_passes_the_data_check_with_twice_the_case_studies(tmp_path: Path):
    synthesis = synthesize(DATA, tmp_path / "data", copies=2)
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pages.py"), "--check", "--data", str(tmp_path / "data")],
                           capture_output=True, text=True, env=MKDOCS_ENV)
    assert check.returncode == 0, check.stderr
    assert f"data OK: {synthesis.records} records" in check.stdout
    real = sorted(path.stem for path in (DATA / "case-studies").glob("*.yaml"))
    copied = sorted(path.stem for path in (tmp_path / "data" / "case-studies").glob("*.yaml"))
    assert copied == sorted(real + [f"{stem}-x2" for stem in real]) and synthesis.case_studies == 2 * len(real)
    # A copy points into its own copy, or at the records kept once (findings here).
    copy = yaml.safe_load((tmp_path / "data" / "case-studies" / "falkirk-x2.yaml").read_text(encoding="utf-8"))
    assert copy["id"] == "case-study-falkirk-x2" and copy["research_strand"].endswith("-x2")
    assert all(area.endswith("-x2") for area in copy["care_areas"])
    assert all(not link["finding"].endswith("-x2") for link in copy["findings"])


def test_no_generator_build_has_no_hook_and_reads_the_ready_made_pages():
    config = plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks:" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config
    assert not [line for line in config.splitlines() if line.strip() == "- scripts/build_pages.py"]
    assert [line for line in config.splitlines() if line.startswith("docs_dir:")] == [f"docs_dir: {PLAIN_DOCS}"]
