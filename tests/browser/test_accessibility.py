"""axe-core's WCAG 2.0, 2.1 and 2.2 level A and AA rules on every page of the built site, and on
the states a visitor reaches with the mouse or keyboard: search open with results, and a page
opened from a search result with the searched words highlighted.

A failure is fixed in the site (overrides/, the "accessibility fixes" section of
docs/assets/kb.css, templates/), never by turning an axe rule off.
"""
from __future__ import annotations

import time

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
RUN_AXE = """options => axe.run(document, options).then(results => results.violations.map(v => ({
  id: v.id,
  impact: v.impact,
  help: v.help,
  targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
})))"""


def axe_violations(page, axe_source: str, options: dict = AXE_OPTIONS) -> list[dict]:
    """Run axe on the page as it is now, injecting axe-core first if the page lacks it."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE, options)


def describe(where: str, violations: list[dict]) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}: {v['help']}) at {' , '.join(v['targets'])}"
        for v in violations
    ]


WIDTHS = (320, 768, 1280)
"""A phone, a tablet and a laptop: Material switches layout (drawer, sidebars) between them."""
HEIGHT = 720


def test_every_page_passes_axe_at_320_768_and_1280_px(axe_tab, site_url, pages, axe_source):
    """Each page is loaded once and checked at every width: resizing the one tab relays it out."""
    problems: list[str] = []
    started = time.perf_counter()
    for path in pages:
        axe_tab.set_viewport_size({"width": WIDTHS[-1], "height": HEIGHT})
        axe_tab.goto(site_url + path, wait_until="load")
        for width in reversed(WIDTHS):
            axe_tab.set_viewport_size({"width": width, "height": HEIGHT})
            problems += describe(f"{path} at {width}px", axe_violations(axe_tab, axe_source))
    seconds = time.perf_counter() - started
    print(f"axe-core ran on {len(pages)} pages at {len(WIDTHS)} widths in {seconds:.1f} s")
    assert not problems, f"{len(problems)} WCAG violations on {len(pages)} pages:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_with_results_passes_axe(page, site_url, axe_source, search, width):
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.goto(site_url + "/", wait_until="load")
    results = search(page, "market facilitation")
    assert results.count() > 0
    where = f"/ with search results open at {width}px"
    problems = describe(where, axe_violations(page, axe_source))
    # Not in the WCAG tag set (axe files it as best practice), but a dialog needs a name.
    problems += describe(where, axe_violations(page, axe_source, {"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}}))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_shown_link_preview_passes_axe(page, site_url, axe_source, width):
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.goto(site_url + "/case-studies/edinburgh/", wait_until="load")
    page.locator("article a[href*='findings/']").first.focus()
    page.locator("#kb-preview").wait_for(state="visible")
    problems = describe(f"/case-studies/edinburgh/ with a preview shown at {width}px", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_filled_in_checklist_passes_axe(page, site_url, axe_source, width):
    from .test_checklist import PATH, forget, score_and_comment

    page.set_viewport_size({"width": width, "height": HEIGHT})
    forget(page, site_url)
    page.goto(site_url + PATH, wait_until="load")
    page.locator(".kb-cl-panel").wait_for()
    try:
        score_and_comment(page)
        problems = describe(f"{PATH} filled in at {width}px", axe_violations(page, axe_source))
    finally:
        forget(page, site_url)  # the browser context is shared: leave nothing behind
    assert not problems, "\n".join(problems)


def test_the_evidence_map_uses_the_whole_width_at_1280_px(page, site_url):
    """No table of contents beside the grids: at a laptop's width every column is in view."""
    page.set_viewport_size({"width": 1280, "height": HEIGHT})
    page.goto(site_url + "/evidence-map/", wait_until="load")
    assert not page.locator(".md-sidebar--secondary").is_visible(), "the table of contents takes width from the grids"
    cut_off = page.evaluate("""() => [...document.querySelectorAll('.kb-em')]
        .filter(box => box.scrollWidth > box.clientWidth + 1)
        .map(box => `${box.querySelector('caption').innerText}: ${box.scrollWidth}px in ${box.clientWidth}px`)""")
    assert not cut_off, "grids scroll sideways at 1280px:\n" + "\n".join(cut_off)


def test_page_opened_from_search_with_highlights_passes_axe(page, site_url, axe_source, search):
    page.goto(site_url + "/", wait_until="load")
    search(page, "market facilitation").first.click()
    page.wait_for_load_state("load")
    page.locator("article mark").first.wait_for(state="visible")  # search.highlight marked the words
    problems = describe(f"{page.url} (search words highlighted)", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)
