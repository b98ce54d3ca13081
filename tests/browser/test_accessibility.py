"""axe-core's WCAG 2.0, 2.1 and 2.2 level A and AA rules on every page of the built site, and on
the states a visitor reaches with the mouse or keyboard: search open with results, and a page
opened from a search result with the searched words highlighted.

A failure is fixed in the site (overrides/, the "accessibility fixes" section of
docs/assets/kb.css, templates/), never by turning an axe rule off.
"""
from __future__ import annotations

import time

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


def test_every_page_passes_axe(axe_tab, site_url, pages, axe_source):
    problems: list[str] = []
    started = time.perf_counter()
    for path in pages:
        axe_tab.goto(site_url + path, wait_until="load")
        problems += describe(path, axe_violations(axe_tab, axe_source))
    seconds = time.perf_counter() - started
    print(f"axe-core ran on {len(pages)} pages in {seconds:.1f} s")
    assert not problems, f"{len(problems)} WCAG violations on {len(pages)} pages:\n" + "\n".join(problems)


def test_search_with_results_passes_axe(page, site_url, axe_source, search):
    page.goto(site_url + "/", wait_until="load")
    results = search(page, "market facilitation")
    assert results.count() > 0
    problems = describe("/ with search results open", axe_violations(page, axe_source))
    # Not in the WCAG tag set (axe files it as best practice), but a dialog needs a name.
    problems += describe(
        "/ with search results open",
        axe_violations(page, axe_source, {"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}}),
    )
    assert not problems, "\n".join(problems)


def test_page_opened_from_search_with_highlights_passes_axe(page, site_url, axe_source, search):
    page.goto(site_url + "/", wait_until="load")
    search(page, "market facilitation").first.click()
    page.wait_for_load_state("load")
    page.locator("article mark").first.wait_for(state="visible")  # search.highlight marked the words
    problems = describe(f"{page.url} (search words highlighted)", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)
