"""The content release: its version and date, shown on every page and in every export, and its change log."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eckb.load.errors import DataError, Problem
from eckb.load.load import dotted, field_lines, line_in, plain_data
from eckb.load.validate import plain_message

RELEASE_FILE = "release.yaml"


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1)
    date: dt.date
    summary: str = Field(min_length=1)
    added: Union[Literal["all"], list[str]] = []
    """IDs of records new in this release, or "all" for the first release."""
    changed: list[str] = []
    withdrawn: list[str] = []


class Release(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1)
    date: dt.date
    changes: list[Change] = Field(min_length=1)
    """Newest first; the first entry is this release."""
    lines: dict = Field(default_factory=dict, exclude=True)

    def as_dict(self) -> dict[str, str]:
        # The release date, not the clock: regenerating unchanged data must write nothing.
        return {"version": self.version, "generated": self.date.isoformat()}


def read_release(data_dir: Path) -> Release:
    path = data_dir / RELEASE_FILE
    shown = f"{data_dir.name}/{RELEASE_FILE}"
    if not path.is_file():
        raise DataError([Problem(shown, 1, "", "is missing; it names the content release, e.g. 'version: \"2024.1\"'")])
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        raise DataError([Problem(shown, 1, "", "is not UTF-8 text; save the file as UTF-8")]) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise DataError([Problem(shown, line, "", f"YAML syntax error: {error.problem}")]) from None
    problems: list[Problem] = []
    data = plain_data(node, shown, problems) if node is not None else {}
    lines = field_lines(node) if node is not None else {}
    if problems:
        raise DataError(problems)
    try:
        return Release.model_validate({**(data if isinstance(data, dict) else {}), "lines": lines})
    except ValidationError as error:
        raise DataError([
            Problem(shown, _line(lines, tuple(detail["loc"])), dotted(tuple(detail["loc"])), plain_message(detail))
            for detail in error.errors()
        ]) from None


def check_change_log(release: Release, known_ids: set[str], data_dir: Path) -> None:
    """Every ID the change log names must exist (withdrawn records included); the newest entry is this release."""
    shown = f"{data_dir.name}/{RELEASE_FILE}"
    problems = []
    if release.changes[0].version != release.version:
        problems.append(Problem(shown, _line(release.lines, ("changes", 0, "version")), "changes[0].version",
                                f"the newest change log entry must describe this release, {release.version!r}"))
    for index, change in enumerate(release.changes):
        for field in ("added", "changed", "withdrawn"):
            ids = getattr(change, field)
            for position, record_id in enumerate(ids if isinstance(ids, list) else []):
                if record_id not in known_ids:
                    path = ("changes", index, field, position)
                    problems.append(Problem(shown, _line(release.lines, path), dotted(path), f"unknown record {record_id!r}"))
    if problems:
        raise DataError(problems)


def _line(lines: dict, path: tuple) -> int:
    return line_in(lines, path, lines.get((), 1))
