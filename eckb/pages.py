"""Which pages exist and what each shows: the view model handed to the templates.

Templates only loop and print; every choice of what goes on a page is made here.
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .cite import Citation
from .evidence import evidence_pages
from .facets import case_study_facets, facet_pages, facet_values, facets_of_case_studies
from .kinds import KINDS, kind_of_id
from .labels import PLURAL, label
from .links import Backlink, KnowledgeBase
from .models import Record, field_of
from .urls import OWN_PAGE_FOLDERS, SECTION_PAGES, address, index_page, relative_path


def _case_study_tags(base: KnowledgeBase, record: Any) -> list[str]:
    """A case study's organisation type and care areas, as tags: the tags index groups them.

    Types are spelled out: search ranks tags above text, and a tag "HSCP" would put every HSCP
    case study above the glossary's definition of the acronym."""
    from .facets import ORGANISATION_TYPES

    spelled_out = ORGANISATION_TYPES[record.organisation_type][1].split(" (")[0]
    return [spelled_out, *(base.get(area).title for area in record.care_areas)]


PAGE_TAGS: dict[str, Callable[[KnowledgeBase, Any], list[str]]] = {"case-study": _case_study_tags}

CITE_FOLDER = "cite"
"""docs/cite/: a BibTeX and a RIS file per record."""


@dataclass
class PagePlan:
    path: str
    """Where the page goes under docs/, e.g. 'findings/3-4.md'."""
    template: str
    title: str
    description: str
    data_files: list[str]
    context: dict[str, Any] = field(default_factory=dict)
    tombstones: list[Record] = field(default_factory=list)
    """Withdrawn records that had a section on this page: their anchors must keep resolving."""
    in_search: bool = True
    tags: list[str] = field(default_factory=list)
    """Material tags shown on the page and gathered on the tags index (/tags/)."""
    search_boost: float | None = None
    """Material's search ranks a boosted page higher; set for every page by search_rank.rank_for_search."""
    hide: list[str] = field(default_factory=list)
    """Parts of Material's layout the page goes without (front matter `hide`), e.g. "toc"."""


@dataclass(frozen=True)
class BacklinkGroup:
    heading: str
    links: list[Backlink]


def plan_pages(base: KnowledgeBase, citations: dict[str, Citation], directory_urls: bool = True) -> list[PagePlan]:
    """Every page; `directory_urls` is the site's URL style, for the few links in raw HTML."""
    plans: list[PagePlan] = []
    facets = facet_values(base)  # once: every case study page links to the facet pages it is on
    facets_by_case_study = facets_of_case_studies(facets)
    for kind_name in OWN_PAGE_FOLDERS:
        for record in base.of_kind(kind_name):
            plan = _entity_page(base, kind_name, record, citations[record.id])
            if kind_name == "case-study":
                plan.context.update(case_study_facets(facets_by_case_study[record.id], record))
            plans.append(plan)
        plans.append(_index_page(base, kind_name))
    plans.extend(_section_pages(base))
    plans.append(_downloads_page(base))
    plans.extend(evidence_pages(base, directory_urls) + facet_pages(base, facets))
    plans.extend(_tombstones(base, plans))
    return plans


def _tombstones(base: KnowledgeBase, plans: list[PagePlan]) -> list[PagePlan]:
    """A withdrawn record keeps its address: its own page, or its section on its old page."""
    by_path = {plan.path: plan for plan in plans}
    pages = []
    for record in base.withdrawn:
        where = address(record)
        replacement = base.get(record.withdrawn.replaced_by) if record.withdrawn.replaced_by else None  # type: ignore[union-attr]
        if where.anchor is None:
            context = {"record": record, "heading": label(record), "replacement": replacement}
            pages.append(PagePlan(where.page, "tombstone.md.j2", f"Withdrawn: {label(record)}", record.withdrawn.reason,  # type: ignore[union-attr]
                                  [base.located[record.id].file], context, in_search=False))
        elif where.page in by_path:
            by_path[where.page].tombstones.append(record)
            by_path[where.page].data_files.append(base.located[record.id].file)
    return pages


# ---------------------------------------------------------------- entity pages


