"""The content release: its version and date, shown on every page and in every export."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .errors import DataError, Problem

RELEASE_FILE = "release.yaml"


def read_release(data_dir: Path) -> dict[str, str]:
    path = data_dir / RELEASE_FILE
    shown = f"{data_dir.name}/{RELEASE_FILE}"
    if not path.is_file():
        raise DataError([Problem(shown, 1, "", "is missing; it names the content release, e.g. 'version: \"2024.1\"'")])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError:
        raise DataError([Problem(shown, 1, "", "is not UTF-8 text; save the file as UTF-8")]) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise DataError([Problem(shown, line, "", f"YAML syntax error: {error.problem}")]) from None
    version, date = data.get("version"), data.get("date")
    if not isinstance(version, str) or not version.strip():
        raise DataError([Problem(shown, 1, "version", "is required, as text in quotes, e.g. \"2024.1\"")])
    if not isinstance(date, dt.date):
        raise DataError([Problem(shown, 1, "date", "is required, as a date, e.g. 2026-11-23")])
    # The release date, not the clock: regenerating unchanged data must write nothing.
    return {"version": version, "generated": date.isoformat()}
