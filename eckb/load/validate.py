"""Raw records -> typed models. Every problem is collected as file:line: field: message."""
from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from eckb.load.errors import DataError, Problem
from eckb.load.kinds import Kind, kind_of_id
from eckb.load.load import RawRecord, dotted
from eckb.load.models import Record


@dataclass(frozen=True)
class Located:
    """A validated record and where it was written, so later steps can point at it."""

    kind: Kind
    record: Record
    file: str
    line: int
    raw: RawRecord


def validate_records(raw_records: list[RawRecord]) -> list[Located]:
    problems: list[Problem] = []
    located: list[Located] = []
    first_seen: dict[str, RawRecord] = {}
    for raw in raw_records:
        problems.extend(_id_problems(raw, first_seen))
        try:
            record = raw.kind.model.model_validate(raw.data)
        except ValidationError as error:
            problems.extend(_plain_problems(raw, error))
            continue
        located.append(Located(raw.kind, record, raw.file, raw.line, raw))
    if problems:
        raise DataError(problems)
    return located


def _id_problems(raw: RawRecord, first_seen: dict[str, RawRecord]) -> list[Problem]:
    record_id = raw.data.get("id")
    if not isinstance(record_id, str):
        return []  # the model reports a missing or mistyped id
    kind = raw.kind
    if kind_of_id(record_id) is not kind:
        return [Problem(raw.file, raw.line_of(("id",)), "id", f"{record_id!r} is not a {kind.name} ID; {kind.name} IDs look like {kind.example!r} (lower-case letters, digits and hyphens)")]
    if record_id in first_seen:
        other = first_seen[record_id]
        return [Problem(raw.file, raw.line_of(("id",)), "id", f"{record_id!r} is already used by {other.file}:{other.line_of(('id',))}; IDs are unique across the knowledge base and never reused")]
    first_seen[record_id] = raw
    return []


def _plain_problems(raw: RawRecord, error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors():
        path = tuple(detail["loc"])
        if path and path[-1] in ("function-after[_single_line(), str]", "function-after[_text(), str]"):
            path = path[:-1]
        message = plain_message(detail)
        if detail["type"] == "extra_forbidden":
            message += _closest_field(raw.kind.model, path) or " (check the spelling)"
        problems.append(Problem(raw.file, raw.line_of(path), dotted(path), message))
    return problems


def _closest_field(model: type[BaseModel], path: tuple) -> str:
    """'; did you mean 'summary'?' for a misspelt field, looking in the model the field sits in."""
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = [t for t in _types(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)] if field else []
        if not inner:
            return ""
        model = inner[0]
    names = [field.alias or name for name, field in model.model_fields.items()]
    match = difflib.get_close_matches(str(path[-1]), names, n=1)
    return f"; did you mean {match[0]!r}?" if match else ""


def _types(annotation) -> list:
    """The types inside an annotation: Optional[list[Quote]] -> [Optional..., list..., Quote, None]."""
    return [annotation, *(inner for arg in typing.get_args(annotation) for inner in _types(arg))]


def plain_message(detail: dict) -> str:
    kind, given = detail["type"], detail.get("input")
    if kind == "extra_forbidden":
        return "is not a known field"
    if given is None and kind.endswith("_type"):
        return "is empty; write a value after the colon"
    if kind == "missing":
        return "is required but missing"
    if kind == "string_type":
        hint = " (put it in quotes)" if isinstance(given, (int, float)) or given.__class__.__name__ in ("date", "datetime") else ""
        return f"should be text, got {given!r}{hint}"
    if kind in ("int_type", "int_parsing"):
        return f"should be a whole number, got {given!r}"
    if kind == "list_type":
        return f"should be a list (lines starting with '- '), got {type(given).__name__}"
    if kind in ("model_type", "dict_type"):
        return f"should be a mapping of field: value, got {given!r}"
    if kind == "literal_error":
        expected = detail["ctx"]["expected"]
        if not isinstance(given, str) and repr(str(given)) in expected:
            return f"should be text, got {given!r} (put it in quotes: '{given}')"
        return f"is {given!r}; valid values: {expected}"
    if kind == "too_short":
        return "needs at least one entry"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"should be true or false, got {given!r}"
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    return detail["msg"]
