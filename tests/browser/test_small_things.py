"""The smaller things a reader meets: tap targets, tabbing past search, the 404 page, the
checklist's second set, and the navigation not listing the same thing twice."""
from __future__ import annotations

import pytest

FOCUSED = """() => {
  const e = document.activeElement;
  const box = e.getBoundingClientRect();
  return {tag: e.tagName, cls: String(e.className), width: box.width, height: box.height, top: box.top, left: box.left,
          searchOpen: document.getElementById('__search').checked,
          hiddenAncestor: !!e.closest('[hidden]') || getComputedStyle(e).visibility === 'hidden'};
}"""


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_tabbing_past_the_search_box_leaves_focus_visible_and_the_page_ungreyed(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "/findings/3-4/", wait_until="load")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('input.md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # Material's dialog closes on a transition
    focused = page.evaluate(FOCUSED)
    assert not focused["searchOpen"], "the search overlay stays over the page"
    assert focused["width"] > 1 and focused["height"] > 1 and not focused["hiddenAncestor"], focused
    assert 0 <= focused["left"] < width and -1 <= focused["top"] < height, f"focus is off screen: {focused}"


@pytest.mark.parametrize("width", [390, 1280])
def test_glossary_letters_are_tap_targets_of_at_least_24_px(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "/glossary/", wait_until="load")
    boxes = page.locator(".kb-letters a").evaluate_all("links => links.map(a => [a.textContent, a.getBoundingClientRect().width, a.getBoundingClientRect().height])")
    assert len(boxes) > 10
    small = [box for box in boxes if box[1] < 24 or box[2] < 24]
    assert small == []


def test_the_404_page_offers_search_home_and_short_addresses(page, site_url):
    # The test server does not stand in for the host's "serve 404.html for a missing page": open it.
    page.goto(site_url + "/404.html", wait_until="load")
    article = page.locator("article")
    assert "Page not found" in article.inner_text()
    for href in ("/go/3.4/", "/case-studies/", "/glossary/"):
        assert article.locator(f"a[href$='{href}']").count() >= 1, href
    assert article.get_by_role("link", name="home page").count() == 1
    page.get_by_role("button", name="Search the knowledge base").click()
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")


def test_a_checklist_set_not_being_scored_shows_no_empty_score_columns(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/checklist/", wait_until="load")
    sppn = page.locator("table[data-kb-checklist-set='principle-set-sppn']")
    sppn.locator("tbody tr").first.wait_for()
    page.locator("html.kb-cl-enhanced").wait_for(state="attached")
    assert sppn.locator("th.kb-checklist__col-score").is_hidden()
    assert sppn.locator("td.kb-checklist__score").first.is_hidden()
    assert "No wording of its own" not in sppn.inner_text()


def test_the_navigation_lists_the_case_studies_by_care_area_once(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/", wait_until="load")
    nav = page.locator(".md-sidebar--primary")
    assert nav.get_by_role("link", name="By care area", exact=True).count() == 1
    assert nav.get_by_role("link", name="By tag", exact=True).count() == 0
