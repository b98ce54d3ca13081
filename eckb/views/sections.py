"""Shared pages that show a kind of record as sections: policy context, recommendations, CCPS
headlines, alternatives, market facilitation, the checklist, diagrams."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eckb.link.links import KnowledgeBase
from eckb.link.urls import SECTION_PAGES
from eckb.views.checklist import checklist_context
from eckb.views.plan import PagePlan, grouped_backlinks


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


def section_pages(base: KnowledgeBase) -> list[PagePlan]:
    plans = []
    for page, title in SECTION_PAGE_TITLES.items():
        kinds = [kind for kind, where in SECTION_PAGES.items() if where == page]
        records = {kind.replace("-", "_"): base.of_kind(kind) for kind in kinds}
        sections = [(record, grouped_backlinks(base, record.id)) for kind in kinds for record in base.of_kind(kind)]
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
    return {"principle_sets": base.of_kind("principle-set"), **checklist_context(base)}, ("principle-set", "principle")


MARKET_FACILITATION_TERM = "term-market-facilitation"
"""The glossary term the market facilitation page defines itself by, and whose diagrams it shows."""


def _market_facilitation(base: KnowledgeBase) -> tuple[dict[str, Any], tuple[str, ...]]:
    definition = base.get(MARKET_FACILITATION_TERM) if MARKET_FACILITATION_TERM in base.located else None
    diagrams = base.referrers(MARKET_FACILITATION_TERM, "diagram") if definition else []
    return {"definition": definition, "diagrams": diagrams}, ("diagram",)


# What a shared page shows besides its own records, and which other kinds of record it draws on.
SECTION_CONTEXT: dict[str, Callable[[KnowledgeBase], tuple[dict[str, Any], tuple[str, ...]]]] = {
    "alternatives/index.md": _alternatives,
    "checklist/index.md": _checklist,
    "market-facilitation/index.md": _market_facilitation,
}
