"""The listing page of each kind with pages of its own: /findings/, /glossary/, /case-studies/ ..."""
from __future__ import annotations

from typing import Any

from eckb.link.links import KnowledgeBase
from eckb.link.urls import BROWSE_PAGE, EVIDENCE_MAP_PAGE, SECTION_PAGES, index_page, link_between
from eckb.load.models import Record
from eckb.views.facets import first_sentence
from eckb.views.plan import PagePlan, records_of
from eckb.views.records import theme_case_studies

SEE_ALSO = {
    "case-study": {"browse": BROWSE_PAGE, "care_areas": index_page("care-area"), "approaches": index_page("approach"),
                   "evidence_map": EVIDENCE_MAP_PAGE},
    "principle-set": {"recommendations": SECTION_PAGES["recommendation"], "checklist": SECTION_PAGES["score-level"]},
}
"""Pages an index page points readers on to, by name in its template."""

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


def index_page_plan(base: KnowledgeBase, kind_name: str) -> PagePlan:
    records = base.of_kind(kind_name)
    context: dict[str, Any] = {"records": records}
    if kind_name == "theme" or kind_name == "finding":
        context["themes"] = [(theme, base.referrers(theme.id, "finding")) for theme in base.of_kind("theme")]
        context["theme_case_studies"] = {theme.id: theme_case_studies(base, findings) for theme, findings in context["themes"]}
    if kind_name in ("care-area", "approach"):
        field_name = "care_areas" if kind_name == "care-area" else "approaches"
        context["facets"] = [(facet, base.referrers(facet.id, "case-study", field_name)) for facet in records]
    if kind_name == "case-study":
        context["rows"] = [(cs, records_of(base, cs.care_areas), [base.get(link.finding) for link in cs.findings]) for cs in records]
    if kind_name == "term":
        context["letters"] = _by_letter(records)
    if kind_name == "action-area":
        context["areas"] = [(area, base.referrers(area.id, "action")) for area in records]
    context["see_also"] = {name: link_between(index_page(kind_name), page) for name, page in SEE_ALSO.get(kind_name, {}).items()}
    files = sorted({base.located[record.id].file for record in records})
    return PagePlan(index_page(kind_name), f"{kind_name}-index.md.j2", INDEX_TITLES[kind_name], INDEX_TITLES[kind_name], files, context)


def _by_letter(terms: list[Record]) -> list[tuple[str, list[tuple[Record, str]]]]:
    """Terms under their initial letter, each with its definition's first sentence."""
    letters: dict[str, list[tuple[Record, str]]] = {}
    for term in sorted(terms, key=lambda t: t.title.casefold()):
        letters.setdefault(term.title[0].upper(), []).append((term, _first_sentence(term)))
    return list(letters.items())


def _first_sentence(term: Any) -> str:
    """The definition's whole first sentence, however long: the index never cuts one off mid-way."""
    return first_sentence(term.gloss or (term.quote.text if term.quote else ""))