"""What visitors do, end to end, in a real browser: search, browse, follow a permalink, and
start keyboard navigation."""
from __future__ import annotations

import re

import pytest


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


# ---------------------------------------------------------------- the three journeys of issue 18, at desktop and phone sizes

SIZES = [pytest.param(1280, 800, id="desktop-1280x800"), pytest.param(390, 844, id="phone-390x844")]


def first_paragraph(page):
    return page.locator("article h1 ~ p, article h1 ~ div > p").first


@pytest.mark.parametrize("width, height", SIZES)
def test_journey_theme_to_case_study_to_finding(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "/", wait_until="load")
    page.locator("article a[href='themes/3/']").click()
    page.wait_for_url(re.compile(r"/themes/3/$"))
    assert h1_text(page).startswith("Theme 3")

    case_studies = page.locator("article h2#case-studies ~ ul > li > a[href*='case-studies/']")
    assert case_studies.count() >= 1, "the theme lists the case studies that evidence it"
    name = case_studies.first.inner_text()
    case_studies.first.click()
    page.wait_for_url(re.compile(r"/case-studies/[a-z-]+/$"))
    assert h1_text(page) == name
    summary = first_paragraph(page)
    assert summary.bounding_box()["y"] < height, "the summary is on the first screen"
    assert "case-study-" not in summary.inner_text() and "Detail" not in summary.inner_text()

    finding = page.locator("#findings ~ ul a[href*='findings/']").first
    finding.click()
    page.wait_for_url(re.compile(r"/findings/\d+-\d+/$"))
    assert h1_text(page).startswith("Finding")
    assert first_paragraph(page).bounding_box()["y"] < height


@pytest.mark.parametrize("width, height", SIZES)
def test_journey_look_up_a_term(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "/", wait_until="load")
    page.get_by_role("link", name="Glossary A–Z").click()
    page.wait_for_url(re.compile(r"/glossary/$"))
    page.locator(".kb-letters a", has_text=re.compile(r"^E$")).click()
    entry = page.locator("#letter-e ~ ul li").filter(has=page.locator("a", has_text=re.compile(r"^Ethical commissioning$"))).first
    assert entry.inner_text().rstrip().endswith("."), "the index gives the definition's whole first sentence"
    entry.get_by_role("link", name="Ethical commissioning", exact=True).click()
    page.wait_for_url(re.compile(r"/glossary/ethical-commissioning/$"))
    plain = first_paragraph(page)
    assert plain.inner_text().startswith("Commissioning that puts people"), "plain words first"
    assert plain.bounding_box()["y"] < height
    quotation = page.locator("article blockquote").first
    assert quotation.bounding_box()["y"] > plain.bounding_box()["y"], "the policy quotation follows the plain words"


@pytest.mark.parametrize("width, height", SIZES)
def test_journey_copy_a_citation_and_open_its_link(page, site_url, width, height):
    import datetime as dt
    from urllib.parse import urlsplit

    page.set_viewport_size({"width": width, "height": height})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "/findings/3-3/", wait_until="load")
    page.get_by_role("button", name="Copy citation").click()
    page.locator(".kb-cite__status").filter(has_text="Copied").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    today = dt.date.today()
    assert copied.startswith("Healthcare Improvement Scotland (2024) ‘Finding 3.3"), copied
    assert f"(Accessed: {today.day} {today:%B %Y})." in copied

    with page.expect_download() as download:
        page.get_by_role("link", name="Download BibTeX").click()
    bibtex = open(download.value.path(), encoding="utf-8").read()
    assert "author = {{Healthcare Improvement Scotland}}" in bibtex and "year = {2024}" in bibtex
    assert f"urldate = {{{today.isoformat()}}}" in bibtex, "the download carries the reader's date"

    link = re.search(r"Available at: (\S+)", copied).group(1)
    # The test site is built with the development address; its path is what must resolve here.
    response = page.goto(site_url + urlsplit(link).path, wait_until="load")
    assert response is not None and response.ok
    assert h1_text(page).startswith("Finding 3.3")
