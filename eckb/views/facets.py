"""Facets: case studies browsed by organisation type, area and research theme (/browse/...).

Each facet value has a page listing its case studies with a one-line summary, and one overview
page (/browse/) lists every facet, including the care-area and approach pages that already exist.

Facet page addresses come from stable values, never from titles:

- organisation type: the `organisation_type` literal of the schema (HSCP, ADP, Partnership);
- area: the case study's `area` string, slugified. Area values are a stable vocabulary (council
  areas as the report names them, e.g. "Perth and Kinross"); rewording one moves its page, so
  treat a change as a move (add it to data/moved-pages.yaml);
- research theme: the theme's ID key (theme-3 -> 3), as its own page /themes/3/.
"""
from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from eckb.load.kinds import kind_of_id
from eckb.link.labels import label
from eckb.link.links import KnowledgeBase
from eckb.load.models import CaseStudy, Record
from eckb.link.urls import BROWSE_PAGE, EVIDENCE_MAP_PAGE, Address, address, facet_page, index_page, page_url
from eckb.views.plan import PagePlan

# Every organisation_type literal: its slug, the heading of its page and its glossary term.
ORGANISATION_TYPES: dict[str, tuple[str, str, str | None]] = {
    "HSCP": ("hscp", "Health and Social Care Partnerships (HSCPs)", "term-hscp"),
    "ADP": ("adp", "Alcohol and Drug Partnerships (ADPs)", "term-adp"),
    "Partnership": ("partnership", "Other partnerships", None),
}
assert set(ORGANISATION_TYPES) == set(typing.get_args(CaseStudy.model_fields["organisation_type"].annotation)), \
    "every organisation type needs a slug and a heading"


@dataclass(frozen=True)
class FacetLink:
    """A link to a page that is not a record's: its text and its Markdown link target."""

    text: str
    target: Markup
    """Relative to the page that shows the link, to a .md file, so MkDocs checks it."""


@dataclass(frozen=True)
class Entry:
    case_study: Record
    summary: str
    """The first sentence of the case study's summary."""
    findings: list[Record] = field(default_factory=list)
    """For a research theme: the theme's findings this case study evidences."""


@dataclass(frozen=True)
class FacetValue:
    facet: str
    """'type', 'area' or 'theme': the folder under browse/."""
    slug: str
    name: str
    """How the value is named on pages: 'Health and Social Care Partnerships (HSCPs)', 'Falkirk'."""
    title: str
    entries: list[Entry]
    record: Record | None = None
    """The record the value stands for, where there is one (the theme, the glossary term)."""

    @property
    def page(self) -> str:
        return facet_page(self.facet, self.slug)

    def link_from(self, page: str, text: str | None = None) -> FacetLink:
        return FacetLink(text or self.name, Markup(Address(self.page).link_from(page)))


@dataclass(frozen=True)
class Facet:
    anchor: str
    heading: str
    intro: str
    values: list[tuple[FacetLink, int]]
    """Each value's link (from the overview page) and how many case studies it has."""
    index: FacetLink | None = None
    """A page listing every value of the facet, where there is one."""


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    if not slug:
        raise ValueError(f"{text!r} gives an empty address")
    return slug


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])", text)
    return text[: match.start()] if match else text


def _entry(case_study: Any, findings: list[Record] | None = None) -> Entry:
    return Entry(case_study, first_sentence(case_study.summary), findings or [])


# ---------------------------------------------------------------- the facets


def organisation_types(base: KnowledgeBase) -> list[FacetValue]:
    """Organisation types in the schema's order; only types some case study has."""
    values = []
    for literal, (slug, name, term_id) in ORGANISATION_TYPES.items():
        members = [cs for cs in base.of_kind("case-study") if cs.organisation_type == literal]  # type: ignore[attr-defined]
        if members:
            term = base.get(term_id) if term_id and term_id in base.located and not base.get(term_id).withdrawn else None
            values.append(FacetValue("type", slug, name, f"Case studies: {name}", [_entry(cs) for cs in members], term))
    return values


def areas(base: KnowledgeBase) -> list[FacetValue]:
    """Areas in alphabetical order, each with its case studies in the report's order."""
    by_area: dict[str, list[Any]] = {}
    for case_study in base.of_kind("case-study"):
        by_area.setdefault(case_study.area, []).append(case_study)  # type: ignore[attr-defined]
    values, slugs = [], {}
    for area in sorted(by_area, key=str.casefold):
        slug = slugify(area)
        if slug in slugs:
            raise ValueError(f"areas {slugs[slug]!r} and {area!r} would share the address /{page_url(facet_page('area', slug))}")
        slugs[slug] = area
        values.append(FacetValue("area", slug, area, f"Case studies in {area}", [_entry(cs) for cs in by_area[area]]))
    return values


