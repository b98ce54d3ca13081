"""The whole pipeline: load -> validate -> link, then render -> write (the MkDocs hook hands over instead of writing)."""
from __future__ import annotations

from pathlib import Path

from .build import DEFAULT_SITE_URL, generate, render_all
from .links import KnowledgeBase, link_records
from .load import load_records
from .release import Release, check_change_log, read_release
from .validate import validate_records
from .write import WriteResult, check_hand_written


def read_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """Load and check everything in data/; raises DataError listing every problem."""
    return link_records(validate_records(load_records(data_dir)))


def build_pages(data_dir: Path, out_dir: Path, templates_dir: Path, site_url: str = DEFAULT_SITE_URL,
                directory_urls: bool = True) -> tuple[KnowledgeBase, WriteResult]:
    """Check the data, then write the pages; on bad data raise DataError having written nothing."""
    release, base = read_all(data_dir)
    return base, generate(base, out_dir, templates_dir, release, site_url, directory_urls)


def build_for_mkdocs(data_dir: Path, docs_dir: Path, templates_dir: Path, site_url: str = DEFAULT_SITE_URL,
                     directory_urls: bool = True) -> tuple[KnowledgeBase, dict[str, str]]:
    """Check the data, then every generated file's text (pages, exports, citations, /go/ redirects)
    for the MkDocs hook to hand over in memory: nothing is written, so docs/ keeps only what people
    wrote, and a build can never trigger another. A hand-written page in the way is refused."""
    release, base = read_all(data_dir)
    files = render_all(base, templates_dir, release, site_url, directory_urls)
    check_hand_written(files, docs_dir)
    return base, files


def read_all(data_dir: Path) -> tuple[Release, KnowledgeBase]:
    """The release and the records, each checked, and the change log checked against the records."""
    release = read_release(data_dir)
    base = read_knowledge_base(data_dir)
    check_change_log(release, set(base.located), data_dir)
    return release, base

