"""JSON Schemas of the data files, generated from the models, so editors validate as you type.

Each data file names its schema on its first line:
    # yaml-language-server: $schema=../schemas/finding.schema.json
"""
from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS, Kind

SCHEMA_FOLDER = "schemas"


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
    return {f"{kind.name}.schema.json": data_schema(kind) for kind in KINDS}


def schema_header(kind: Kind, data_file: Path, data_dir: Path) -> str:
    depth = len(data_file.relative_to(data_dir).parts)  # data/x.yaml -> 1, data/findings/x.yaml -> 2
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind.name}.schema.json"


def write_schemas(root: Path) -> list[str]:
    """Write schemas/ when a model changed; returns the files rewritten."""
    folder = root / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written
