"""What a record page hands to the evidence pack (docs/assets/evidence-pack.js): one JSON object.

The pack keeps a copy of it in the reader's browser and builds its reference list, BibTeX, RIS and
evidence brief from it, so every value comes from the same citation the page's "Cite this" shows.
"""
from __future__ import annotations

import json
from typing import Any

from eckb.link.labels import SINGULAR
from eckb.link.links import KnowledgeBase
from eckb.link.urls import PARENT_FIELDS
from eckb.load.kinds import kind_of_id
from eckb.load.models import Record, field_of
from eckb.views.cite import Citation

MAX_SUMMARY = 200


def pack_item(record: Record, citation: Citation) -> str:
    """The record as the pack stores it, as JSON text (escape it for the HTML attribute it goes in)."""
    kind = kind_of_id(record.id)
    assert kind is not None
    item: dict[str, Any] = {
        "id": record.id,
        "kind": kind.name,
        "kind_label": SINGULAR[kind.name],
        "title": citation.heading,
        "summary": one_line_summary(record),
        "words": [{"text": _lines(quote.text), "attribution": quote.attribution} for quote in report_words(record)],
        "url": citation.url,
        "harvard": citation.harvard,
        "bibtex": citation.bibtex,
        "ris": citation.ris,
    }
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def parts_of(base: KnowledgeBase, record: Record) -> list[Record]:
    """The records shown as sections of `record`'s page: an area's actions, a set's principles.
    Each has its own Add button there, so a pack can hold one action or one principle."""
    return [part for kind_name, parent_field in PARENT_FIELDS.items() for part in base.referrers(record.id, kind_name, parent_field)]


def report_words(record: Record) -> list[Any]:
    """The record's verbatim quotations from its source: a finding's quotes, or the one quote of a
    definition, theme, area for action or principle set. Empty where the record has none."""
    quotes = field_of(record, "quotes")
    if quotes:
        return list(quotes)
    quote = field_of(record, "quote")
    return [quote] if quote else []


def one_line_summary(record: Record) -> str:
    """The first sentence of the record's own summary (or a definition's plain-words gloss), cut at
    a word and marked … when longer than MAX_SUMMARY characters. A record with neither (an action,
    a principle, a term defined only in the report's words) is summed up by its title: the pack
    calls summaries the knowledge base's own words, so a quotation never stands in for one."""
    text = field_of(record, "summary") or field_of(record, "gloss") or record.title
    text = " ".join(text.split())
    end = text.find(". ")
    if 0 < end < MAX_SUMMARY:
        return text[: end + 1]
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1].rsplit(" ", 1)[0] + "…"


def _lines(text: str) -> str:
    """A quotation's own line breaks kept (the page shows it line for line), other spacing tidied."""
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())
