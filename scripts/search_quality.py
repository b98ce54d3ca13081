#!/usr/bin/env python3
"""How well the site search answers what people type: mean reciprocal rank over a query set.

    python scripts/search_quality.py [SITE_DIR] [--queries tests/search/queries.yaml]

Serves the built site (default site/) on 127.0.0.1, types each query of tests/search/queries.yaml
into the real search box of a headless Chromium, key by key, and waits until the result list stops
changing. The first five DISTINCT pages shown (a page's sections count once) are compared with
the query's answers: a query scores 1/rank of the first answering page, or 0 if none is in the
five. Prints the mean (MRR), every query that scored below 1 with what came first, and every
query that is exactly a page's title but did not put that page first.

tests/browser/test_search_quality.py runs the same measurement and asserts MRR >= 0.95 and
exact titles first; `make bench` prints it. Needs playwright and a Chromium (CHROMIUM, or
Debian's /usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search" / "queries.yaml"
TOP = 5
"""How many distinct result pages count: about what a search panel shows without scrolling."""
TARGET_MRR = 0.95


@dataclass(frozen=True)
class Query:
    text: str
    answers: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Outcome:
    query: Query
    pages: tuple[str, ...]
    """The first TOP distinct pages the search showed, as site paths ("/findings/3-4/")."""

    @property
    def rank(self) -> int | None:
        """1-based rank of the first answering page among `pages`, or None."""
        for position, path in enumerate(self.pages, start=1):
            if path in self.query.answers:
                return position
        return None

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.rank if self.rank else 0.0


def load_queries(path: Path = QUERIES) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(entry["query"]), tuple(entry["answers"]), entry.get("kind", "")) for entry in entries]


def mean_reciprocal_rank(outcomes: list[Outcome]) -> float:
    return sum(outcome.reciprocal_rank for outcome in outcomes) / len(outcomes) if outcomes else 0.0


def page_titles(site: Path) -> dict[str, str]:
    """Every searchable page's title (as the search index holds it) by site path."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {"/" + doc["location"]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}


def _words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", text).casefold().split())


def exact_title_misses(outcomes: list[Outcome], titles: dict[str, str]) -> list[str]:
    """Queries that are exactly some page's title but did not put such a page first."""
    by_title: dict[str, set[str]] = {}
    for path, title in titles.items():
        by_title.setdefault(_words(title), set()).add(path)
    misses = []
    for outcome in outcomes:
        titled = by_title.get(_words(outcome.query.text))
        if titled and (not outcome.pages or outcome.pages[0] not in titled):
            first = outcome.pages[0] if outcome.pages else "nothing"
            misses.append(f"{outcome.query.text!r}: {first} came first, not {' or '.join(sorted(titled))}")
    return misses


# ---------------------------------------------------------------- driving the real search box


def _page_path(href: str) -> str:
    return urlsplit(href).path or "/"


def open_search(tab) -> None:
    """Open the search dialog the way a visitor does at any width."""
    toggle = tab.locator("label.md-header__button[for='__search']").first
    if toggle.is_visible():  # narrow layouts hide the box behind the header's search button
        toggle.click()
    tab.locator("input.md-search__input").click()


def shown_pages(tab, query: str) -> tuple[str, ...]:
    """Type `query` into the open search box key by key (Material searches on key events), wait
    until the results stop changing, and return the distinct pages shown, in order."""
    box = tab.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    # An emptied box empties the list: no result of the last query can pass for one of this query.
    tab.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.press_sequentially(query, delay=10)
    read = """() => [document.querySelector('.md-search-result__meta')?.innerText || '',
                     [...document.querySelectorAll('.md-search-result__item')]
                       .map(item => item.querySelector('a')?.href || '')]"""
    shown, unchanged = None, 0
    # The list first shows results for part of the query ("finding 3." before "finding 3.4"), then
    # redraws: wait until it has stayed the same for 0.5 s (and the index has loaded).
    for _ in range(150):
        now = tab.evaluate(read)
        settled = now == shown and "nitializ" not in now[0] and (now[1] or "No matching" in now[0])
        unchanged = unchanged + 1 if settled else 0
        if unchanged == 5:
            break
        shown = now
        tab.wait_for_timeout(100)
    pages: list[str] = []
    for href in shown[1] if shown else []:
        path = _page_path(href)
        if href and path not in pages:
            pages.append(path)
    return tuple(pages[:TOP])


def measure(tab, site_url: str, queries: Iterable[Query]) -> list[Outcome]:
    """Every query typed in one tab, with the search dialog kept open between queries."""
    tab.goto(site_url + "/", wait_until="load")
    open_search(tab)
    return [Outcome(query, shown_pages(tab, query.text)) for query in queries]


def report(outcomes: list[Outcome], titles: dict[str, str]) -> str:
    lines = [f"Search quality: MRR {mean_reciprocal_rank(outcomes):.3f} over {len(outcomes)} queries "
             f"(target {TARGET_MRR}; first {TOP} distinct pages)"]
    by_kind: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome.query.kind, []).append(outcome)
    lines.append("  by kind: " + ", ".join(f"{kind} {mean_reciprocal_rank(group):.2f} ({len(group)})" for kind, group in by_kind.items()))
    for outcome in outcomes:
        if outcome.reciprocal_rank < 1:
            shown = ", ".join(outcome.pages) or "no results"
            lines.append(f"  {outcome.reciprocal_rank:.2f}  {outcome.query.text!r} -> {shown} (wanted {outcome.query.answers[0]})")
    misses = exact_title_misses(outcomes, titles)
    lines.append(f"  exact title first: {'every time' if not misses else f'{len(misses)} misses'}")
    lines += [f"    {miss}" for miss in misses]
    return "\n".join(lines)


# ---------------------------------------------------------------- standalone run


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


def _serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site/)")
    parser.add_argument("--queries", default=QUERIES, type=Path)
    args = parser.parse_args(argv)
    if not (args.site / "search" / "search_index.json").is_file():
        print(f"{args.site}: no built site with a search index; run `mkdocs build --strict` first", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    server, site_url = _serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=_chromium(), args=["--headless", "--no-sandbox", "--disable-gpu"])
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            outcomes = measure(tab, site_url, load_queries(args.queries))
            browser.close()
    finally:
        server.shutdown()
    print(report(outcomes, page_titles(args.site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
