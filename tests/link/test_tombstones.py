"""A withdrawn record leaves a tombstone at its address, out of search and listings."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, ROOT
from eckb.load.errors import DataError
from eckb.pipeline import build_pages

TEMPLATES = ROOT / "templates"
WITHDRAWAL = """  withdrawn:
    date: 2099-02-01
    reason: Merged into finding 1.1, which covers the same evidence.
    replaced_by: finding-1-1
"""


@pytest.fixture
def data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid/data", data)
    findings = data / "findings.yaml"
    findings.write_text(findings.read_text(encoding="utf-8").replace(
        '  source: {document: source-his-2024, section: "3.1.2"}\n',
        '  source: {document: source-his-2024, section: "3.1.2"}\n' + WITHDRAWAL), encoding="utf-8")
    return data


def _drop_references_to_finding_1_2(data):
    for name, old, new in (("actions.yaml", "findings: [finding-1-2]", ""), ("action-areas.yaml", ", finding-1-2]", "]")):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_current_records_may_not_refer_to_a_withdrawn_one(data, tmp_path):
    with pytest.raises(DataError) as error:
        build_pages(data, tmp_path / "docs", TEMPLATES)
    assert "data/actions.yaml:8: findings[0]: 'finding-1-2' is withdrawn; refer to 'finding-1-1' instead" in str(error.value)


def test_a_withdrawn_record_keeps_its_address_as_a_tombstone_outside_search_and_listings(data, tmp_path):
    _drop_references_to_finding_1_2(data)
    docs = tmp_path / "docs"
    build_pages(data, docs, TEMPLATES)
    tombstone = (docs / "findings/1-2.md").read_text(encoding="utf-8")
    assert "search:\n  exclude: true" in tombstone
    assert "# Withdrawn: Finding 1.2" in tombstone and "{ #finding-1-2 }" in tombstone
    assert "Merged into finding 1.1" in tombstone and "(1-1.md)" in tombstone
    assert "1-2.md" not in (docs / "findings/index.md").read_text(encoding="utf-8")
    assert "1-2.md" not in (docs / "themes/1.md").read_text(encoding="utf-8")
    assert json.loads((docs / "data/permalinks.json").read_text(encoding="utf-8"))["finding-1-2"] == "findings/1-2/"


def test_a_withdrawn_section_keeps_its_anchor_on_its_page(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid/data", data)
    actions = data / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8") + "  withdrawn:\n    date: 2099-02-01\n    reason: HIS dropped this action.\n", encoding="utf-8")
    docs = tmp_path / "docs"
    build_pages(data, docs, TEMPLATES)
    page = (docs / "actions/4-1.md").read_text(encoding="utf-8")
    assert "## Withdrawn: Action 4.1(a): Professional identity { #action-4-1-a }" in page
    assert "HIS dropped this action." in page
