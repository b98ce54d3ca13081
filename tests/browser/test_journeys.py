"""What visitors do, end to end, in a real browser: search, browse, follow a permalink, and
start keyboard navigation."""
from __future__ import annotations

import re


def h1_text(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def test_search_leads_to_the_definition(page, site_url, search):
    page.goto(site_url + "/", wait_until="load")
    results = search(page, "market facilitation")
    assert results.count() > 0
    results.first.click()
    page.wait_for_load_state("load")
    assert "market facilitation" in h1_text(page).lower(), page.url


def test_browse_from_home_to_a_finding(page, site_url):
    page.goto(site_url + "/", wait_until="load")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Case studies", exact=True).first.click()
    page.wait_for_url(re.compile(r"/case-studies/$"))
    assert h1_text(page) == "Case studies"

    page.locator("article a[href^='falkirk/']").first.click()
    page.wait_for_url(re.compile(r"/case-studies/falkirk/$"))

    finding = page.locator("article a[href*='findings/']").filter(has_text=re.compile(r"^Finding")).first
    finding.click()
    page.wait_for_url(re.compile(r"/findings/\d+-\d+/$"))
    assert h1_text(page).startswith("Finding"), page.url


def test_finding_permalink(page, site_url):
    response = page.goto(site_url + "/findings/3-4/", wait_until="load")
    assert response is not None and response.ok
    assert h1_text(page).startswith("Finding 3.4")
    assert page.locator("#finding-3-4").count() == 1


def test_first_tab_reaches_a_visible_skip_link(page, site_url):
    page.goto(site_url + "/findings/3-4/", wait_until="load")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute('href'),
            outline: style.outlineStyle, outlineWidth: style.outlineWidth,
            boxShadow: style.boxShadow, opacity: style.opacity,
          };
        }"""
    )
    assert focused["tag"] == "A" and focused["text"] == "Skip to content", focused
    indicator = (focused["outline"] != "none" and focused["outlineWidth"] != "0px") or focused["boxShadow"] != "none"
    assert indicator, f"the focused skip link has no visible focus indicator: {focused}"
    assert focused["opacity"] == "1", focused
