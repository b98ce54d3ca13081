"""JSON Schemas generated from the models and kept in schemas/ (`build_pages.py schemas` rewrites them;
a test fails when one is out of date):

- the data files' own, so editors validate as you type; each data file names its schema on its first line:
    # yaml-language-server: $schema=../schemas/finding.schema.json
- the exported records', in schemas/exports/, published beside the exports: kept in the repository so
  a change to what other tools receive shows in review, and read by each build instead of remade.
"""
from __future__ import annotations

import json
from pathlib import Path

from eckb.write.export import kind_schema
from eckb.load.kinds import KINDS, Kind

SCHEMA_FOLDER = "schemas"
EXPORT_SCHEMA_FOLDER = "exports"
"""schemas/exports/: the exported records' schemas."""
REPOSITORY = Path(__file__).resolve().parent.parent


def data_schema(kind: Kind) -> str:
    """A data file holds one record or a list of them."""
    record = kind.model.model_json_schema(by_alias=True, mode="validation")
    definitions = record.pop("$defs", {})
    record["properties"]["id"] = {**record["properties"]["id"], "pattern": "^" + kind.id_pattern.pattern.removesuffix(r"\Z") + "$",
                                  "description": f"Stable, never reused; e.g. {kind.example}"}
    definitions[kind.model.__name__] = record
    reference = {"$ref": f"#/$defs/{kind.model.__name__}"}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Ethical Commissioning Knowledge Base: {kind.name} data file",
        "oneOf": [reference, {"type": "array", "items": reference}],
        "$defs": definitions,
    }
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """Every schema under schemas/, by its path there."""
    return {
        **{f"{kind.name}.schema.json": data_schema(kind) for kind in KINDS},
        **{f"{EXPORT_SCHEMA_FOLDER}/{kind.name}.schema.json": kind_schema(kind.name) for kind in KINDS},
    }


def export_schema(kind_name: str) -> str:
    """The schema of one kind's exported records, as kept in schemas/exports/ (made from the model if missing)."""
    try:
        return (REPOSITORY / SCHEMA_FOLDER / EXPORT_SCHEMA_FOLDER / f"{kind_name}.schema.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return kind_schema(kind_name)


def schema_header(kind: Kind, data_file: Path, data_dir: Path) -> str:
    depth = len(data_file.relative_to(data_dir).parts)  # data/x.yaml -> 1, data/findings/x.yaml -> 2
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind.name}.schema.json"


def write_schemas(root: Path) -> list[str]:
    """Write schemas/ when a model changed; returns the files rewritten."""
    folder = root / SCHEMA_FOLDER
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written
