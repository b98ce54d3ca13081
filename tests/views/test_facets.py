"""Facets (/browse/...): each facet page lists exactly the right case studies, computed here from the
data; case study pages link to their facets; the case-study index is a sortable, filterable table."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from eckb.pipeline import build_pages

TEMPLATES = ROOT / "templates"
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES)
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def by_position(records):
    return [record.id for record in sorted(records, key=lambda record: record.position)]


def listed(page: Path) -> list[tuple[str, list[str]]]:
    """The case studies a facet page lists (top-level items), each with the findings nested under it."""
    items: list[tuple[str, list[str]]] = []
    for line in page.read_text(encoding="utf-8").splitlines():
        top = re.match(r"- \[[^\]]*\]\(\.\./\.\./case-studies/([a-z0-9-]+)\.md\): \S", line)
        nested = re.match(r" {4}- \[[^\]]*\]\(\.\./\.\./findings/([0-9-]+)\.md\)$", line)
        if top:
            items.append((f"case-study-{top.group(1)}", []))
        elif nested:
            items[-1][1].append(f"finding-{nested.group(1)}")
    return items


def test_organisation_type_pages_list_exactly_their_case_studies(base, generated):
    types = {cs.organisation_type for cs in base.of_kind("case-study")}
    pages = sorted(p.name for p in (generated / "browse/type").glob("*.md"))
    assert pages == sorted(f"{t.lower()}.md" for t in types)
    for organisation_type in types:
        expected = by_position(cs for cs in base.of_kind("case-study") if cs.organisation_type == organisation_type)
        assert [cs for cs, _ in listed(generated / f"browse/type/{organisation_type.lower()}.md")] == expected


def test_area_pages_list_exactly_their_case_studies(base, generated):
    areas = {cs.area for cs in base.of_kind("case-study")}
    assert sorted(p.name for p in (generated / "browse/area").glob("*.md")) == sorted(f"{slug(a)}.md" for a in areas)
    for area in areas:
        expected = by_position(cs for cs in base.of_kind("case-study") if cs.area == area)
        assert [cs for cs, _ in listed(generated / f"browse/area/{slug(area)}.md")] == expected


def test_theme_pages_list_the_case_studies_evidencing_the_theme_with_which_findings(base, generated):
    for theme in base.of_kind("theme"):
        theme_findings = [f.id for f in base.of_kind("finding") if f.theme == theme.id]
        expected = []
        for case_study in sorted(base.of_kind("case-study"), key=lambda cs: cs.position):
            linked = {link.finding for link in case_study.findings}
            evidenced = [f for f in theme_findings if f in linked]
            if evidenced:
                expected.append((case_study.id, evidenced))
        key = theme.id.removeprefix("theme-")
        assert listed(generated / f"browse/theme/{key}.md") == expected, theme.id


def test_facet_entries_give_the_first_sentence_of_the_summary(base, generated):
    falkirk = base.get("case-study-falkirk")
    page = (generated / f"browse/area/{slug(falkirk.area)}.md").read_text(encoding="utf-8")
    first = " ".join(falkirk.summary.split()).split(". ")[0] + "."
    assert first in page
    assert " ".join(falkirk.summary.split()) not in page, "only the first sentence"


def test_overview_links_every_facet_value_with_its_count(base, generated):
    overview = (generated / "browse/index.md").read_text(encoding="utf-8")
    case_studies = base.of_kind("case-study")
    for organisation_type in {cs.organisation_type for cs in case_studies}:
        count = sum(cs.organisation_type == organisation_type for cs in case_studies)
        assert f"](type/{organisation_type.lower()}.md) ({count})" in overview
    for area in {cs.area for cs in case_studies}:
        assert f"](area/{slug(area)}.md) ({sum(cs.area == area for cs in case_studies)})" in overview
    for theme in base.of_kind("theme"):
        assert f"](theme/{theme.id.removeprefix('theme-')}.md)" in overview
    for care_area in base.of_kind("care-area"):
        count = sum(care_area.id in cs.care_areas for cs in case_studies)
        assert f"](../care-areas/{care_area.id.removeprefix('care-area-')}.md) ({count})" in overview
    for approach in base.of_kind("approach"):
        count = sum(approach.id in cs.approaches for cs in case_studies)
        assert f"](../approaches/{approach.id.removeprefix('approach-')}.md) ({count})" in overview
    assert "](../care-areas/index.md)" in overview and "](../approaches/index.md)" in overview


def test_facet_addresses_come_from_stable_values_not_titles(base, generated):
    pages = {p.relative_to(generated).as_posix() for p in (generated / "browse").rglob("*.md")}
    expected = {"browse/index.md"}
    expected |= {f"browse/type/{cs.organisation_type.lower()}.md" for cs in base.of_kind("case-study")}
    expected |= {f"browse/area/{slug(cs.area)}.md" for cs in base.of_kind("case-study")}
    expected |= {f"browse/theme/{t.id.removeprefix('theme-')}.md" for t in base.of_kind("theme")}
    assert pages == expected


def test_case_study_pages_link_to_their_facets(base, generated):
    for case_study in base.of_kind("case-study"):
        page = (generated / f"case-studies/{case_study.id.removeprefix('case-study-')}.md").read_text(encoding="utf-8")
        facts = page.split('<dl class="kb-details" markdown>', 1)[1].split("</dl>", 1)[0]
        rows = dict(re.findall(r"<dt>(.*?)</dt>\n<dd[^>]*>(.*?)</dd>", facts))
        assert LINK.findall(rows["Organisation type"]) == [f"../browse/type/{case_study.organisation_type.lower()}.md"]
        assert LINK.findall(rows["Area"]) == [f"../browse/area/{slug(case_study.area)}.md"]
        linked = {base.get(link.finding).theme for link in case_study.findings}
        themes = [t.id.removeprefix("theme-") for t in base.of_kind("theme") if t.id in linked]
        assert LINK.findall(rows["Research themes"]) == [f"../browse/theme/{key}.md" for key in themes]
        assert LINK.findall(rows["Care areas"]) == [f"../care-areas/{c.removeprefix('care-area-')}.md" for c in case_study.care_areas]


def test_case_study_index_is_a_sortable_table_with_the_agreed_columns(base, generated):
    page = (generated / "case-studies/index.md").read_text(encoding="utf-8")
    block = page.split('<div class="kb-sortable', 1)[1].split("</div>", 1)[0]
    assert block.split(">", 1)[0].rstrip().endswith("markdown"), "md_in_html renders the table inside the div"
    lines = [line for line in block.splitlines() if line.startswith("|")]
    assert [cell.strip() for cell in lines[0].strip("|").split("|")] == ["Order", "Case study", "Type", "Area", "Care areas", "Findings evidenced"]
    rows = lines[2:]
    assert len(rows) == len(base.of_kind("case-study"))
    for row, case_study in zip(rows, sorted(base.of_kind("case-study"), key=lambda cs: cs.position)):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0] == str(case_study.position) and cells[2] == case_study.organisation_type and cells[3] == case_study.area
        assert len(LINK.findall(cells[5])) == len(case_study.findings)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/table-sort.js" in config and "md_in_html" in config
    assert (ROOT / "docs/assets/table-sort.js").is_file()


@pytest.mark.browser
def test_case_study_index_sorts_and_filters_in_a_browser(base, built_site):
    """The script's behaviour in Debian's Chromium, when there is one (see tests/browser/)."""
    import functools
    import shutil
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        pytest.skip("no Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/case-studies/", wait_until="load")
            headers = page.locator(".kb-sortable th")
            assert headers.first.get_attribute("aria-sort") == "ascending"
            assert page.locator(".kb-sortable th button").count() == 6

            page.get_by_role("button", name="Area", exact=True).focus()
            page.keyboard.press("Enter")
            areas = page.eval_on_selector_all(".kb-sortable tbody tr", "rows => rows.map(r => r.cells[3].textContent.trim())")
            assert areas == sorted(areas, key=str.casefold)
            assert headers.nth(3).get_attribute("aria-sort") == "ascending" and headers.first.get_attribute("aria-sort") is None
            page.keyboard.press("Enter")
            assert headers.nth(3).get_attribute("aria-sort") == "descending"

            page.get_by_label("Filter case studies").fill("ADP")
            visible = page.eval_on_selector_all(".kb-sortable tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.cells[2].textContent.trim())")
            assert visible and set(visible) == {"ADP"}
            status = page.locator(".kb-sortable [role=status]")
            status.filter(has_text=f"Showing {len(visible)} of {len(base.of_kind('case-study'))}").wait_for()
            browser.close()
    finally:
        server.shutdown()
