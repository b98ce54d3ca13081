"""Every page the knowledge base generates, and the view that plans each kind of page."""
from __future__ import annotations

from eckb.link.labels import label
from eckb.link.links import KnowledgeBase
from eckb.link.urls import OWN_PAGE_FOLDERS, address
from eckb.load.release import Release
from eckb.views.cite import Citation
from eckb.views.downloads import downloads_page
from eckb.views.evidence import evidence_pages
from eckb.views.facets import case_study_facets, facet_pages, facet_values, facets_of_case_studies
from eckb.views.guide_pages import change_log_page, how_to_cite_page, print_page
from eckb.views.indexes import index_page_plan
from eckb.views.plan import PagePlan
from eckb.views.pack import pack_item, parts_of
from eckb.views.records import record_page
from eckb.views.search_rank import rank_for_search
from eckb.views.sections import section_pages


def plan_pages(base: KnowledgeBase, citations: dict[str, Citation], release: Release, site_url: str,
               directory_urls: bool = True) -> list[PagePlan]:
    """Every page; `directory_urls` is the site's URL style, for the few links in raw HTML."""
    plans: list[PagePlan] = []
    facets = facet_values(base)  # once: every case study page links to the facet pages it is on
    facets_by_case_study = facets_of_case_studies(facets)
    for kind_name in OWN_PAGE_FOLDERS:
        for record in base.of_kind(kind_name):
            plan = record_page(base, kind_name, record, citations[record.id])
            plan.context["pack_items"] = {part.id: pack_item(part, citations[part.id]) for part in parts_of(base, record)}
            if kind_name == "case-study":
                plan.context.update(case_study_facets(facets_by_case_study[record.id], record))
            plans.append(plan)
        plans.append(index_page_plan(base, kind_name))
    plans.extend(section_pages(base))
    plans.append(downloads_page(base))
    plans.extend(evidence_pages(base, directory_urls) + facet_pages(base, facets))
    plans.extend(_tombstones(base, plans))
    plans.extend([change_log_page(base, release), how_to_cite_page(base, site_url, citations), print_page(base)])
    rank_for_search(plans)
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
