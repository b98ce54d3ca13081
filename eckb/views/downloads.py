"""Data and downloads (/downloads/): every export, with each kind's fields explained."""
from __future__ import annotations

from dataclasses import dataclass

from eckb.link.labels import PLURAL
from eckb.link.links import KnowledgeBase
from eckb.link.urls import DOWNLOADS_PAGE, KNOWLEDGE_BASE_EXPORT, PERMALINKS_EXPORT, export_file, export_schema_file, link_between
from eckb.load.kinds import KINDS
from eckb.load.models import Record
from eckb.views.plan import PagePlan


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    description: str


def downloads_page(base: KnowledgeBase) -> PagePlan:
    kinds = [
        (kind, PLURAL[kind.name], len(base.of_kind(kind.name)), _field_docs(kind.model), _kind_files(kind.data, kind.name))
        for kind in KINDS
    ]
    whole = {"knowledge_base": link_between(DOWNLOADS_PAGE, KNOWLEDGE_BASE_EXPORT),
             "permalinks": link_between(DOWNLOADS_PAGE, PERMALINKS_EXPORT)}
    return PagePlan(DOWNLOADS_PAGE, "downloads.md.j2", "Data and downloads: JSON and CSV",
                    "The whole knowledge base as JSON and CSV, one file per kind of record, with JSON Schemas.",
                    [], {"kinds": kinds, "whole": whole, "total": sum(count for _, _, count, _, _ in kinds)})


def _kind_files(kind_data: str, kind_name: str) -> dict[str, str]:
    """Links from the downloads page to one kind's JSON, CSV and schema."""
    return {"json": link_between(DOWNLOADS_PAGE, export_file(kind_data, "json")),
            "csv": link_between(DOWNLOADS_PAGE, export_file(kind_data, "csv")),
            "schema": link_between(DOWNLOADS_PAGE, export_schema_file(kind_name))}


def _field_docs(model: type[Record]) -> list[FieldDoc]:
    return [
        FieldDoc(info.alias or name, info.is_required(), info.description or "")
        for name, info in model.model_fields.items()
    ]
