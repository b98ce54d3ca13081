"""The whole pipeline: load -> validate -> link, then render -> write (the MkDocs hook hands over instead of writing)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
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
    with collector_paused():
        release, base = read_all(data_dir)
        return base, generate(base, out_dir, templates_dir, release, site_url, directory_urls)


def build_for_mkdocs(data_dir: Path, docs_dir: Path, templates_dir: Path, site_url: str = DEFAULT_SITE_URL,
                     directory_urls: bool = True) -> tuple[KnowledgeBase, dict[str, str]]:
    """Check the data, then every generated file's text (pages, exports, citations, /go/ redirects)
    for the MkDocs hook to hand over in memory: nothing is written, so docs/ keeps only what people
    wrote, and a build can never trigger another. A hand-written page in the way is refused."""
    with collector_paused():
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the generator runs; what it made is then set aside from it.

    The generator builds a large, growing set of long-lived objects (records, backlinks, pages)
    and almost no reference cycles, so the collector would rescan that growing set again and
    again for nothing: a third of the generator's time at 100x the data, growing faster than
    the data (measured with scripts/bench.py). Reference counting still frees everything else.
    Switched back on, the collector would first scan every object made meanwhile (a second at
    100x), and the site build after would scan them again; `gc.freeze` sets them aside instead.
    A later run in the same process (`mkdocs serve`, the tests) first hands them back, and
    collects, so what a run leaves is freed by the next.
    """
    enabled = gc.isenabled()
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
