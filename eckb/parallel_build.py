"""`mkdocs build` reads and writes pages on every core, where MkDocs alone uses one.

MkDocs 1.6 (pinned, and no longer developed) handles pages in two loops: the first reads each page
and turns its Markdown into HTML (`_populate_page`), the second puts each page in the theme's
template, indexes it for search and writes it (`_build_page`). Together they are nearly all of a
large build, and each page in them is independent of the others. At the start of each loop, the
pages are shared out between this process and forked children (`workers.SharedWork`); for its pages,
a child does exactly what MkDocs would, and the parent takes over what it made:

- from the reading loop, each page's HTML, table of contents, title and anchors. The parent still
  reads every page and runs every plugin's page events itself; only the Markdown conversion is taken
  over, and only if the child converted the very same Markdown.
- from the writing loop, each page's search index entries (the child wrote the page's file).

Copying the other files into the site (`Files.copy_static_files`) is shared out the same way.

The parallel build makes the same site as a serial one, byte for byte (tests/test_parallel_build.py).
It is used for `mkdocs build` only (not `serve`, not `--dirty`), and for the writing loop only while
every plugin with page_context or post_page events is one this module knows (`_KNOWN_PAGE_EVENTS`).
`ECKB_BUILD_JOBS=1` builds serially.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .workers import PARENT_DOES_IT, SharedWork, jobs_wanted, shared_map

log = logging.getLogger("mkdocs.eckb.parallel")

_KNOWN_PAGE_EVENTS = {"material/search", "material/tags"}
"""Plugins whose page_context/post_page events a shared writing loop keeps: search's index entries
are handed back; tags only adds to the template context, which the child renders."""

_SEARCH = "material/search"

_original_populate = mkdocs_build._populate_page
_original_build = mkdocs_build._build_page
_original_render = Page.render


@dataclass
class _Loops:
    reading: SharedWork | None = None
    reading_key: object = None
    writing: SharedWork | None = None
    writing_key: object = None


_loops = _Loops()


def install(command: str, dirty: bool) -> bool:
    """Make this process's `mkdocs build` share its pages between processes, if it can; say whether."""
    if command not in ("build", "gh-deploy") or dirty or jobs_wanted() < 2:
        return False
    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page
    Page.render = _render
    Files.copy_static_files = _copy_static_files
    return True


def _copy_static_files(files: Files, dirty: bool = False, *, inclusion=InclusionLevel.is_included) -> None:
    """Files.copy_static_files, the files (most of them ours: citations, short addresses, exports)
    shared out: each process writes its share."""
    static = [file for file in files if not file.is_documentation_page() and inclusion(file.inclusion)]
    shared_map(lambda file: file.copy_file(dirty), static, "files copied")


# ---------------------------------------------------------------- the reading loop


@dataclass
class _Rendered:
    """What Page.render leaves on a page, in a form that crosses from one process to another."""
    markdown_digest: bytes
    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None

    @classmethod
    def of(cls, page: Page) -> _Rendered:
        links = vars(page).get("links_to_anchors")  # set by render only when anchors are validated
        return cls(_digest(page.markdown), page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                   None if links is None else {file.src_uri: anchors for file, anchors in links.items()})

    def apply(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = self.present_anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in self.links_to_anchors.items()}


def _digest(markdown: str | None) -> bytes:
    return hashlib.blake2b((markdown or "").encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _populate_page(page: Page, config, files: Files, dirty: bool = False) -> None:
    if _loops.reading_key is not files:
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as MkDocs' loop has them
        _loops.reading, _loops.reading_key = SharedWork((file.src_uri for file in pages), "pages read"), files
        _loops.reading.start(pages, lambda file: _read_in_child(file, config, files, dirty))
    _original_populate(page, config, files, dirty)


def _render(page: Page, config, files: Files) -> None:
    """Page.render, unless a child has already converted this page's very Markdown."""
    rendered = _loops.reading.result_for(page.file.src_uri) if _loops.reading else PARENT_DOES_IT
    if rendered is PARENT_DOES_IT or rendered.markdown_digest != _digest(page.markdown):
        return _original_render(page, config, files)
    rendered.apply(page, files)


def _read_in_child(file: File, config, files: Files, dirty: bool) -> _Rendered:
    _loops.reading = None  # a child converts its pages itself
    if file.page is None and file.inclusion.is_not_in_nav():
        Page(None, file, config)  # as MkDocs' own loop does
    _original_populate(file.page, config, files, dirty)
    return _Rendered.of(file.page)


# ---------------------------------------------------------------- the writing loop


def _build_page(page: Page, config, doc_files: Sequence[File], nav, env, dirty: bool = False, excluded: bool = False) -> None:
    if _loops.writing_key is not doc_files:
        _loops.writing, _loops.writing_key = SharedWork((file.src_uri for file in doc_files), "pages written"), doc_files
        if _page_events_known(config):
            _loops.writing.start(doc_files, lambda file: _write_in_child(file, config, doc_files, nav, env, dirty))
    entries = _loops.writing.result_for(page.file.src_uri)
    if entries is PARENT_DOES_IT:
        return _original_build(page, config, doc_files, nav, env, dirty, excluded)
    if _SEARCH in config.plugins:
        config.plugins[_SEARCH].search_index.entries.extend(entries)


def _page_events_known(config) -> bool:
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    owners = {names.get(id(getattr(method, "__self__", None)), getattr(method, "__module__", "?"))
              for event in ("page_context", "post_page") for method in config.plugins.events.get(event, [])}
    if unknown := owners - _KNOWN_PAGE_EVENTS:
        log.debug(f"Writing pages in one process: no support for the page events of {sorted(unknown)}")
    return not unknown


def _write_in_child(file: File, config, doc_files: Sequence[File], nav, env, dirty: bool) -> list[dict]:
    """Write the page; its search index entries go back to the parent."""
    index = config.plugins[_SEARCH].search_index.entries if _SEARCH in config.plugins else []
    before = len(index)
    _original_build(file.page, config, doc_files, nav, env, dirty, file.inclusion.is_excluded())
    return index[before:]
