"""Pages about the knowledge base itself, generated so they never drift from the data and code:
the change log and "How to cite and link" (its example citation and addresses)."""
from __future__ import annotations

from typing import Any

from eckb.load.kinds import KINDS
from eckb.link.labels import PLURAL
from eckb.link.links import KnowledgeBase
from eckb.views.plan import PagePlan
from eckb.load.release import Release
from eckb.link.urls import CHANGE_LOG_PAGE, HOW_TO_CITE_PAGE, PRINT_PAGE, address, link_between, shortlink_base


def change_log_page(base: KnowledgeBase, release: Release) -> PagePlan:
    entries = []
    for change in release.changes:
        groups = []
        for heading, ids in (("Added", change.added), ("Changed", change.changed), ("Withdrawn", change.withdrawn)):
            if ids == "all":
                groups.append((heading, None, sum(len(records) for records in base.by_kind.values())))
            elif ids:
                groups.append((heading, [base.get(record_id) for record_id in ids], len(ids)))
        entries.append((change, groups))
    return PagePlan(CHANGE_LOG_PAGE, "changelog.md.j2", "Change log: what changed in each release",
                    "What changed in each content release of the knowledge base, by record ID.",
                    ["data/release.yaml"], {"entries": entries})


def how_to_cite_page(base: KnowledgeBase, site_url: str, citations: dict[str, Any]) -> PagePlan:
    """For readers: how to cite, with a finding's citation as the example, and how to link."""
    rows = []
    citation = None
    for kind in KINDS:
        records = base.of_kind(kind.name)
        if records:
            example = base.get(kind.example) if kind.example in base.located else records[0]
            rows.append((PLURAL[kind.name], example, address(example).url))
            if kind.name == "finding" or citation is None:
                citation = citations.get(example.id)
    return PagePlan(HOW_TO_CITE_PAGE, "how-to-cite.md.j2", "How to cite, reference and link to a page",
                    "Permanent addresses for every finding, case study, action and term, and how to cite them.",
                    [], {"rows": rows, "site_url": site_url.rstrip("/") + "/", "shortlink_base": shortlink_base(site_url), "example": citation,
                         "change_log": link_between(HOW_TO_CITE_PAGE, CHANGE_LOG_PAGE)})


def print_page(base: KnowledgeBase) -> PagePlan:
    """The whole knowledge base on one page, for printing or saving as PDF. Search finds the page by its
    title and introduction; its copies of the records are kept out of the index (print.md.j2)."""
    context = {
        "themes": [(theme, base.referrers(theme.id, "finding")) for theme in base.of_kind("theme")],
        "case_studies": [
            (case_study, [(base.get(link.finding), link.reason) for link in case_study.findings])  # type: ignore[attr-defined]
            for case_study in base.of_kind("case-study")
        ],
        "areas": [(area, base.referrers(area.id, "action")) for area in base.of_kind("action-area")],
        "principle_sets": [(s, base.referrers(s.id, "principle")) for s in base.of_kind("principle-set")],
        "terms": sorted(base.of_kind("term"), key=lambda term: term.title.casefold()),
        "policies": base.of_kind("policy"),
        "sources": base.of_kind("source"),
        "urls": {record.id: address(record).url for kind in base.by_kind for record in base.of_kind(kind)},
    }
    return PagePlan(PRINT_PAGE, "print.md.j2", "The whole knowledge base on one page",
                    "Every record of the knowledge base on one printable page, with IDs.", [], context)
