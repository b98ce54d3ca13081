"""YAML files -> raw records, each remembering the file and line of every field."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eckb.load.errors import DataError, Problem
from eckb.load.kinds import KIND_BY_DATA, KINDS, Kind

Path_ = tuple[Any, ...]
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (the wheels are): the same nodes and marks as
SafeLoader, many times faster (PyYAML's documented way to use it)."""
TEXT_TAG = "tag:yaml.org,2002:str"
"""The tag YAML gives a scalar that is text: most values, whose Python value is the node's own."""


NOT_RECORDS = {"release.yaml", "moved-pages.yaml"}
"""Data files that hold no records: the release (release.py) and the moved pages (moved_pages.py)."""


@dataclass
class RawRecord:
    kind: Kind
    file: str
    line: int
    data: dict[str, Any]
    source: Path | None = None
    """The data file, read again for the lines of the record's fields when a problem is reported."""
    _lines: dict[Path_, int] | None = field(default=None, repr=False)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest part of `path` we know: an error points at its field."""
        if self._lines is None:  # only for a record with a problem: most records never need their fields' lines
            self._lines = _record_lines(self.source, self.line) if self.source else {}
        return line_in(self._lines, path, self.line)


def line_in(lines: dict[Path_, int], path: Path_, default: int) -> int:
    """The line of the deepest part of `path` found in `lines` (from `field_lines`), else `default`."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return default


def data_files(data_dir: Path) -> list[tuple[Kind, Path]]:
    """Every data file with its kind: data/<kind>.yaml and data/<kind>/*.yaml."""
    found: list[tuple[Kind, Path]] = []
    for kind in KINDS:
        single = data_dir / f"{kind.data}.yaml"
        if single.is_file():
            found.append((kind, single))
        folder = data_dir / kind.data
        if folder.is_dir():
            found.extend((kind, path) for path in sorted(folder.glob("*.yaml")))
    return found


def unknown_files(data_dir: Path) -> list[Problem]:
    """YAML files whose place says no kind: likely a typo in a folder or file name."""
    problems = []
    for path in sorted(data_dir.rglob("*.y*ml")):
        relative = path.relative_to(data_dir)
        stem = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        if relative.as_posix() in NOT_RECORDS:
            continue
        if path.suffix == ".yml" or stem not in KIND_BY_DATA:
            known = ", ".join(sorted(KIND_BY_DATA))
            close = difflib.get_close_matches(stem, KIND_BY_DATA, n=1)
            hint = f"; did you mean {close[0]!r}?" if close and close[0] != stem else ""
            problems.append(Problem(_display(path, data_dir), 1, "", f"not a known data location{hint} (use .yaml under one of: {known})"))
    return problems


def load_records(data_dir: Path) -> list[RawRecord]:
    problems = unknown_files(data_dir)
    records: list[RawRecord] = []
    for kind, path in data_files(data_dir):
        file_records, file_problems = _load_or_report(kind, path, data_dir)
        records.extend(file_records)
        problems.extend(file_problems)
    if problems:
        raise DataError(problems)
    return records


def _load_or_report(kind: Kind, path: Path, data_dir: Path) -> tuple[list[RawRecord], list[Problem]]:
    try:
        return _load_file(kind, path, _display(path, data_dir)), []
    except DataError as error:
        return [], error.problems


