"""`build_pages.py new KIND "Name"`: a new data file with every field present and explained.

Required fields hold a FILL IN placeholder, which validation rejects, so a new record builds only
once somebody has filled it in. Optional fields are written as comments to uncomment.
"""
from __future__ import annotations

import datetime
import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from eckb.load.kinds import KIND_BY_NAME
from eckb.link.links import KnowledgeBase
from eckb.load.models import PLACEHOLDER, RefTo

SCAFFOLD_KINDS = ("case-study", "finding", "term", "action")


class ScaffoldError(Exception):
    """The request cannot be scaffolded; the message says why."""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def new_record(base: KnowledgeBase, data_dir: Path, kind_name: str, name: str) -> tuple[Path, str]:
    """The path and text of a new data file for a `kind_name` record called `name`."""
    if kind_name not in SCAFFOLD_KINDS:
        raise ScaffoldError(f"cannot scaffold {kind_name!r}; choose one of: {', '.join(SCAFFOLD_KINDS)}")
    kind = KIND_BY_NAME[kind_name]
    known = {**_DEFAULTS_BY_KIND[kind_name](base, name), "title": name}
    record_id = known["id"]
    if record_id in base.located:
        raise ScaffoldError(f"{record_id!r} already exists (IDs are never reused); choose another name")
    path = data_dir / kind.data / f"{kind.key(record_id)}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    lines = [
        f"# yaml-language-server: $schema=../../schemas/{kind.name}.schema.json",
        f"# A new {kind.name}. Replace every {PLACEHOLDER!r} below; uncomment optional fields you need.",
        "# `make check` says what is still missing; `make serve` shows the page.",
    ]
    lines += _fields(kind.model, known, indent="")
    return path, "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], known: dict[str, Any], indent: str) -> list[str]:
    """Each field: a comment saying what goes there, then its value; optional fields commented out."""
    lines = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        about = " ".join((info.description or "").split())
        need = "required" if info.is_required() else "optional"
        lines.append(f"{indent}# {key}: {need}; {_hint(info.annotation, info.metadata)}{('. ' + about) if about else ''}")
        block = _value(key, info, known.get(key), indent)
        lines += block if info.is_required() or key in known else [_commented(line, indent) for line in block]
    return lines


def _value(key: str, info: Any, value: Any, indent: str) -> list[str]:
    if value is not None:
        return [f"{indent}{key}: {_yaml(value)}"]
    annotation = info.annotation
    nested = _model_of(annotation)
    if _is_list(annotation):
        if nested is not None:
            first, *rest = [field.alias or name for name, field in nested.model_fields.items() if field.is_required()]
            return [f"{indent}{key}:", f"{indent}  - {first}: \"{PLACEHOLDER} {first}\""] + [f"{indent}    {name}: \"{PLACEHOLDER} {name}\"" for name in rest]
        return [f"{indent}{key}:", f"{indent}  - \"{PLACEHOLDER} {key}\""]
    if nested is not None:
        return [f"{indent}{key}:", *_fields(nested, {}, indent + "  ")]
    base = _plain_type(annotation)
    if base is datetime.date:
        return [f"{indent}{key}: {datetime.date.today().isoformat()}"]
    if base is int:
        return [f"{indent}{key}: 0  # {PLACEHOLDER}"]
    if base is bool:
        return [f"{indent}{key}: {str(info.default).lower()}"]
    return [f"{indent}{key}: \"{PLACEHOLDER} {key}\""]


def _commented(line: str, indent: str) -> str:
    rest = line[len(indent):]
    return line if rest.startswith("#") else f"{indent}# {rest}"


def _hint(annotation: Any, metadata: list[Any]) -> str:
    listed = _is_list(annotation)
    for item in [*metadata, *_annotated_extras(annotation)]:
        if isinstance(item, RefTo):
            what = "record" if item.kind == "*" else item.kind
            return f"a list of {what} IDs" if listed else f"the ID of {_article(what)} {what}"
    literal = next((arg for arg in [annotation, *typing.get_args(annotation)] if typing.get_origin(arg) is typing.Literal), None)
    if literal is not None:
        return "one of " + ", ".join(repr(arg) for arg in typing.get_args(literal))
    if listed:
        return "a list, one '- item' a line"
    model = _model_of(annotation)
    if model is not None:
        return "a mapping of " + ", ".join(field.alias or name for name, field in model.model_fields.items())
    return {int: "a whole number", bool: "true or false", datetime.date: "a date, e.g. 2027-03-31"}.get(_plain_type(annotation), "text")


def _plain_type(annotation: Any) -> Any:
    """str, int, bool or date, under Optional[...] and Annotated[...]."""
    if getattr(annotation, "__metadata__", None):
        return _plain_type(annotation.__origin__)
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) is typing.Union and args:
        return _plain_type(args[0])
    return annotation


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _annotated_extras(annotation: Any) -> list[Any]:
    extras = list(getattr(annotation, "__metadata__", ()))
    for arg in typing.get_args(annotation):
        extras += _annotated_extras(arg)
    return extras


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list or any(_is_list(arg) for arg in typing.get_args(annotation) if typing.get_origin(annotation) is typing.Union)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _yaml(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


# ---------------------------------------------------------------- the next free ID of each kind


def _case_study(base: KnowledgeBase, name: str) -> dict[str, Any]:
    positions = [record.position for record in base.of_kind("case-study")]  # type: ignore[attr-defined]
    return {"id": f"case-study-{slug(name)}", "position": max(positions, default=0) + 1}


def _finding(base: KnowledgeBase, name: str) -> dict[str, Any]:
    themes = base.of_kind("theme")
    if not themes:
        raise ScaffoldError("there is no theme to add a finding to; add a theme first")
    theme = themes[-1]
    numbers = [int(f.number.split(".")[1]) for f in base.referrers(theme.id, "finding")]  # type: ignore[attr-defined]
    number = f"{theme.number}.{max(numbers, default=0) + 1}"  # type: ignore[attr-defined]
    return {"id": "finding-" + number.replace(".", "-"), "number": number, "theme": theme.id}


def _term(base: KnowledgeBase, name: str) -> dict[str, Any]:
    return {"id": f"term-{slug(name)}"}


def _action(base: KnowledgeBase, name: str) -> dict[str, Any]:
    areas = base.of_kind("action-area")
    if not areas:
        raise ScaffoldError("there is no area for action to add an action to")
    area = areas[-1]
    letters = [a.id[-1] for a in base.referrers(area.id, "action")]
    letter = chr(max((ord(letter) for letter in letters), default=ord("a") - 1) + 1)
    key = KIND_BY_NAME["action-area"].key(area.id)
    return {"id": f"action-{key}-{letter}", "area": area.id, "number": f"{area.number}({letter})"}  # type: ignore[attr-defined]


_DEFAULTS_BY_KIND = {"case-study": _case_study, "finding": _finding, "term": _term, "action": _action}
