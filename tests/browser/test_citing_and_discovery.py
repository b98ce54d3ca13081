"""Citing and discovering in a real browser: short forms, search by number and acronym, the
copy buttons, link previews, facet pages and printing."""
from __future__ import annotations

import re

import pytest

from .test_accessibility import axe_violations, describe


def first_result_path(page, site_url, search, query: str) -> str:
    page.goto(site_url + "/", wait_until="load")
    results = search(page, query)
    href = results.first.get_attribute("href")
    return re.sub(r"^https?://[^/]+", "", href).split("?")[0]


@pytest.mark.parametrize("query", ["3.4", "finding 3.4", "3.3.4"])
def test_typing_a_findings_number_or_report_section_finds_it_first(page, site_url, search, query):
    assert first_result_path(page, site_url, search, query) == "/findings/3-4/"


@pytest.mark.parametrize("acronym, path", [
    ("ADP", "/glossary/adp/"), ("IJB", "/glossary/ijb/"), ("SDS", "/glossary/sds/"),
    ("PSP", "/glossary/psp/"), ("MAT", "/glossary/mat-standards/"), ("HSCP", "/glossary/hscp/"),
])
def test_short_acronyms_find_their_definition_first(page, site_url, search, acronym, path):
    assert first_result_path(page, site_url, search, acronym) == path


@pytest.mark.parametrize("short, target", [("/go/3.4/", "/findings/3-4/"), ("/go/case-study-falkirk/", "/case-studies/falkirk/"),
                                           ("/go/action-4-1-a/", "/actions/4-1/#action-4-1-a")])
def test_short_addresses_lead_to_the_record(page, site_url, short, target):
    page.goto(site_url + short)
    page.wait_for_url(site_url + target)
    assert page.url == site_url + target


def test_copy_citation_by_keyboard_copies_and_announces(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "/findings/3-4/", wait_until="load")
    button = page.get_by_role("button", name="Copy citation")
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".kb-cite__status")
    status.filter(has_text="Copied").wait_for()
    assert status.get_attribute("role") == "status"
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "section 3.3.4" in copied and "record finding-3-4" in copied and "/findings/3-4/" in copied
    assert "Accessed:" in copied and "give the date" not in copied, "the access date is filled in"

    page.get_by_role("button", name="Copy link").click()
    status.filter(has_text="link").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()").endswith("/findings/3-4/")


def test_without_javascript_the_citation_is_plain_selectable_text(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "/findings/3-4/")
        assert "record finding-3-4" in page.locator("#citation-text").inner_text()
        assert page.get_by_role("button", name="Copy citation").count() == 0, "copy buttons need JavaScript, so they stay hidden"
        assert page.get_by_role("link", name="Download BibTeX").is_visible()
    finally:
        context.close()


def test_focusing_a_record_link_shows_its_preview_and_escape_closes_it(page, site_url, axe_source):
    page.goto(site_url + "/case-studies/edinburgh/", wait_until="load")
    link = page.locator("article a[href*='findings/']").filter(has_text=re.compile(r"^Finding")).first
    link.focus()
    preview = page.locator("#kb-preview")
    preview.wait_for(state="visible")
    assert preview.inner_text().startswith("FINDING") or "Finding" in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "kb-preview"
    assert describe("preview shown", axe_violations(page, axe_source)) == []
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


def test_a_term_link_explains_the_term_on_hover(page, site_url):
    page.goto(site_url + "/findings/3-4/", wait_until="load")
    term = page.locator("article a.kb-term").first
    term.hover()
    page.locator("#kb-preview").wait_for(state="visible")
    assert page.locator("#kb-preview .kb-preview__kind").inner_text().lower() == "term"


def test_a_theme_leads_to_its_case_studies(page, site_url):
    page.goto(site_url + "/browse/theme/3/", wait_until="load")
    case_study = page.locator("article a[href*='case-studies/']").first
    case_study.click()
    page.wait_for_url(re.compile(r"/case-studies/[a-z-]+/$"))
    assert page.locator("#findings").count() == 1


def test_printing_shows_the_content_without_navigation(page, site_url):
    page.goto(site_url + "/case-studies/falkirk/", wait_until="load")
    page.emulate_media(media="print")
    assert page.locator("article h1").is_visible()
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kb-cite__actions"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} prints"
