"""Keyboard use without traps, printing a case study, and the offline bundle's search from file://."""
from __future__ import annotations


import pytest

from conftest import build_offline_site

from .conftest import VIEWPORT, open_search


def test_tabbing_moves_through_a_page_without_a_trap(page, site_url):
    page.goto(site_url + "/findings/3-4/", wait_until="load")
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        # The element's place in the document tells two links to the same address apart (the
        # "Cite this" link of a record's details and the Cite this heading's own permalink).
        seen.append(page.evaluate("() => { const el = document.activeElement; return el.tagName + '|' + (el.getAttribute('href') || el.textContent.trim().slice(0, 40)) + '|' + Array.prototype.indexOf.call(document.getElementsByTagName('*'), el) }"))
    repeats = [a for a, b in zip(seen, seen[1:]) if a == b]
    assert not repeats, f"focus stuck on {repeats[:3]}"
    assert len(set(seen)) > 40, "Tab should walk through the page's links and buttons"
    assert any("cite" in item.lower() or "Copy" in item for item in seen), "the Cite this buttons are reachable"


# A printed case study's length and type sizes: tests/browser/test_print.py.


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    return build_offline_site(tmp_path_factory.mktemp("offline"))


def test_the_offline_bundle_searches_from_the_file_system(chromium, offline_site):
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto((offline_site / "index.html").as_uri(), wait_until="load")
        open_search(page, "market facilitation").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://") and page.url.split("?")[0].endswith("glossary/market-facilitation.html")
    finally:
        context.close()
