"""A record's own page: finding, theme, case study, approach, area for action, term, principle set, source."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eckb.link.labels import label
from eckb.link.links import KnowledgeBase
from eckb.link.urls import address, citation_file, link_between
from eckb.load.models import Record, field_of
from eckb.views.cite import Citation
from eckb.views.facets import ORGANISATION_TYPES
from eckb.views.pack import pack_item
from eckb.views.plan import PagePlan, group_records, grouped_backlinks, records_of


def _case_study_tags(base: KnowledgeBase, record: Any) -> list[str]:
    """A case study's organisation type and care areas, as tags: the tags index groups them.

    Types are spelled out: search ranks tags above text, and a tag "HSCP" would put every HSCP
    case study above the glossary's definition of the acronym."""
    spelled_out = ORGANISATION_TYPES[record.organisation_type][1].split(" (")[0]
    return [spelled_out, *(base.get(area).title for area in record.care_areas)]


PAGE_TAGS: dict[str, Callable[[KnowledgeBase, Any], list[str]]] = {"case-study": _case_study_tags}

def record_page(base: KnowledgeBase, kind_name: str, record: Record, citation: Citation) -> PagePlan:
    context = {
        "record": record,
        "citation": citation,
        "cite_files": {
            suffix: link_between(address(record).page, citation_file(record.id, suffix))
            for suffix in ("bib", "ris")
        },
        "heading": label(record),
        "pack_item": pack_item(record, citation),
        "referenced_by": grouped_backlinks(base, record.id),
        "source_document": base.get(record.source.document),
        **ENTITY_CONTEXT.get(kind_name, lambda _b, _r: {})(base, record),
    }
    return PagePlan(
        tags=PAGE_TAGS.get(kind_name, lambda _b, _r: [])(base, record),
        path=address(record).page,
        template=f"{kind_name}.md.j2",
        title=label(record),
        description=_description(record),
        data_files=[base.located[record.id].file],
        context=context,
    )


def _description(record: Record) -> str:
    text = field_of(record, "summary") or field_of(record, "gloss") or record.title
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


def _finding(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {"theme": base.get(record.theme), "terms": records_of(base, record.terms)}


def _theme(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    findings = base.referrers(record.id, "finding")
    return {"findings": findings, "case_studies": theme_case_studies(base, findings)}


def theme_case_studies(base: KnowledgeBase, findings: list[Record]) -> list[tuple[Record, list[tuple[Record, str]]]]:
    """The case studies that evidence any of `findings`, in the report's order, each with the
    findings it evidences and the case study's reason for each: browsing by theme ends at them."""
    mine = {finding.id: finding for finding in findings}
    found = []
    for case_study in base.of_kind("case-study"):
        evidence = [(mine[link.finding], link.reason) for link in case_study.findings if link.finding in mine]  # type: ignore[attr-defined]
        if evidence:
            found.append((case_study, sorted(evidence, key=lambda pair: findings.index(pair[0]))))
    return found


def _case_study(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {
        "care_areas": records_of(base, record.care_areas),
        "approaches": records_of(base, record.approaches),
        "research_strand": base.get(record.research_strand),
        "evidence": [(base.get(link.finding), link.reason) for link in record.findings],
    }


def _approach(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {"terms": records_of(base, record.terms)}


def _action_area(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    actions = base.referrers(record.id, "action")
    return {
        "theme": base.get(record.theme),
        "findings": records_of(base, record.findings),
        "actions": [(action, records_of(base, action.findings), grouped_backlinks(base, action.id)) for action in actions],
    }


def _term(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {
        "related": records_of(base, record.related),
        "uses": group_records(base.term_uses.get(record.id, [])),
        "diagrams": base.referrers(record.id, "diagram"),
    }


def _principle_set(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    principles = base.referrers(record.id, "principle")
    grouped: list[tuple[str | None, list[Any]]] = []
    for principle in principles:
        if not grouped or grouped[-1][0] != principle.group:
            grouped.append((principle.group, []))
        grouped[-1][1].append((principle, [(base.get(link.finding), link.reason) for link in principle.findings]))
    return {"principle_groups": grouped}


def _source(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {"drawn_from": group_records([r for r in base.drawn_from.get(record.id, [])])}


ENTITY_CONTEXT: dict[str, Callable[[KnowledgeBase, Any], dict[str, Any]]] = {
    "finding": _finding,
    "theme": _theme,
    "case-study": _case_study,
    "approach": _approach,
    "action-area": _action_area,
    "term": _term,
    "principle-set": _principle_set,
    "source": _source,
}
