"""Phones: no page is wider than a 320 or 390 px screen, the case-study list reads as cards, and
no floating button covers the text."""
from __future__ import annotations

import pytest

from .conftest import new_context, tab_without_search_index

NARROW_WIDTHS = (320, 390)

OVERLAYS = """() => [...document.querySelectorAll('body *')].filter(e => {
  const style = getComputedStyle(e);
  if (style.position !== 'fixed' || style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') return false;
  if (e.closest('.md-header, .md-search, .md-sidebar, [hidden]')) return false;  // the app bar; drawers and search closed
  const box = e.getBoundingClientRect();
  return box.width > 1 && box.height > 1 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
}).map(e => e.className || e.tagName)"""


@pytest.fixture(scope="module")
def phone_tab(chromium, site_url):
    """One tab for the every-page sweep; the search index is not served to it (the search
    dialog stays closed, and building the index on each page would only slow the sweep)."""
    ctx = new_context(chromium, site_url)
    tab = tab_without_search_index(ctx)
    tab.set_viewport_size({"width": NARROW_WIDTHS[0], "height": 800})
    try:
        yield tab
    finally:
        ctx.close()


def test_no_page_is_wider_than_a_320_or_390_px_screen(phone_tab, site_url, pages):
    too_wide = []
    for path in pages:
        phone_tab.set_viewport_size({"width": NARROW_WIDTHS[0], "height": 800})
        phone_tab.goto(site_url + path, wait_until="load")
        for width in NARROW_WIDTHS:
            if width != NARROW_WIDTHS[0]:
                phone_tab.set_viewport_size({"width": width, "height": 800})
            scroll_width = phone_tab.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide.append(f"{path} at {width} px: {scroll_width} px wide")
    assert too_wide == []


def test_the_case_study_list_becomes_cards_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "/case-studies/", wait_until="load")
    rows = page.locator(".kb-cards tbody tr")
    assert rows.count() == 8
    first = rows.first
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    labels = first.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert '"Type: "' in labels and '"Area: "' in labels, labels
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_no_floating_button_covers_the_checklist_after_scrolling(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "/checklist/", wait_until="load")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    page.mouse.wheel(0, -600)  # Material showed "Back to top" over the text on scrolling up
    page.wait_for_timeout(400)
    assert page.evaluate(OVERLAYS) == []