def _display(path: Path, data_dir: Path) -> str:
    """Paths in messages read as the maintainer sees them: data/case-studies/falkirk.yaml."""
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _load_file(kind: Kind, path: Path, shown: str) -> list[RawRecord]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DataError([Problem(shown, line, "", "is not UTF-8 text; save the file as UTF-8")]) from None
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        # The context says where the unfinished thing began, e.g. a '[' never closed.
        began = f" ({error.context} that starts on line {error.context_mark.line + 1})" if error.context and error.context_mark else ""
        raise DataError([Problem(shown, line, "", f"YAML syntax error: {error.problem or error}{began}")]) from None
    events = yaml.parse(text, Loader=LOADER) if "*" in text else ()  # an alias is written *name
    alias = next((event for event in events if isinstance(event, yaml.AliasEvent)), None)
    if alias:  # an alias can refer to itself, or multiply into millions of values
        raise DataError([Problem(shown, alias.start_mark.line + 1, "", f"uses the YAML alias *{alias.anchor}; write the value out in full")])
    if node is None:
        raise DataError([Problem(shown, 1, "", f"is empty; it should hold one {kind.name} record or a list of them")])
    problems: list[Problem] = []
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    records = []
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(shown, item.start_mark.line + 1, "", f"expected a {kind.name} record (a mapping of field: value)"))
            continue
        records.append(RawRecord(kind, shown, item.start_mark.line + 1, plain_data(item, shown, problems), path))
    if problems:
        raise DataError(problems)
    return records


def plain_data(node: yaml.Node, shown: str, problems: list[Problem]) -> Any:
    """A node tree's plain Python data, exactly as `yaml.safe_load` reads it; None if a key is not a
    word or is given twice (each such key is added to `problems`)."""
    found = key_problems(node, shown)
    if found:
        problems.extend(found)
        return None
    constructor = yaml.SafeLoader("")
    try:
        return constructor.construct_document(node)
    finally:
        constructor.dispose()


def key_problems(node: yaml.Node, shown: str, path: Path_ = ()) -> list[Problem]:
    """Every key in a node tree that is not a plain word, or that its mapping gives twice."""
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _text_key(key_node)
            if key is None:
                problems.append(Problem(shown, key_node.start_mark.line + 1, _dotted(path), "keys must be plain words"))
            elif key in key_lines:
                problems.append(Problem(shown, key_node.start_mark.line + 1, _dotted(path + (key,)),
                                        f"is given twice (first on line {key_lines[key]}); keep one"))
            else:
                key_lines[key] = key_node.start_mark.line + 1
                problems.extend(key_problems(value_node, shown, path + (key,)))
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            problems.extend(key_problems(child, shown, path + (index,)))
    return problems


def _text_key(node: yaml.Node) -> str | None:
    """A mapping key that YAML reads as text, else None (a number, a date, a list ...)."""
    return node.value if isinstance(node, yaml.ScalarNode) and node.tag == TEXT_TAG else None


def field_lines(node: yaml.Node, path: Path_ = (), lines: dict[Path_, int] | None = None) -> dict[Path_, int]:
    """The line of each field path in a node tree, e.g. ('findings', 2, 'finding') -> 14: a mapping's
    fields at their keys, list items where they start (the first of a key given twice)."""
    lines = {} if lines is None else lines
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = _text_key(key_node)
            if key is not None and path + (key,) not in lines:
                lines[path + (key,)] = key_node.start_mark.line + 1
                field_lines(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            field_lines(child, path + (index,), lines)
    return lines


def _record_lines(source: Path, line: int) -> dict[Path_, int]:
    """The lines of the fields of the record that starts on `line` of `source` (empty if it has changed since)."""
    try:
        version = source.stat().st_mtime_ns
    except OSError:
        return {}
    return _lines_by_record(source, version).get(line, {})


@lru_cache(maxsize=4)
def _lines_by_record(source: Path, version: int) -> dict[int, dict[Path_, int]]:
    """Every record's field lines in one data file, by the line the record starts on: the file is read
    once however many of its records have problems (a changed model can fault all 6,000 terms at 100x)."""
    try:
        node = yaml.compose(source.read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    items = node.value if isinstance(node, yaml.SequenceNode) else [node] if node is not None else []
    return {item.start_mark.line + 1: field_lines(item) for item in items}


def _dotted(path: Path_) -> str:
    """('findings', 2, 'finding') -> 'findings[2].finding', the way the error names a field."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


dotted = _dotted
