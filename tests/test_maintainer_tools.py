"""Maintainers' tools: scaffolding new records, and schemas that editors use to validate as you type."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import jsonschema
import pytest
import yaml

from conftest import DATA, FIXTURES, ROOT
from eckb.load.load import data_files
from eckb.write.schemas import SCHEMA_FOLDER, schema_files, schema_header

SCRIPT = str(ROOT / "scripts/build_pages.py")


def _run(*args: str):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True)


def _plain(value):
    """YAML dates as the ISO text JSON Schema expects."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_schemas_in_the_repository_match_the_models():
    for name, text in schema_files().items():
        committed = ROOT / SCHEMA_FOLDER / name
        assert committed.is_file() and committed.read_text(encoding="utf-8") == text, (
            f"{SCHEMA_FOLDER}/{name} is out of date: run `python scripts/build_pages.py schemas`")


def test_every_data_file_names_its_schema_and_validates_against_it():
    for kind, path in data_files(DATA):
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == schema_header(kind, path, DATA), f"{path} must name its schema on line 1"
        schema = json.loads((ROOT / SCHEMA_FOLDER / f"{kind.name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(_plain(yaml.safe_load(text)), schema)


def test_a_schema_rejects_an_unknown_field():
    schema = json.loads(schema_files()["finding.schema.json"])
    record = _plain(yaml.safe_load((DATA / "findings/3-4.yaml").read_text(encoding="utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "summry": "typo"}, schema)


@pytest.mark.parametrize("kind, name, expected_path, expected_id", [
    ("case-study", "Highland HSCP", "case-studies/highland-hscp.yaml", "case-study-highland-hscp"),
    ("term", "Social value", "terms/social-value.yaml", "term-social-value"),
    ("finding", "A new finding", "findings/1-3.yaml", "finding-1-3"),
    ("action", "A new action", "actions/4-1-b.yaml", "action-4-1-b"),
])
def test_scaffolding_writes_a_file_that_fails_until_filled_in(tmp_path, kind, name, expected_path, expected_id):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid/data", data)
    made = _run("new", kind, name, "--data", str(data))
    assert made.returncode == 0, made.stderr
    path = data / expected_path
    text = path.read_text(encoding="utf-8")
    assert f'id: "{expected_id}"' in text and "FILL IN" in text
    check = _run("--check", "--data", str(data))
    assert check.returncode == 1 and f"data/{expected_path}:" in check.stderr and "still says 'FILL IN'" in check.stderr
    assert "Traceback" not in check.stderr


def test_a_filled_in_case_study_validates(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid/data", data)
    assert _run("new", "case-study", "Highland HSCP", "--data", str(data)).returncode == 0
    path = data / "case-studies/highland-hscp.yaml"
    filled = {
        '"FILL IN document"': "source-his-2024", '"FILL IN section"': '"2.9"', '"FILL IN number"': '"2.9"',
        '"FILL IN organisation"': "Highland HSCP", '"FILL IN organisation_type"': "HSCP", '"FILL IN area"': "Highland",
        '"FILL IN care_areas"': "care-area-care-homes", '"FILL IN research_strand"': "source-his-2024",
        '"FILL IN summary"': "A test summary.", '"FILL IN activities"': "Did a thing.",
        '"FILL IN finding"': "finding-1-1", '"FILL IN reason"': "Because it did a thing.",
    }
    text = path.read_text(encoding="utf-8")
    for placeholder, value in filled.items():
        text = text.replace(placeholder, value)
    path.write_text(text, encoding="utf-8")
    check = _run("--check", "--data", str(data))
    assert check.returncode == 0, check.stderr


def test_scaffolding_refuses_an_existing_id(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid/data", data)
    made = _run("new", "term", "HSCP", "--data", str(data))
    assert made.returncode == 1 and "'term-hscp' already exists" in made.stderr
