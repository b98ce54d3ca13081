"""What every engine's build of the site must do, the same tests for each (test_<engine>.py imports them
and names its ENGINE): every record page, no broken link, the release in the footer, and in Chromium:
search finds finding 3.4 for `3.4`, the checklist keeps a score, link previews show, nothing is
requested from another site."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from playwright.sync_api import expect

from browser.conftest import open_search
from browser.test_accessibility import axe_violations, describe
from eckb.link.urls import address, built_file
from test_built_site import _release_version, broken_links


def test_every_record_has_its_page_and_anchor(engine_site, engine_pages, base):
    missing = []
    for kind in base.by_kind:
        for record in base.of_kind(kind):
            where = address(record)
            page = built_file(where.page)
            if page not in engine_pages:
                missing.append(f"{record.id}: no {page}")
            elif (where.anchor or record.id) not in engine_pages[page].ids and where.anchor:
                missing.append(f"{record.id}: no #{where.anchor} in {page}")
    assert sum(len(records) for records in base.by_kind.values()) > 200
    assert not missing, "\n".join(missing[:40])


def test_no_internal_link_or_anchor_is_broken(engine_site, engine_pages):
    broken = broken_links(engine_site, engine_pages)
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_every_page_footer_names_the_release_and_links_the_change_log(engine_site):
    for page in ("index.html", "findings/3-4/index.html", "glossary/index.html"):
        html = (engine_site / page).read_text(encoding="utf-8")
        shown = re.search(rf'Release {re.escape(_release_version())} \(<a href="([^"]+)">change log</a>\)\.', html)
        assert shown, f"{page}: no release in the footer"
        assert urljoin(f"http://kb.test/{page}", shown[1]) == "http://kb.test/changelog/", f"{page}: {shown[1]}"


def test_typing_3_4_in_the_search_box_finds_finding_3_4_first(engine_page, engine_url):
    engine_page.goto(engine_url + "/", wait_until="load")
    results = open_search(engine_page, "3.4")
    href = results.first.get_attribute("href")
    assert re.sub(r"^https?://[^/]+", "", href).split("?")[0].split("#")[0] == "/findings/3-4/", href
    results.first.click()
    engine_page.wait_for_load_state("load")
    assert engine_page.locator("#finding-3-4").count() == 1


def test_search_results_pass_axe(engine_page, engine_url, axe_source):
    engine_page.goto(engine_url + "/", wait_until="load")
    open_search(engine_page, "market facilitation")
    problems = describe("/ with search results open", axe_violations(engine_page, axe_source))
    assert not problems, "\n".join(problems)


def test_the_checklist_keeps_a_score_after_reloading(engine_page, engine_url):
    engine_page.goto(engine_url + "/checklist/?fill=principle-set-ccps", wait_until="load")
    engine_page.evaluate("() => localStorage.clear()")
    engine_page.reload(wait_until="load")
    engine_page.locator(".kb-cl-panel").wait_for()
    engine_page.check("#kb-cl-principle-ccps-sharing-power-1")
    expect(engine_page.locator(".kb-cl-status")).to_contain_text("Saved in this browser")
    engine_page.reload(wait_until="load")
    engine_page.locator(".kb-cl-panel").wait_for()
    expect(engine_page.locator("#kb-cl-principle-ccps-sharing-power-1")).to_be_checked()
    engine_page.evaluate("() => localStorage.clear()")


def test_focusing_a_finding_link_shows_its_preview(engine_page, engine_url):
    engine_page.goto(engine_url + "/case-studies/edinburgh/", wait_until="load")
    link = engine_page.locator("article a[href*='findings/']").filter(has_text=re.compile(r"^Finding")).first
    link.focus()
    preview = engine_page.locator("#kb-preview")
    preview.wait_for(state="visible")
    assert "Finding" in preview.inner_text() or preview.inner_text().startswith("FINDING")
    engine_page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


def test_no_page_requests_anything_from_another_site(engine_context, engine_url):
    page = engine_context.new_page()
    try:
        for path in ("/", "/findings/3-4/", "/checklist/", "/glossary/", "/evidence-map/"):
            page.goto(engine_url + path, wait_until="networkidle")
        open_search(page, "market facilitation")
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert engine_context.foreign_requests == [], engine_context.foreign_requests[:10]
