"""Real-browser fixtures: the built site served on 127.0.0.1 and a headless Debian Chromium.

Every test under tests/browser gets the `browser` marker (deselect them with `-m "not browser"`).
Without a Chromium the tests skip with a one-line reason; with CI=true they fail instead, so a
CI machine that lost its browser cannot pass by running nothing.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
import os
import re
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# axe-core is vendored (no Node needed to test): see vendor/axe-core/README.md to update it.
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # axe-core's sri-history.json

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing but the test server is reachable: a request elsewhere fails at once, and is
    # still seen (and reported) by the privacy test.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 900}  # desktop layout: header search box and sidebars shown
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    """Skip with `reason`, or fail when running in CI (CI=true)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    """The browser the tests drive: $CHROMIUM if set (e.g. Google Chrome on a GitHub runner), else
    Debian's /usr/bin/chromium, else a `chromium` on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def is_redirect_stub(html_file: Path) -> bool:
    """A short-link or moved-page stub (<meta http-equiv="refresh">): it shows nothing itself and
    sends the browser straight on to a page that is checked in its own right."""
    head = html_file.read_text(encoding="utf-8", errors="replace")[:4096].lower()
    return 'http-equiv="refresh"' in head


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of the built site ("/", "/findings/3-4/", ...): each
    index.html except the 404 page and redirect stubs."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        if relative == "404" or is_redirect_stub(index):
            continue
        paths.append("/" if relative == "." else f"/{relative}/")
    return paths


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser drops a connection whenever it leaves a page mid-download (the search
        # index, typically): not an error worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of `site` served over http on a free 127.0.0.1 port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site, served on 127.0.0.1."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    found = site_pages(built_site)
    assert len(found) > 100, f"expected the whole knowledge base, found only {len(found)} pages"
    return found


@pytest.fixture(scope="package")
def chromium():
    """A headless Chromium driven by Playwright: the system one (Debian's), else Playwright's own if installed. Package
    scope: Playwright stops after the last test in tests/browser, so a later test elsewhere can
    start its own sync Playwright (two cannot run at once in one thread)."""
    executable = chromium_path()
    try:
        from playwright.sync_api import Error as PlaywrightError, sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: run `make test` (it installs requirements.txt)")
    with sync_playwright() as playwright:
        try:
            # A system Chromium first; otherwise Playwright's own browser, where someone has
            # installed it (`playwright install chromium`, on a machine whose network allows it).
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError:
            _unavailable("no Chromium found for the browser tests: install it with `apt-get install chromium`")
        try:
            yield browser
        finally:
            browser.close()


def new_context(chromium, site_url):
    """A browser context on the test server that records, in `context.foreign_requests`, every
    request (from pages and their workers) to another origin as (page URL, request URL).
    Such requests also fail at once: Chromium resolves no host but 127.0.0.1 (see CHROMIUM_ARGS).
    No request interception is used, so the HTTP cache works and page loads stay fast."""
    ctx = chromium.new_context(viewport=VIEWPORT, reduced_motion="reduce")
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.foreign_requests = []

    def record(request):
        url = request.url
        if urlsplit(url).scheme in ("data", "blob", "about") or _origin(url) == site_url:
            return
        try:
            page_url = request.frame.page.url
        except Exception:  # a worker's request has no frame
            page_url = "(a worker)"
        ctx.foreign_requests.append((page_url, url))

    ctx.on("request", record)
    return ctx


@pytest.fixture(scope="package")
def context(chromium, site_url):
    """One browser context shared by the browser tests."""
    ctx = new_context(chromium, site_url)
    try:
        yield ctx
    finally:
        ctx.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def page(context):
    """A fresh tab in the shared context, closed after the test."""
    tab = context.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: it is part of the repository (see its README)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def axe_tab(chromium, site_url, axe_source):
    """The tab the every-page axe sweep reuses, in a context of its own:

    - every document gets axe-core before its own scripts (add_init_script with the text of
      vendor/axe-core/axe.min.js): the text crosses to the browser once, not once per page,
      which makes the sweep about a third quicker than add_script_tag after each load;
    - search/search_index.json is not served to it (Chromium's own URL blocking, so the HTTP
      cache stays on). Material's search worker would otherwise build the full-text index on every
      page while axe runs, for a dialog that stays closed; skipping it cuts axe's time per page
      by about a third.
      The search dialog itself, with the index and results, is checked by its own tests.
    """
    ctx = new_context(chromium, site_url)
    ctx.add_init_script(script=axe_source)
    try:
        yield tab_without_search_index(ctx)
    finally:
        ctx.close()


def tab_without_search_index(ctx):
    """A tab to which search/search_index.json is not served, for a sweep over every page with the
    search dialog closed (blocked by Chromium itself, so the HTTP cache stays on)."""
    tab = ctx.new_page()
    cdp = ctx.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setBlockedURLs", {"urls": ["*/search/search_index.json"]})
    return tab


def search_box(page):
    """The site's search box, found by its role and name as a screen reader finds it: a text box
    named "Search" (Material for MkDocs) or a combo box named "Search" (Zensical, in its own dialog)."""
    return page.get_by_role("textbox", name="Search", exact=True).or_(page.get_by_role("combobox", name="Search", exact=True))


def open_search(page, query: str):
    """Type `query` into the site's search box the way a person does; return the result links, in
    the order shown, once the first is shown and the list has settled. The same for every engine:
    the links are those inside the dialog named "Search"."""
    box = search_box(page).first
    material_toggle = page.locator("label.md-header__button[for='__search']").first
    # Material's box counts as visible on a narrow screen too, covered by the header: its toggle shows instead.
    if not box.is_visible() or material_toggle.is_visible():
        # The header's search button opens it: Zensical's at every width ("Search Ctrl+K"), Material's
        # (a label for its toggle) on narrow screens.
        page.get_by_role("button", name=re.compile(r"^Search\b")).or_(page.locator("label[for='__search']")) \
            .locator("visible=true").first.click()
        box = search_box(page).locator("visible=true").first
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.get_by_role("dialog", name="Search").locator("a[href]:visible")
    results.first.wait_for(state="visible")
    # The list first shows results for part of the query ("finding 3." before "finding 3.4"), then
    # redraws: wait until it has stayed the same for 0.3 s.
    shown, unchanged = None, 0
    for _ in range(50):
        now = results.evaluate_all("links => links.map(link => link.innerText)")
        unchanged = unchanged + 1 if now == shown else 0
        if unchanged == 3:
            break
        shown = now
        page.wait_for_timeout(100)
    return results


@pytest.fixture
def search():
    """`search(page, query)`: type a query into the site search and return the result links."""
    return open_search
