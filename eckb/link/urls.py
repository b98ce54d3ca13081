"""The one place an ID becomes a page path, a URL or an anchor. Titles never enter a URL."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from eckb.load.kinds import KIND_BY_NAME, kind_of_id
from eckb.load.models import Record

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

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
"""Where the site is served when no address is given (`mkdocs serve`): for citations' absolute links."""

# Pages that belong to no record.
DOWNLOADS_PAGE = "downloads/index.md"
CHANGE_LOG_PAGE = "changelog/index.md"
PRINT_PAGE = "print/index.md"
HOW_TO_CITE_PAGE = "how-to-cite/index.md"
EVIDENCE_MAP_PAGE = "evidence-map/index.md"
BROWSE_FOLDER = "browse"
"""Case studies by facet: /browse/ lists the facets, /browse/<facet>/<value>/ the case studies of one value."""
BROWSE_PAGE = f"{BROWSE_FOLDER}/index.md"

# Folders of generated files that are not pages.
EXPORT_FOLDER = "data"
"""docs/data/: the machine-readable exports, published at site/data/."""
CITE_FOLDER = "cite"
"""docs/cite/: a BibTeX and a RIS file per record."""
SHORTLINK_FOLDER = "go"
"""docs/go/: a redirect page per short address, /go/<ID>/ (and /go/3.4/ for a finding)."""
KNOWLEDGE_BASE_EXPORT = f"{EXPORT_FOLDER}/knowledge-base.json"
PERMALINKS_EXPORT = f"{EXPORT_FOLDER}/permalinks.json"
PREVIEWS_EXPORT = f"{EXPORT_FOLDER}/previews.json"


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


def facet_page(facet: str, slug: str) -> str:
    """The page of one facet value, e.g. 'browse/area/falkirk.md'."""
    return f"{BROWSE_FOLDER}/{facet}/{slug}.md"


def citation_file(record_id: str, suffix: str) -> str:
    """A record's citation to download: 'cite/finding-3-4.bib' or '.ris'."""
    return f"{CITE_FOLDER}/{record_id}.{suffix}"


def shortlink_page(name: str) -> str:
    """The redirect page of a short address: 'go/3.4/index.html' (an HTML file, for every URL style)."""
    return f"{SHORTLINK_FOLDER}/{name}/index.html"


def moved_page_stub(old_address: str) -> str:
    """The redirect page left at a moved page's old address: 'findings/3-10/' -> 'findings/3-10/index.html'."""
    return f"{old_address.strip('/')}/index.html"


def shortlink_base(site_url: str) -> str:
    """The absolute address short forms start with: 'https://example.org/go/'."""
    return f"{site_url.rstrip('/')}/{SHORTLINK_FOLDER}/"


def export_file(kind_data: str, suffix: str) -> str:
    """One kind's export: 'data/findings.json', 'data/findings.csv'."""
    return f"{EXPORT_FOLDER}/{kind_data}.{suffix}"


def export_schema_file(kind_name: str) -> str:
    """One kind's export schema: 'data/schema/finding.schema.json'."""
    return f"{EXPORT_FOLDER}/schema/{kind_name}.schema.json"


def link_between(from_page: str, to_file: str) -> str:
    """A Markdown link target from one generated page to another page or file, which MkDocs checks."""
    return Address(to_file).link_from(from_page)


def fixed_pages() -> set[str]:
    """Every generated page that is no record's own: the kinds' indexes, shared section pages and the guides."""
    return ({index_page(kind_name) for kind_name in OWN_PAGE_FOLDERS} | set(SECTION_PAGES.values())
            | {DOWNLOADS_PAGE, CHANGE_LOG_PAGE, PRINT_PAGE, HOW_TO_CITE_PAGE, EVIDENCE_MAP_PAGE, BROWSE_PAGE})


def generated_folders() -> set[str]:
    """docs/ folders holding generated pages; a hand-written page there is left alone."""
    pages = [*SECTION_PAGES.values(), DOWNLOADS_PAGE, CHANGE_LOG_PAGE, HOW_TO_CITE_PAGE, PRINT_PAGE, EVIDENCE_MAP_PAGE, BROWSE_PAGE]
    return set(OWN_PAGE_FOLDERS.values()) | {page.split("/")[0] for page in pages}


def exclusive_folders() -> set[str]:
    """docs/ folders holding only generated files."""
    return {EXPORT_FOLDER, CITE_FOLDER, SHORTLINK_FOLDER}


def index_page(kind_name: str) -> str:
    """The listing page of a kind that has pages of its own, e.g. 'findings/index.md'."""
    return f"{OWN_PAGE_FOLDERS[kind_name]}/index.md"


assert set(OWN_PAGE_FOLDERS) | set(SECTION_PAGES) | set(PARENT_FIELDS) == set(KIND_BY_NAME), "every kind needs an address"