def _entity_page(base: KnowledgeBase, kind_name: str, record: Record, citation: Citation) -> PagePlan:
    context = {
        "record": record,
        "citation": citation,
        "cite_files": {
            suffix: relative_path(f"{CITE_FOLDER}/{record.id}.{suffix}", posixpath.dirname(address(record).page))
            for suffix in ("bib", "ris")
        },
        "heading": label(record),
        "referenced_by": _grouped_backlinks(base, record.id),
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


def _grouped_backlinks(base: KnowledgeBase, record_id: str) -> list[BacklinkGroup]:
    """Backlinks grouped by the linking record's kind, kinds in their usual order."""
    return [BacklinkGroup(heading, links) for heading, links in _by_kind(base.referenced_by.get(record_id, []), lambda link: link.source)]


def _records(base: KnowledgeBase, ids: list[str]) -> list[Record]:
    return [base.get(record_id) for record_id in ids]


def _finding(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {"theme": base.get(record.theme), "terms": _records(base, record.terms)}


def _theme(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {"findings": base.referrers(record.id, "finding")}


def _case_study(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {
        "care_areas": _records(base, record.care_areas),
        "approaches": _records(base, record.approaches),
        "research_strand": base.get(record.research_strand),
        "evidence": [(base.get(link.finding), link.reason) for link in record.findings],
    }


def _approach(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {"terms": _records(base, record.terms)}


def _action_area(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    actions = base.referrers(record.id, "action")
    return {
        "theme": base.get(record.theme),
        "findings": _records(base, record.findings),
        "actions": [(action, _records(base, action.findings), _grouped_backlinks(base, action.id)) for action in actions],
    }


def _term(base: KnowledgeBase, record: Any) -> dict[str, Any]:
    return {
        "related": _records(base, record.related),
        "uses": _group_records(base.term_uses.get(record.id, [])),
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
    return {"drawn_from": _group_records([r for r in base.drawn_from.get(record.id, [])])}


def _group_records(records: list[Record]) -> list[tuple[str, list[Record]]]:
    """Records grouped under their kind's plural name, kinds in the knowledge base's order."""
    return _by_kind(records, lambda record: record)


def _by_kind(items: list[Any], record_of: Callable[[Any], Record]) -> list[tuple[str, list[Any]]]:
    """Items grouped under the plural name of their record's kind, kinds in the knowledge base's order: one pass."""
    by_kind: dict[str, list[Any]] = {}
    for item in items:
        by_kind.setdefault(kind_of_id(record_of(item).id).name, []).append(item)  # type: ignore[union-attr]
    return [(PLURAL[kind.name], by_kind[kind.name]) for kind in KINDS if kind.name in by_kind]


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


# ---------------------------------------------------------------- index pages


INDEX_TITLES = {
    "source": "Sources",
    "theme": "Research themes",
    "finding": "Research findings",
    "case-study": "Case studies",
    "care-area": "Case studies by care area",
    "approach": "Case studies by approach or lever",
    "action-area": "HIS areas for action",
    "term": "Glossary",
    "principle-set": "Principles",
}


def _index_page(base: KnowledgeBase, kind_name: str) -> PagePlan:
    records = base.of_kind(kind_name)
    context: dict[str, Any] = {"records": records}
    if kind_name == "theme" or kind_name == "finding":
        context["themes"] = [(theme, base.referrers(theme.id, "finding")) for theme in base.of_kind("theme")]
    if kind_name in ("care-area", "approach"):
        field_name = "care_areas" if kind_name == "care-area" else "approaches"
        context["facets"] = [(facet, base.referrers(facet.id, "case-study", field_name)) for facet in records]
    if kind_name == "case-study":
        context["rows"] = [(cs, _records(base, cs.care_areas), [base.get(link.finding) for link in cs.findings]) for cs in records]
    if kind_name == "term":
        context["letters"] = _by_letter(records)
    if kind_name == "action-area":
        context["areas"] = [(area, base.referrers(area.id, "action")) for area in records]
    files = sorted({base.located[record.id].file for record in records})
    return PagePlan(index_page(kind_name), f"{kind_name}-index.md.j2", INDEX_TITLES[kind_name], INDEX_TITLES[kind_name], files, context)


def _by_letter(terms: list[Record]) -> list[tuple[str, list[tuple[Record, str]]]]:
    """Terms under their initial letter, each with its definition's first sentence."""
    letters: dict[str, list[tuple[Record, str]]] = {}
    for term in sorted(terms, key=lambda t: t.title.casefold()):
        letters.setdefault(term.title[0].upper(), []).append((term, _first_sentence(term)))
    return list(letters.items())


def _first_sentence(term: Any) -> str:
    text = " ".join((term.gloss or (term.quote.text if term.quote else "")).split())
    end = text.find(". ")
    return text[: end + 1] if 0 < end < 200 else (text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…")


# ---------------------------------------------------------------- section pages


SECTION_PAGE_TITLES = {
    "policy-context/index.md": "Policy context",
    "recommendations/index.md": "Feeley Review recommendations 33 and 34",
    "ccps-headlines/index.md": "CCPS headlines: why commissioning must change",
    "alternatives/index.md": "Alternatives to competitive tendering",
    "market-facilitation/index.md": "Market facilitation",
    "checklist/index.md": "Collaborative and ethical commissioning checklist",
    "diagrams/index.md": "Diagrams",
}

SECTION_TEMPLATES = {
    "policy-context/index.md": "policy-context.md.j2",
    "recommendations/index.md": "recommendations.md.j2",
    "ccps-headlines/index.md": "ccps-headlines.md.j2",
    "alternatives/index.md": "alternatives.md.j2",
    "market-facilitation/index.md": "market-facilitation.md.j2",
    "checklist/index.md": "checklist.md.j2",
    "diagrams/index.md": "diagrams.md.j2",
}


def _section_pages(base: KnowledgeBase) -> list[PagePlan]:
    plans = []
    for page, title in SECTION_PAGE_TITLES.items():
        kinds = [kind for kind, where in SECTION_PAGES.items() if where == page]
        records = {kind.replace("-", "_"): base.of_kind(kind) for kind in kinds}
        sections = [(record, _grouped_backlinks(base, record.id)) for kind in kinds for record in base.of_kind(kind)]
        context: dict[str, Any] = {
            "title": title,
            "backlinks": {record.id: groups for record, groups in sections},
            **records,
        }
        extra, shown_kinds = SECTION_CONTEXT.get(page, lambda _base: ({}, ()))(base)
        context.update(extra)
        files = sorted({base.located[record.id].file for record, _ in sections}
                       | {base.located[record.id].file for kind in shown_kinds for record in base.of_kind(kind)})
        plans.append(PagePlan(page, SECTION_TEMPLATES[page], title, title, files, context))
    return plans


def _alternatives(base: KnowledgeBase) -> tuple[dict[str, Any], tuple[str, ...]]:
    by_maturity = [
        (maturity, [alt for alt in base.of_kind("alternative") if alt.maturity == maturity])  # type: ignore[attr-defined]
        for maturity in ("well developed", "in development", "new")
    ]
    return {"by_maturity": by_maturity}, ()


def _checklist(base: KnowledgeBase) -> tuple[dict[str, Any], tuple[str, ...]]:
    from .checklist import checklist_context

    return {"principle_sets": base.of_kind("principle-set"), **checklist_context(base)}, ("principle-set", "principle")


def _market_facilitation(base: KnowledgeBase) -> tuple[dict[str, Any], tuple[str, ...]]:
    diagrams = base.referrers("term-market-facilitation", "diagram") if "term-market-facilitation" in base.located else []
    return {"diagrams": diagrams}, ("diagram",)


# What a shared page shows besides its own records, and which other kinds of record it draws on.
SECTION_CONTEXT: dict[str, Callable[[KnowledgeBase], tuple[dict[str, Any], tuple[str, ...]]]] = {
    "alternatives/index.md": _alternatives,
    "checklist/index.md": _checklist,
    "market-facilitation/index.md": _market_facilitation,
}


# ---------------------------------------------------------------- data and downloads

DOWNLOADS_PAGE = "downloads/index.md"


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    description: str


def _downloads_page(base: KnowledgeBase) -> PagePlan:
    kinds = [
        (kind, PLURAL[kind.name], len(base.of_kind(kind.name)), _field_docs(kind.model))
        for kind in KINDS
    ]
    return PagePlan(DOWNLOADS_PAGE, "downloads.md.j2", "Data and downloads: JSON and CSV",
                    "The whole knowledge base as JSON and CSV, one file per kind of record, with JSON Schemas.",
                    [], {"kinds": kinds, "total": sum(count for _, _, count, _ in kinds)})


def _field_docs(model: type[Record]) -> list[FieldDoc]:
    return [
        FieldDoc(info.alias or name, info.is_required(), info.description or "")
        for name, info in model.model_fields.items()
    ]
