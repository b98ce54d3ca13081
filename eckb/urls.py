"""The one place an ID becomes a page path, a URL or an anchor. Titles never enter a URL."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from .kinds import KIND_BY_NAME, kind_of_id
from .models import Record

# Kinds with a page of their own: the folder their pages live in.
OWN_PAGE_FOLDERS = {
    "source": "sources",
    "theme": "themes",
    "finding": "findings",
    "case-study": "case-studies",
    "care-area": "care-areas",
    "approach": "approaches",
    "action-area": "actions",
    "term": "glossary",
    "principle-set": "principles",
}

# Kinds shown as a section of a shared page, anchored by their ID.
SECTION_PAGES = {
    "policy": "policy-context/index.md",
    "recommendation": "recommendations/index.md",
    "headline": "ccps-headlines/index.md",
    "alternative": "alternatives/index.md",
    "market-stage": "market-facilitation/index.md",
    "market-shift": "market-facilitation/index.md",
    "score-level": "checklist/index.md",
    "reflection": "checklist/index.md",
    "diagram": "diagrams/index.md",
}

# Kinds shown as a section of their parent's page: the field naming the parent.
PARENT_FIELDS = {"action": "area", "principle": "set"}


@dataclass(frozen=True)
class Address:
    page: str
    """The Markdown file under docs/, e.g. 'findings/3-4.md'."""
    anchor: str | None = None

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. 'findings/3-4/' or 'policy-context/#policy-ncs'."""
        path = page_url(self.page)
        return f"{path}#{self.anchor}" if self.anchor else path

    def link_from(self, page: str) -> str:
        """A Markdown link target relative to `page`, which MkDocs checks and rewrites."""
        if self.anchor and self.page == page:
            return f"#{self.anchor}"
        target = _relative_from_folder(self.page, page.rpartition("/")[0])
        return f"{target}#{self.anchor}" if self.anchor else target


def relative_path(target: str, from_folder: str) -> str:
    """posixpath.relpath(target, from_folder) for the clean relative paths of docs/, at a fraction of its cost."""
    to_parts = target.split("/")
    from_parts = from_folder.split("/") if from_folder else []
    shared = 0
    while shared < len(from_parts) and shared < len(to_parts) - 1 and from_parts[shared] == to_parts[shared]:
        shared += 1
    return "/".join([".."] * (len(from_parts) - shared) + to_parts[shared:])


_relative_from_folder = lru_cache(maxsize=1 << 16)(relative_path)
"""Pages link to the same few pages from the same folders, tens of thousands of times in a large build."""


def page_url(page: str) -> str:
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def built_file(page: str, directory_urls: bool = True) -> str:
    """The HTML file a page becomes: 'findings/3-4/index.html', or 'findings/3-4.html' without directory URLs."""
    if not directory_urls or page == "index.md" or page.endswith("/index.md"):
        return page[: -len(".md")] + ".html"
    return page[: -len(".md")] + "/index.html"


def href(from_file: str, target: Address, directory_urls: bool = True) -> str:
    """A relative link for raw HTML, which MkDocs does not rewrite: from a built file to a record.

    With directory URLs the link ends in '/', as the published addresses do; without them (the
    offline bundle, opened from the file system) it names the .html file.
    """
    target_file = built_file(target.page, directory_urls)
    if target_file == from_file and target.anchor:
        return f"#{target.anchor}"
    link = relative_path(target_file, posixpath.dirname(from_file))
    if directory_urls and (link == "index.html" or link.endswith("/index.html")):
        link = link[: -len("index.html")] or "./"
    return f"{link}#{target.anchor}" if target.anchor else link


def address(record: Record) -> Address:
    kind = kind_of_id(record.id)
    if kind is None:
        raise ValueError(f"no kind has IDs like {record.id!r}")
    if kind.name in OWN_PAGE_FOLDERS:
        return Address(f"{OWN_PAGE_FOLDERS[kind.name]}/{kind.key(record.id)}.md")
    if kind.name in SECTION_PAGES:
        return Address(SECTION_PAGES[kind.name], record.id)
    parent_id = getattr(record, PARENT_FIELDS[kind.name])
    parent_kind = kind_of_id(parent_id)
    return Address(f"{OWN_PAGE_FOLDERS[parent_kind.name]}/{parent_kind.key(parent_id)}.md", record.id)


def index_page(kind_name: str) -> str:
    """The listing page of a kind that has pages of its own, e.g. 'findings/index.md'."""
    return f"{OWN_PAGE_FOLDERS[kind_name]}/index.md"


assert set(OWN_PAGE_FOLDERS) | set(SECTION_PAGES) | set(PARENT_FIELDS) == set(KIND_BY_NAME), "every kind needs an address"
