"""Render and write: the last two steps, run only after the data is known to be good."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from .cite import Citation, cite
from .export import KindExport, address_exports, kind_export, knowledge_base_json
from .kinds import KIND_BY_NAME, KINDS
from .links import KnowledgeBase
from .guide_pages import CHANGE_LOG_PAGE, HOW_TO_CITE_PAGE, PRINT_PAGE, change_log_page, how_to_cite_page, print_page
from .pages import CITE_FOLDER, DOWNLOADS_PAGE, PagePlan, plan_pages
from .release import Release
from .render import page_renderer
from .schemas import export_schema
from .search_rank import rank_for_search
from .shortlinks import SHORTLINK_FOLDER, redirect_pages
from .urls import OWN_PAGE_FOLDERS, SECTION_PAGES
from .workers import SharedMap, shared_map
from .write import WriteResult, write_files

EXPORT_FOLDER = "data"
"""docs/data/: the machine-readable exports, published at site/data/."""
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def generated_folders() -> set[str]:
    """docs/ folders holding generated pages; a hand-written page there is left alone."""
    section_folders = {page.split("/")[0] for page in SECTION_PAGES.values()}
    return set(OWN_PAGE_FOLDERS.values()) | section_folders | {page.split("/")[0] for page in (DOWNLOADS_PAGE, CHANGE_LOG_PAGE, HOW_TO_CITE_PAGE, PRINT_PAGE)} | {"evidence-map", "browse"}


def exclusive_folders() -> set[str]:
    """docs/ folders holding only generated files."""
    return {EXPORT_FOLDER, CITE_FOLDER, SHORTLINK_FOLDER}


def render_all(base: KnowledgeBase, templates_dir: Path, release_info: Release, site_url: str = DEFAULT_SITE_URL,
               directory_urls: bool = True) -> dict[str, str]:
    """Every output file's text, all computed before anything is written."""
    release = release_info.as_dict()
    # The exports and /go/ pages need no page plans: other processes start on them while this one plans.
    by_kind = [partial(kind_export, base, kind.name, release) for kind in KINDS]
    unplanned = SharedMap(lambda make: make(), [*by_kind, partial(address_exports, base), partial(redirect_pages, base, directory_urls)],
                          "exports made")
    citations = {record.id: cite(base, record, site_url, release) for kind in base.by_kind for record in base.of_kind(kind)}
    plans = plan_pages(base, citations, directory_urls) + [change_log_page(base, release_info), how_to_cite_page(base, site_url), print_page(base)]
    rank_for_search(plans)
    render_page = page_renderer(base, templates_dir, release)
    *kind_exports, address_files, redirects = unplanned.results()
    makers: list[Callable[[], dict[str, str]]] = [partial(_page, render_page, plan) for plan in plans]
    *pages, citation_downloads = shared_map(lambda make: make(), [*makers, partial(citation_files, citations)], "pages made")
    files: dict[str, str] = {}
    for made in [*pages, export_files(kind_exports, address_files, release), citation_downloads, redirects]:
        files.update(made)
    return files


def _page(render_page: Callable[[PagePlan], str], plan: PagePlan) -> dict[str, str]:
    return {plan.path: render_page(plan)}


def export_files(kind_exports: list[KindExport], address_files: dict[str, str], release: dict[str, str]) -> dict[str, str]:
    """The machine-readable exports: the whole knowledge base, and each kind as JSON, CSV and schema."""
    files = {f"{EXPORT_FOLDER}/knowledge-base.json": knowledge_base_json([line for export in kind_exports for line in export.lines], release)}
    files.update({f"{EXPORT_FOLDER}/{name}": text for name, text in address_files.items()})
    for export in kind_exports:
        kind = KIND_BY_NAME[export.kind_name]
        files[f"{EXPORT_FOLDER}/{kind.data}.json"] = export.json
        files[f"{EXPORT_FOLDER}/{kind.data}.csv"] = export.csv
        files[f"{EXPORT_FOLDER}/schema/{kind.name}.schema.json"] = export_schema(kind.name)
    return files


def citation_files(citations: dict[str, Citation]) -> dict[str, str]:
    """Each record's citation to download, as BibTeX and as RIS."""
    files = {}
    for record_id, citation in citations.items():
        files[f"{CITE_FOLDER}/{record_id}.bib"] = citation.bibtex
        files[f"{CITE_FOLDER}/{record_id}.ris"] = citation.ris
    return files


def generate(base: KnowledgeBase, out_dir: Path, templates_dir: Path, release: Release, site_url: str = DEFAULT_SITE_URL,
             directory_urls: bool = True) -> WriteResult:
    """Every file into out_dir: what `build_pages.py` writes, for reading or for another site builder."""
    files = render_all(base, templates_dir, release, site_url, directory_urls)
    return write_files(files, out_dir, generated_folders(), exclusive_folders())
