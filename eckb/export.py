"""Machine-readable exports, built from the same validated records as the pages."""
from __future__ import annotations

import json
from typing import Any

from .kinds import KIND_BY_NAME, KINDS, kind_of_id
from .links import KnowledgeBase
from .models import EvidenceLink, Record
from .references import references
from .urls import address


def knowledge_base_json(base: KnowledgeBase, release: dict[str, str]) -> str:
    records = [export_record(base, record) for kind in KINDS for record in base.of_kind(kind.name)]
    document = {"version": release["version"], "generated": release["generated"], "records": records}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def permalinks_json(base: KnowledgeBase) -> str:
    """Every published ID, withdrawn ones included: their addresses lead to a tombstone."""
    links = {record.id: address(record).url for kind in KINDS for record in base.of_kind(kind.name)}
    links.update({record.id: address(record).url for record in base.withdrawn})
    return json.dumps(links, ensure_ascii=False, indent=1) + "\n"


def export_record(base: KnowledgeBase, record: Record) -> dict[str, Any]:
    kind = kind_of_id(record.id)
    assert kind is not None
    reference_fields = {path[0] for path, _kind, _id in references(record) if path[0] != "source"}
    content = record.model_dump(mode="json", by_alias=True, exclude_none=True, exclude={"id", "title", "source"})
    for name in reference_fields:
        content.pop(_alias(record, name), None)
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
    related: dict[str, list[str]] = {}
    outgoing = [(target_kind, target) for path, target_kind, target in references(record) if path[0] != "source" and path[-1] != "cites"]
    incoming = [(kind_of_id(link.source.id).name, link.source.id) for link in base.referenced_by.get(record.id, [])]  # type: ignore[union-attr]
    for kind_name, target in outgoing + incoming:
        ids = related.setdefault(KIND_BY_NAME[kind_name].ref_key, [])
        if target not in ids:
            ids.append(target)
    return related
