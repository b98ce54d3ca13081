"""Machine-readable exports, built from the same validated records as the pages."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eckb.load.kinds import KIND_BY_NAME, KINDS, kind_of_id
from eckb.link.links import KnowledgeBase
from eckb.load.models import EvidenceLink, Record, field_of
from eckb.load.references import ref_target
from eckb.link.urls import PERMALINKS_EXPORT, PREVIEWS_EXPORT, address


@dataclass
class KindExport:
    """One kind's records as exported: its JSON and CSV files, and each record as a line of JSON
    for the whole knowledge base's file."""
    kind_name: str
    json: str
    csv: str
    lines: list[str]


def kind_export(base: KnowledgeBase, kind_name: str, release: dict[str, str]) -> KindExport:
    records = [export_record(base, record) for record in base.of_kind(kind_name)]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]  # encoded once, written twice
    return KindExport(kind_name, records_json({"version": release["version"], "type": kind_name}, lines), kind_csv(records), lines)


def knowledge_base_json(lines: list[str], release: dict[str, str]) -> str:
    return records_json({"version": release["version"], "generated": release["generated"]}, lines)


def address_exports(base: KnowledgeBase) -> dict[str, str]:
    """The files keyed by record address: every permalink, and what a link preview shows."""
    return {PERMALINKS_EXPORT: permalinks_json(base), PREVIEWS_EXPORT: previews_json(base)}


def records_json(head: dict[str, Any], lines: list[str]) -> str:
    """A JSON document of `head`'s fields and then "records", written one record a line, so a change
    to a record shows as one changed line. (Python's JSON encoder is several times slower when asked
    to indent: the 100x knowledge base's exports took seconds.)"""
    start = json.dumps(head, ensure_ascii=False)[:-1] + ', "records": ['
    if not lines:
        return start + "]}\n"
    parts = list(lines)  # one join makes the whole document: 20 MB at 100x, copied once, not four times
    parts[0] = start + "\n" + parts[0]
    parts[-1] = parts[-1] + "\n]}\n"
    return ",\n".join(parts)


def permalinks_json(base: KnowledgeBase) -> str:
    """Every published ID, withdrawn ones included: their addresses lead to a tombstone."""
    links = {record.id: address(record).url for kind in KINDS for record in base.of_kind(kind.name)}
    links.update({record.id: address(record).url for record in base.withdrawn})
    return json.dumps(links, ensure_ascii=False, indent=1) + "\n"


def export_record(base: KnowledgeBase, record: Record) -> dict[str, Any]:
    kind = kind_of_id(record.id)
    assert kind is not None
    content = record.model_dump(mode="json", by_alias=True, exclude_none=True, exclude={"id", "title", "source"})
    for name in reference_fields(type(record)):
        content.pop(_alias(record, name), None)  # listed below under the target kind's key
    evidence = [
        link.model_dump()
        for name in type(record).model_fields
        if isinstance(getattr(record, name), list)
        for link in getattr(record, name)
        if isinstance(link, EvidenceLink)
    ]
    exported: dict[str, Any] = {
        "id": record.id,
        "type": kind.name,
        "title": record.title,
        "url": address(record).url,
        "source": record.source.model_dump(mode="json", exclude_none=True),
        **content,
    }
    if evidence:
        exported["evidence"] = evidence
    exported.update(_cross_references(base, record))
    return exported


def _alias(record: Record, name: str) -> str:
    info = type(record).model_fields.get(name)
    return (info.alias or name) if info else name


def _cross_references(base: KnowledgeBase, record: Record) -> dict[str, list[str]]:
    """Outgoing and incoming links, as lists of IDs under the target kind's key (findings, case_studies, …)."""
    related: dict[str, dict[str, None]] = {}  # ordered sets: a record can be linked many times
    outgoing = [(target_kind, target) for path, target_kind, target in base.references[record.id] if path[0] != "source" and path[-1] != "cites"]
    incoming = [(kind_of_id(link.source.id).name, link.source.id) for link in base.referenced_by.get(record.id, [])]  # type: ignore[union-attr]
    for kind_name, target in outgoing + incoming:
        related.setdefault(KIND_BY_NAME[kind_name].ref_key, {})[target] = None
    return {key: list(ids) for key, ids in related.items()}


# ---------------------------------------------------------------- one file per kind


def kind_csv(records: list[dict[str, Any]]) -> str:
    """One row per record; lists joined with '; ', nested values as JSON. Safe to open in a spreadsheet."""
    rows = [_flat(record) for record in records]
    columns: list[str] = []
    for row in rows:
        columns.extend(name for name in row if name not in columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue()


def _flat(record: dict[str, Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in record.items():
        if name == "source":
            flat.update({f"source_{key}": str(item) for key, item in value.items()})
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            flat[name] = "; ".join(value)
        elif isinstance(value, (list, dict)):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = _cell(str(value))
    return flat


def _cell(text: str) -> str:
    """A leading = + - @ makes a spreadsheet run the cell as a formula; an apostrophe stops it."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def kind_schema(kind_name: str) -> str:
    """JSON Schema of one exported record of this kind: the model's fields plus id, type, url and links."""
    kind = KIND_BY_NAME[kind_name]
    schema = kind.model.model_json_schema(by_alias=True, mode="serialization")
    references_here = reference_fields(kind.model)
    properties = {name: spec for name, spec in schema.get("properties", {}).items() if name not in references_here}
    properties["id"] = {"type": "string", "pattern": "^" + kind.id_pattern.pattern.removesuffix(r"\Z") + "$"}
    properties["type"] = {"const": kind_name}
    properties["url"] = {"type": "string", "description": "Site-relative address, with #anchor when the record is a section of a page."}
    properties["evidence"] = {"type": "array", "items": {"type": "object", "properties": {"finding": {"type": "string"}, "reason": {"type": "string"}}, "required": ["finding", "reason"]}}
    required = [name for name in schema.get("required", []) if name not in references_here] + ["type", "url"]
    return json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{kind_name} record",
        "type": "object",
        "properties": properties,
        "required": sorted(set(required)),
        "additionalProperties": {"type": "array", "items": {"type": "string"}, "description": "Links: IDs of related records, under the related kind's key."},
        "$defs": schema.get("$defs", {}),
    }, indent=1) + "\n"


@lru_cache(maxsize=None)
def reference_fields(model: type[Record]) -> frozenset[str]:
    """Fields that are links (an ID, a list of IDs, or evidence links), exported as ID lists instead."""
    return frozenset({
        name
        for name, info in model.model_fields.items()
        if name != "source" and (ref_target(info.metadata, info.annotation) or "EvidenceLink" in repr(info.annotation))
    })


def previews_json(base: KnowledgeBase) -> str:
    """What a link preview shows for each record address: its label, kind and a short summary."""
    from eckb.link.labels import SINGULAR, label

    previews = {}
    for kind in KINDS:
        for record in base.of_kind(kind.name):
            text = field_of(record, "summary") or field_of(record, "gloss")
            quote = field_of(record, "quote")
            text = text or (quote.text if quote else "")
            text = " ".join(text.split())
            previews[address(record).url] = {
                "kind": SINGULAR[kind.name],
                "title": label(record),
                "summary": text if len(text) <= 280 else text[:277].rsplit(" ", 1)[0] + "…",
            }
    return json.dumps(previews, ensure_ascii=False, separators=(",", ":")) + "\n"
