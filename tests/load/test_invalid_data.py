"""Bad data is reported as file:line: field: message, with no traceback, and nothing is written.

Each folder in fixtures/invalid/ is one mistake: its data/ files are laid over a copy of
fixtures/valid/data (a file named <path>.delete removes <path>), and expected.txt holds the
lines the command must print. A line may stop short of the end, to leave a hint unpinned.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

VALID_DATA = FIXTURES / "valid" / "data"
CASES = sorted(path for path in (FIXTURES / "invalid").iterdir() if path.is_dir())


def build_pages(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_pages.py"), *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def data_with_overlay(case: Path, into: Path) -> Path:
    data = into / "data"
    shutil.copytree(VALID_DATA, data)
    for path in sorted((case / "data").rglob("*")):
        target = data / path.relative_to(case / "data")
        if path.suffix == ".delete":
            target.with_suffix("").unlink()
        elif path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return data


def expected_lines(case: Path) -> list[str]:
    lines = [line for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line]
    assert len(lines) >= 2, f"{case.name}/expected.txt needs the problem lines and the count line"
    return lines


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_reported(result: subprocess.CompletedProcess[str], case: Path) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    printed = result.stderr.splitlines()
    for line in expected_lines(case):
        assert any(actual.startswith(line) for actual in printed), f"missing {line!r} in:\n{result.stderr}"


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """An out folder as a maintainer has it: a hand-written page beside pages built from valid data."""
    out = tmp_path_factory.mktemp("previous") / "out"
    out.mkdir()
    (out / "keep.md").write_text("# Notes\n\nWritten by hand; the generator must leave this alone.\n", encoding="utf-8")
    result = build_pages("--data", VALID_DATA, "--out", out)
    assert result.returncode == 0, result.stderr
    assert len(snapshot(out)) > 10, "the valid build should have written pages"
    return out


def test_valid_fixture_builds_so_every_failure_below_comes_from_its_overlay():
    result = build_pages("--check", "--data", VALID_DATA)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_data_reports_its_line_and_writes_nothing(case: Path, tmp_path: Path, previous_site: Path):
    out = tmp_path / "out"
    shutil.copytree(previous_site, out)
    before = snapshot(out)

    result = build_pages("--data", data_with_overlay(case, tmp_path), "--out", out)

    assert_reported(result, case)
    assert snapshot(out) == before


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_reports_the_same_problems_as_a_build(case: Path, tmp_path: Path):
    data = data_with_overlay(case, tmp_path)

    checked = build_pages("--check", "--data", data)

    assert_reported(checked, case)
    assert checked.stderr == build_pages("--data", data, "--out", tmp_path / "out").stderr
    assert not (tmp_path / "out").exists()


def test_problems_in_many_records_of_one_file_each_point_at_their_own_line_from_one_reading(tmp_path, monkeypatch):
    """A changed model can fault every record of a big file; each is reported at its own field's line,
    and the file is parsed again for those lines once, not once per record."""
    import yaml

    import eckb.load.load
    from eckb.load.errors import DataError
    from eckb.load.load import load_records
    from eckb.load.validate import validate_records

    data = tmp_path / "data"
    data.mkdir()
    records = "".join(f"- id: theme-{n}\n  number: {n}\n  title: Theme {n}\n  summary: Text.\n" for n in range(1, 31))
    (data / "themes.yaml").write_text(records, encoding="utf-8")
    raw = load_records(data)
    parses = []
    real_compose = yaml.compose
    monkeypatch.setattr(eckb.load.load.yaml, "compose", lambda *args, **kwargs: parses.append(1) or real_compose(*args, **kwargs))
    with pytest.raises(DataError) as caught:
        validate_records(raw)
    numbers = [problem for problem in caught.value.problems if problem.field == "number"]
    assert [problem.line for problem in numbers] == [2 + 4 * n for n in range(30)]
    assert len(parses) == 1