def research_themes(base: KnowledgeBase) -> list[FacetValue]:
    """Every theme, with the case studies whose evidence links include any of its findings."""
    values = []
    for theme in base.of_kind("theme"):
        findings = base.referrers(theme.id, "finding")
        entries = []
        for case_study in base.of_kind("case-study"):
            linked = {link.finding for link in case_study.findings}  # type: ignore[attr-defined]
            evidenced = [finding for finding in findings if finding.id in linked]
            if evidenced:
                entries.append(_entry(case_study, evidenced))
        slug = kind_of_id(theme.id).key(theme.id)  # type: ignore[union-attr]
        values.append(FacetValue("theme", slug, label(theme), f"Case studies evidencing {label(theme)}", entries, theme))
    return values


def facet_values(base: KnowledgeBase) -> list[FacetValue]:
    return organisation_types(base) + areas(base) + research_themes(base)


def facets_of_case_studies(values: list[FacetValue]) -> dict[str, list[FacetValue]]:
    """The facet values each case study appears under, by case study ID: computed once, not per page."""
    index: dict[str, list[FacetValue]] = {}
    for value in values:
        for entry in value.entries:
            index.setdefault(entry.case_study.id, []).append(value)
    return index


def case_study_facets(mine: list[FacetValue], record: Any) -> dict[str, Any]:
    """For a case study's page: links to the facet pages it appears on (type, area, themes)."""
    page = address(record).page
    by_facet = {facet: [value for value in mine if value.facet == facet] for facet in ("type", "area", "theme")}
    return {
        "type_link": by_facet["type"][0].link_from(page, record.organisation_type),
        "area_link": by_facet["area"][0].link_from(page),
        "theme_links": [value.link_from(page) for value in by_facet["theme"]],
    }


# ---------------------------------------------------------------- pages


def facet_pages(base: KnowledgeBase, values: list[FacetValue]) -> list[PagePlan]:
    case_study_files = sorted({base.located[cs.id].file for cs in base.of_kind("case-study")})
    plans = []
    for value in values:
        files = case_study_files + ([base.located[value.record.id].file] if value.record is not None else [])
        count = len(value.entries)
        context = {
            "value": value,
            "count": f"{count} case stud{'y' if count == 1 else 'ies'}",
            "overview": FacetLink("All facets", Markup(Address(BROWSE_PAGE).link_from(value.page))),
            "siblings": [other.link_from(value.page) for other in values if other.facet == value.facet and other is not value],
            "evidence_map": FacetLink("Evidence map", Markup(Address(EVIDENCE_MAP_PAGE).link_from(value.page))),
        }
        description = f"{context['count']}: {value.name}."
        plans.append(PagePlan(value.page, "facet-value.md.j2", value.title, description, sorted(set(files)), context))
    plans.append(_overview(base, values, case_study_files))
    return plans


FACET_HEADINGS = {
    "type": ("type", "By organisation type", "Health and Social Care Partnerships, Alcohol and Drug Partnerships and other partnerships."),
    "area": ("area", "By area", "The council area each case study comes from."),
    "theme": ("theme", "By research theme", "Case studies whose evidence links include a finding of the theme."),
}


def _overview(base: KnowledgeBase, values: list[FacetValue], files: list[str]) -> PagePlan:
    facets = []
    for facet, (anchor, heading, intro) in FACET_HEADINGS.items():
        members = [(value.link_from(BROWSE_PAGE), len(value.entries)) for value in values if value.facet == facet]
        facets.append(Facet(anchor, heading, intro, members))
    for kind_name, field_name, anchor, heading, intro in (
        ("care-area", "care_areas", "care-area", "By care area", "The kind of care or support commissioned."),
        ("approach", "approaches", "approach", "By approach or lever", "What the case studies did, or used, to change commissioning."),
    ):
        members = [
            (FacetLink(label(record), Markup(address(record).link_from(BROWSE_PAGE))), len(base.referrers(record.id, "case-study", field_name)))
            for record in base.of_kind(kind_name)
        ]
        index = FacetLink(f"Case studies {heading[0].lower()}{heading[1:]}, on one page", Markup(Address(index_page(kind_name)).link_from(BROWSE_PAGE)))
        facets.append(Facet(anchor, heading, intro, members, index))
    context = {
        "facets": facets,
        "case_studies": FacetLink("All case studies", Markup(Address(index_page("case-study")).link_from(BROWSE_PAGE))),
        "evidence_map": FacetLink("Evidence map", Markup(Address(EVIDENCE_MAP_PAGE).link_from(BROWSE_PAGE))),
    }
    return PagePlan(BROWSE_PAGE, "facet-index.md.j2", "Browse case studies",
                    "Case studies by organisation type, area, research theme, care area and approach.", files, context)
