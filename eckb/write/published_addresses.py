"""The registry of published addresses: once an address is published it must keep resolving.

`published-addresses.txt` lists every page URL and record anchor ever published, one a line.
A build may add addresses, never lose one: a page that moves leaves a redirect page (listed in
data/moved-pages.yaml), and a withdrawn record leaves a tombstone at its anchor.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from eckb.link.urls import PERMALINKS_EXPORT

HEADER = (
    "# Every address this knowledge base has published, one a line (from the site's root).\n"
    "# Never delete a line: a moved page needs a redirect, a withdrawn record a tombstone.\n"
    "# Add new addresses with `make register` after building the site.\n"
)
_REFRESH = re.compile(r'http-equiv="refresh"\s+content="0;\s*url=([^"]+)"', re.IGNORECASE)


def read_registry(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def write_registry(path: Path, addresses: set[str]) -> None:
    path.write_text(HEADER + "".join(f"{address}\n" for address in sorted(addresses)), encoding="utf-8")


def site_addresses(site: Path) -> set[str]:
    """What a built site publishes: every HTML page and every record's permalink (with its anchor)."""
    pages = {_page_url(path.relative_to(site).as_posix()) for path in site.rglob("*.html") if path.name != "404.html"}
    permalinks = json.loads((site / PERMALINKS_EXPORT).read_text(encoding="utf-8"))
    return {"/" + address for address in pages | set(permalinks.values())}


def unresolved(addresses: list[str], site: Path) -> list[str]:
    """Registered addresses the built site no longer serves (following redirect pages), with why."""
    problems = []
    for address in addresses:
        page, _, anchor = address.lstrip("/").partition("#")
        found = _resolve(site, page)
        if found is None:
            problems.append(f"{address}: no page and no redirect (add one to data/moved-pages.yaml)")
        elif anchor and anchor not in _ids(found):
            problems.append(f"{address}: the page no longer has the anchor #{anchor} (withdraw the record instead of deleting it)")
    return problems


def _page_url(relative: str) -> str:
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def _resolve(site: Path, page: str, hops: int = 5) -> Path | None:
    path = site / page / "index.html" if page == "" or page.endswith("/") else site / page
    if not path.is_file():
        return None
    match = _REFRESH.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
    if match and hops:
        target = urljoin("/" + page, match.group(1).split("#")[0]).lstrip("/")
        return _resolve(site, target, hops - 1)
    return path


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id" and value)


def _ids(path: Path) -> set[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser.ids
