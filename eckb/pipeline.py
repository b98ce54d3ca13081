"""The whole pipeline, in the order the data flows: load -> validate -> link -> views -> render -> write.

`build_engine_trees` assembles what every engine reads, on disk (the command line and the MkDocs
hook both run it); `build_pages` writes only the generated files into a folder. Either way nothing
is made until the data is known to be good.
"""
from __future__ import annotations

import html
from pathlib import Path

from eckb.link.links import KnowledgeBase, link_records
from eckb.link.moved_pages import check_moved_pages
from eckb.link.urls import (DEFAULT_SITE_URL, KNOWLEDGE_BASE_EXPORT, citation_file, exclusive_folders, export_file,
                            export_schema_file, generated_folders)
from eckb.load.kinds import KIND_BY_NAME, KINDS
from eckb.load.load import load_records
from eckb.load.moved_pages import read_moved_pages
from eckb.load.release import Release, check_change_log, read_release
from eckb.load.validate import validate_records
from eckb.render.render import page_renderer
from eckb.views.cite import Citation, cite
from eckb.views.registry import plan_pages
from eckb.views.redirects import moved_page_redirects, shortlink_redirects
from eckb.write.export import KindExport, address_exports, kind_export, knowledge_base_json
from eckb.write.schemas import export_schema
from eckb.write.write import WriteResult, check_hand_written, hand_written_files, is_generated, write_files, write_tree


# ---------------------------------------------------------------- load, validate, link


def read_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """Load and check everything in data/; raises DataError listing every problem."""
    return link_records(validate_records(load_records(data_dir)))


def read_all(data_dir: Path, docs_dir: Path | None = None) -> tuple[Release, KnowledgeBase]:
    """The release and the records, each checked; the change log and the moved pages checked against
    the records (and, for moved pages, the hand-written pages in docs_dir, by default data/../docs)."""
    release = read_release(data_dir)
    base = read_knowledge_base(data_dir)
    check_change_log(release, set(base.located), data_dir)
    base.moved_pages = read_moved_pages(data_dir)
    check_moved_pages(base.moved_pages, base, hand_written_pages(docs_dir or data_dir.parent / "docs"))
    return release, base


def hand_written_pages(docs_dir: Path) -> set[str]:
    """The Markdown pages people wrote in docs/ (not any an old generator run left there)."""
    if not docs_dir.is_dir():
        return set()
    return {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md") if not is_generated(path)}


# ---------------------------------------------------------------- views and render


def render_all(base: KnowledgeBase, templates_dir: Path, release_info: Release, site_url: str = DEFAULT_SITE_URL,
               directory_urls: bool = True) -> dict[str, str]:
    """Every output file's text (path under docs/ -> text), all computed before anything is written."""
    release = release_info.as_dict()
    citations = {record.id: cite(base, record, site_url, release) for kind in base.by_kind for record in base.of_kind(kind)}
    render_page = page_renderer(base, templates_dir, release)
    files = {plan.path: render_page(plan) for plan in plan_pages(base, citations, release_info, site_url, directory_urls)}
    kind_exports = [kind_export(base, kind.name, release) for kind in KINDS]
    files.update(export_files(kind_exports, address_exports(base), release))
    files.update(citation_files(citations))
    files.update(shortlink_redirects(base, directory_urls))
    files.update(moved_page_redirects(base, directory_urls))
    return files


def export_files(kind_exports: list[KindExport], address_files: dict[str, str], release: dict[str, str]) -> dict[str, str]:
    """The machine-readable exports: the whole knowledge base, and each kind as JSON, CSV and schema."""
    files = {KNOWLEDGE_BASE_EXPORT: knowledge_base_json([line for export in kind_exports for line in export.lines], release)}
    files.update(address_files)
    for export in kind_exports:
        kind = KIND_BY_NAME[export.kind_name]
        files[export_file(kind.data, "json")] = export.json
        files[export_file(kind.data, "csv")] = export.csv
        files[export_schema_file(kind.name)] = export_schema(kind.name)
    return files


def citation_files(citations: dict[str, Citation]) -> dict[str, str]:
    """Each record's citation to download, as BibTeX and as RIS."""
    files = {}
    for record_id, citation in citations.items():
        files[citation_file(record_id, "bib")] = citation.bibtex
        files[citation_file(record_id, "ris")] = citation.ris
    return files


# ---------------------------------------------------------------- write, or hand over


def build_pages(data_dir: Path, out_dir: Path, templates_dir: Path, site_url: str = DEFAULT_SITE_URL,
                directory_urls: bool = True) -> tuple[KnowledgeBase, WriteResult]:
    """Check the data, then write every file into out_dir (what `build_pages.py` writes, for reading
    or for another site builder); on bad data raise DataError having written nothing."""
    release, base = read_all(data_dir)
    files = render_all(base, templates_dir, release, site_url, directory_urls)
    return base, write_files(files, out_dir, generated_folders(), exclusive_folders())


def generated_files(data_dir: Path, docs_dir: Path, templates_dir: Path, site_url: str = DEFAULT_SITE_URL,
                    directory_urls: bool = True) -> tuple[KnowledgeBase, dict[str, str]]:
    """Check the data, then every generated file's text (pages, exports, citations, /go/ redirects),
    written nowhere (for tests: builds use `build_engine_trees`). A hand-written
    page in the way is refused."""
    release, base = read_all(data_dir, docs_dir)
    files = render_all(base, templates_dir, release, site_url, directory_urls)
    check_hand_written(files, docs_dir)
    return base, files


RELEASE_PARTIAL = "partials/kb-release.html"
"""The theme partial naming the content release, which overrides/partials/copyright.html includes in every footer."""


def build_engine_trees(data_dir: Path, docs_dir: Path, overrides_dir: Path, docs_tree: Path, theme_tree: Path,
                       templates_dir: Path, site_url: str = DEFAULT_SITE_URL,
                       directory_urls: bool = True) -> tuple[KnowledgeBase, WriteResult]:
    """Check the data, then assemble what every engine reads, on disk: `docs_tree` = the hand-written
    docs/ + every generated page and file, `theme_tree` = the hand-written overrides/ + the release
    partial. Only changed files are written and files no longer made are removed; on bad data, or a
    hand-written page at a generated address, DataError is raised with nothing written."""
    release, base = read_all(data_dir, docs_dir)
    generated = render_all(base, templates_dir, release, site_url, directory_urls)
    theme = {RELEASE_PARTIAL: release_partial(release)}
    docs = {**hand_written_files(docs_dir, generated, exclusive_folders()), **generated}
    theme = {**hand_written_files(overrides_dir, theme), **theme}
    written = write_tree(docs, docs_tree)
    themed = write_tree(theme, theme_tree)
    for kind in ("written", "unchanged", "removed"):
        getattr(written, kind).extend(f"{theme_tree.name}/{path}" for path in getattr(themed, kind))
    return base, written


def release_partial(release: Release) -> str:
    """`Release 2024.1`, escaped for HTML and for the engine's Jinja (a brace cannot open a tag)."""
    text = html.escape(f"Release {release.version}").replace("{", "&#123;").replace("}", "&#125;")
    return f"{{#- Generated by scripts/build_pages.py from data/release.yaml -#}}\n{text}"
