"""The evidence pack and "Copy quote with link" in a real browser: adding and removing records,
reordering by keyboard, surviving a reload, the Harvard reference list on the clipboard (plain and
rich text), BibTeX and RIS downloads, the printed one-page brief, export and import (bad files
refused, nothing lost), a copied quote link that opens the page at the sentence, axe-core with the
pack filled, the page without JavaScript, and no request to another origin."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import new_context
from .test_accessibility import axe_violations, describe

PACK = "/evidence-pack/"
KEY = "eckb-evidence-pack"
FINDING = "/findings/3-4/"
CASE_STUDY = "/case-studies/falkirk/"
TERM = "/glossary/commissioning/"
PICKS = [FINDING, CASE_STUDY, TERM]
SENTENCE_PAGE = "/case-studies/falkirk/"


def forget(page, site_url):
    """Empty the site's localStorage from a light document of the same origin (no page scripts)."""
    page.goto(site_url + "/assets/evidence-pack.css")
    page.evaluate("() => localStorage.clear()")


def stored(page) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return json.loads(raw) if raw else None


def toggle(page):
    """The page's own record's button, under "Cite this" (an area's actions and a set's principles have their own)."""
    return page.locator("[data-kb-pack-own] button")


def add(page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    expect(toggle(page)).to_have_text("Add to evidence pack")
    toggle(page).click()
    expect(toggle(page)).to_have_text("Remove from evidence pack")


def shown_ids(page) -> list[str]:
    return page.locator(".kb-pack__item").evaluate_all("items => items.map(i => i.dataset.kbPackId)")


def record_title(page, site_url, path) -> str:
    page.goto(site_url + path, wait_until="load")
    return page.locator("h1").first.inner_text().strip()


@pytest.fixture
def clean(page, site_url):
    """A tab with nothing in the pack, page errors collected, confirmation dialogs accepted."""
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    forget(page, site_url)
    yield page
    errors = list(page.errors)
    forget(page, site_url)  # the browser context is shared: leave nothing behind
    assert errors == [], errors


@pytest.fixture
def filled(clean, site_url):
    """The pack page with a finding, a case study and a definition, added in that order."""
    for path in PICKS:
        add(clean, site_url, path)
    clean.goto(site_url + PACK, wait_until="load")
    expect(clean.locator(".kb-pack__item")).to_have_count(3)
    return clean


@pytest.fixture
def clipboard_tab(chromium, site_url):
    """A tab in a context of its own that may read and write the clipboard (the shared one may not)."""
    ctx = new_context(chromium, site_url)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    tab = ctx.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    try:
        yield tab
        assert tab.errors == [], tab.errors
        assert ctx.foreign_requests == [], ctx.foreign_requests
    finally:
        ctx.close()


def read_clipboard(page) -> dict[str, str]:
    return page.evaluate("""async () => {
      const out = {};
      for (const item of await navigator.clipboard.read())
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
      return out;
    }""")


# ---------------------------------------------------------------- record pages


def test_a_record_is_added_and_removed_with_one_button_and_the_header_counts_it(clean, site_url):
    page = clean
    page.goto(site_url + FINDING, wait_until="load")
    count = page.locator("[data-kb-pack-count]")
    expect(count).to_be_hidden()
    toggle(page).click()
    expect(toggle(page)).to_have_text("Remove from evidence pack")
    expect(page.locator("[data-kb-pack-own] [role=status]")).to_have_text("Added to your evidence pack. It has 1 item.")
    expect(count).to_have_text("(1)")
    assert [item["id"] for item in stored(page)["items"]] == ["finding-3-4"]

    page.reload(wait_until="load")
    expect(toggle(page)).to_have_text("Remove from evidence pack")
    toggle(page).focus()
    page.keyboard.press("Enter")
    expect(toggle(page)).to_have_text("Add to evidence pack")
    expect(page.locator("[data-kb-pack-own] [role=status]")).to_contain_text("Removed from your evidence pack")
    expect(count).to_be_hidden()
    assert stored(page)["items"] == []


def test_every_kind_of_record_page_offers_the_pack_with_its_own_citation(clean, site_url):
    page = clean
    for path in [FINDING, CASE_STUDY, TERM, "/actions/4-1/", "/principles/ccps/", "/themes/3/", "/sources/ccps-2021/"]:
        page.goto(site_url + path, wait_until="load")
        expect(toggle(page)).to_be_visible()
        item = json.loads(page.locator("[data-kb-pack-own]").get_attribute("data-kb-pack-item"))
        shown_citation = page.locator("#citation-text").inner_text()
        assert item["harvard"] == shown_citation, path
        assert item["url"] == page.locator("#citation-link").inner_text(), path
        assert item["title"] == page.locator("h1").first.inner_text().rstrip("¶ \n"), path


def test_each_action_of_an_area_can_be_added_on_its_own(clean, site_url):
    page = clean
    page.goto(site_url + "/actions/4-1/", wait_until="load")
    buttons = page.get_by_role("button", name=re.compile(r"^Add to evidence pack\s*: Action 4\.1"))
    assert buttons.count() >= 2
    buttons.first.click()
    expect(page.locator("#action-4-1-a ~ .kb-pack-toggle").first.locator("button")).to_contain_text("Remove from evidence pack")
    expect(toggle(page)).to_have_text("Add to evidence pack")  # the area itself is not added
    item = stored(page)["items"][0]
    assert item["id"] == "action-4-1-a" and item["kind"] == "action"
    assert item["url"].endswith("/actions/4-1/#action-4-1-a")
    assert item["words"], "an action is the report's own words"
    page.goto(site_url + PACK, wait_until="load")
    expect(page.locator(".kb-pack__item")).to_contain_text("Action")
    expect(page.locator(".kb-pack__item a")).to_have_attribute("href", item["url"])


# ---------------------------------------------------------------- the pack page


def test_the_pack_page_lists_the_picks_in_order_and_keeps_them_after_a_reload(filled):
    page = filled
    assert shown_ids(page) == ["finding-3-4", "case-study-falkirk", "term-commissioning"]
    expect(page.locator(".kb-pack__summary")).to_have_text("Your pack has 3 items.")
    expect(page.locator(".kb-pack__item").first).to_contain_text("Challenging myths")
    page.reload(wait_until="load")
    assert shown_ids(page) == ["finding-3-4", "case-study-falkirk", "term-commissioning"]
    expect(page.get_by_text("saved only in this web browser")).to_be_visible()


def test_items_move_up_and_down_by_keyboard_with_focus_kept_and_the_move_announced(filled, site_url):
    page = filled
    first_down = page.locator("[data-kb-pack-id=finding-3-4] [data-kb-pack-move=down]")
    first_down.focus()
    page.keyboard.press("Enter")
    assert shown_ids(page) == ["case-study-falkirk", "finding-3-4", "term-commissioning"]
    focused = page.evaluate("() => [document.activeElement.closest('[data-kb-pack-id]').dataset.kbPackId, document.activeElement.dataset.kbPackMove]")
    assert focused == ["finding-3-4", "down"]
    expect(page.locator(".kb-pack__status")).to_contain_text("now 2 of 3")
    page.keyboard.press("Enter")  # still on the same item's Move down: it goes last
    assert shown_ids(page) == ["case-study-falkirk", "term-commissioning", "finding-3-4"]
    page.keyboard.press("Enter")  # already last: nothing moves, and it says so
    expect(page.locator(".kb-pack__status")).to_contain_text("already last")
    page.keyboard.press("Shift+Tab")  # Move up of the same item
    page.keyboard.press("Enter")
    assert shown_ids(page) == ["case-study-falkirk", "finding-3-4", "term-commissioning"]
    references = page.locator(".kb-pack__reference").all_inner_texts()
    assert "case-studies/falkirk/" in references[0] and "findings/3-4/" in references[1]
    page.reload(wait_until="load")
    assert shown_ids(page) == ["case-study-falkirk", "finding-3-4", "term-commissioning"]


def test_grouping_by_kind_shows_a_heading_per_kind(filled):
    page = filled
    page.get_by_label("Group by kind").check()
    headings = page.locator(".kb-pack__items h3").all_inner_texts()
    assert headings == ["Findings (1)", "Case studies (1)", "Glossary terms (1)"]
    page.reload(wait_until="load")
    expect(page.get_by_label("Group by kind")).to_be_checked()


def test_removing_an_item_on_the_pack_page_moves_focus_to_the_next(filled):
    page = filled
    page.locator("[data-kb-pack-id=finding-3-4] [data-kb-pack-move=remove]").click()
    assert shown_ids(page) == ["case-study-falkirk", "term-commissioning"]
    expect(page.locator(".kb-pack__status")).to_contain_text("2 items left")
    assert page.evaluate("() => document.activeElement.closest('[data-kb-pack-id]').dataset.kbPackId") == "case-study-falkirk"


def export(page, name: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=name, exact=True).click()
    download = info.value
    with open(download.path(), encoding="utf-8", newline="") as handle:
        return download.suggested_filename, handle.read()


def test_bibtex_and_ris_downloads_hold_every_item_with_todays_access_date(filled, site_url):
    page = filled
    today = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')].join('-'); }")
    name, bib = export(page, "Download BibTeX")
    assert name == f"evidence-pack-{today}.bib"
    assert re.findall(r"^@misc\{([\w-]+),", bib, re.M) == ["finding-3-4", "case-study-falkirk", "term-commissioning"]
    assert bib.count(f"urldate = {{{today}}}") == 3
    # Otherwise the same entries as each record's own BibTeX file under /cite/.
    single = page.evaluate("url => fetch(url).then(r => r.text())", site_url + "/cite/finding-3-4.bib")
    without_date = lambda entry: re.sub(r",?\n\s*urldate = \{[^}]*\}", "", entry).strip()  # noqa: E731
    assert without_date(bib.split("\n\n")[0]) == without_date(single)

    name, ris = export(page, "Download RIS")
    assert name == f"evidence-pack-{today}.ris"
    records = [record for record in ris.split("ER  - \r\n") if record.strip()]
    assert len(records) == 3
    assert all(f"Y2  - {today.replace('-', '/')}\r\n" in record for record in records)
    assert "ID  - case-study-falkirk\r\n" in records[1]


def test_print_shows_only_the_evidence_brief_on_one_a4_page(filled):
    page = filled
    brief = page.locator(".kb-pack__brief")
    expect(brief.locator(".kb-pack__brief-item")).to_have_count(3)
    expect(brief.locator(".kb-pack__brief-item").first.locator("blockquote").first).to_be_visible()  # the report's words
    page.emulate_media(media="print")
    try:
        expect(brief).to_be_visible()
        for hidden in ["h1", ".kb-pack__tools", ".kb-pack__items", ".kb-pack__references", ".md-header", ".md-sidebar--primary", ".admonition"]:
            expect(page.locator(hidden).first).to_be_hidden()
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.emulate_media(media="screen")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the brief of 3 items printed on {pages} A4 pages"


def test_export_then_import_restores_the_pack_and_adds_only_what_is_new(filled, site_url):
    page = filled
    name, text = export(page, "Export pack (JSON)")
    exported = json.loads(text)
    assert exported["format"] == "eckb-evidence-pack" and [item["id"] for item in exported["items"]] == ["finding-3-4", "case-study-falkirk", "term-commissioning"]

    page.locator("[data-kb-pack-id=case-study-falkirk] [data-kb-pack-move=remove]").click()
    page.locator("[data-kb-pack-id=term-commissioning] [data-kb-pack-move=remove]").click()
    assert shown_ids(page) == ["finding-3-4"]
    page.set_input_files("#kb-pack-import", files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}])
    expect(page.locator(".kb-pack__status")).to_contain_text("Imported 2 items")
    expect(page.locator(".kb-pack__status")).to_contain_text("1 was already in your pack")
    assert shown_ids(page) == ["finding-3-4", "case-study-falkirk", "term-commissioning"]


@pytest.mark.parametrize("content, message", [
    ("this is not json", "not JSON"),
    ('{"format": "eckb-checklist", "version": 1, "assessment": {}}', "not an evidence pack"),
    ("BROKEN_URL", "permanent link is not in the form"),
    ("UNKNOWN_KIND", "of a kind this page does not know"),
])
def test_a_bad_import_file_is_refused_with_a_message_and_the_pack_is_unchanged(filled, content, message):
    page = filled
    before = stored(page)
    if content in ("BROKEN_URL", "UNKNOWN_KIND"):
        pack = {"format": "eckb-evidence-pack", "version": 1, "items": [dict(before["items"][0], id="finding-9-9")]}
        if content == "BROKEN_URL":
            pack["items"][0]["url"] = "javascript:alert(1)"
        else:
            pack["items"][0]["kind"] = "spell"
        content = json.dumps(pack)
    page.set_input_files("#kb-pack-import", files=[{"name": "pack.json", "mimeType": "application/json", "buffer": content.encode()}])
    alert = page.locator(".kb-pack__alert")
    expect(alert).to_contain_text("Could not import “pack.json”")
    expect(alert).to_contain_text(message)
    expect(alert).to_contain_text("Your pack is unchanged.")
    assert stored(page) == before
    assert shown_ids(page) == ["finding-3-4", "case-study-falkirk", "term-commissioning"]


def test_the_filled_pack_page_passes_axe(filled, axe_source):
    page = filled
    page.get_by_label("Group by kind").check()
    problems = describe(PACK + " (filled, grouped)", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)


def test_the_pack_makes_no_request_to_another_origin(filled, context):
    page = filled
    page.get_by_role("button", name="Download BibTeX", exact=True)  # the page is ready
    assert context.foreign_requests == []


def test_without_javascript_the_pack_page_says_so_and_record_pages_keep_their_citation(chromium, site_url):
    ctx = chromium.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_url + PACK, wait_until="load")
        expect(page.locator(".kb-pack__nojs")).to_be_visible()
        expect(page.locator(".kb-pack__nojs")).to_contain_text("This page needs JavaScript")
        page.goto(site_url + FINDING, wait_until="load")
        expect(page.locator("#citation-text")).to_contain_text("‘Finding 3.4")
        expect(page.locator("#citation-text")).to_contain_text("Available at: http")
        expect(page.locator("[data-kb-pack-own] button")).to_be_hidden()  # a button that could not work is not shown
    finally:
        ctx.close()


# ---------------------------------------------------------------- the clipboard


def test_copy_references_writes_plain_text_and_rich_text_with_links(clipboard_tab, site_url):
    page = clipboard_tab
    for path in [FINDING, TERM]:
        add(page, site_url, path)
    page.goto(site_url + PACK, wait_until="load")
    page.get_by_role("button", name="Copy references").click()
    expect(page.locator(".kb-pack__status")).to_contain_text("Copied 2 references")
    copied = read_clipboard(page)
    today = page.evaluate("() => new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    lines = copied["text/plain"].strip().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("Healthcare Improvement Scotland (2024)") and "Available at: http" in lines[0]
    assert lines[0].endswith(f"findings/3-4/ (Accessed: {today}).")
    links = re.findall(r'<a href="([^"]+)">', copied["text/html"])
    assert [urlsplit(link).path for link in links] == ["/findings/3-4/", "/glossary/commissioning/"]


SENTENCE_SCRIPT = """sentence => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.data.indexOf(sentence);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + sentence.length);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


def a_sentence_low_on_the_page(page) -> str:
    """A whole sentence from a paragraph or list item well below the first screen."""
    return page.evaluate("""() => {
      for (const node of document.querySelectorAll('article li, article p')) {
        const top = node.getBoundingClientRect().top + scrollY;
        if (top < innerHeight * 1.5 || node.closest('.kb-cite, .kb-pack-toggle, .admonition')) continue;
        const text = node.firstChild && node.firstChild.nodeType === 3 ? node.firstChild.data : '';
        const match = text.match(/[A-Z][^.;:]{40,160}[.;]/);
        if (match) return match[0];
      }
      return null;
    }""")


def test_copy_quote_with_link_copies_the_words_the_citation_and_a_link_that_opens_at_the_sentence(clipboard_tab, site_url):
    page = clipboard_tab
    page.goto(site_url + SENTENCE_PAGE, wait_until="load")
    sentence = a_sentence_low_on_the_page(page)
    assert sentence, "no sentence found below the first screen"
    assert page.evaluate(SENTENCE_SCRIPT, sentence)
    copy = page.get_by_role("button", name="Copy quote with link")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator("[role=status]").filter(has_text="Copied the quote")).to_have_count(1)
    copied = read_clipboard(page)
    plain = copied["text/plain"]
    assert plain.startswith(f"“{sentence}”")
    assert page.locator("#citation-text").inner_text() in plain
    link = re.search(r"Link to this quote: (\S+)", plain).group(1)
    permanent = page.locator("#citation-link").inner_text()
    assert link.startswith(permanent + "#case-study-falkirk:~:text=")
    assert f'href="{link}"' in copied["text/html"].replace("&amp;", "&")

    # Opened (on the test server: the permanent address names the deployed site), the link
    # shows the sentence on screen; the record's own anchor alone (the fallback) does not.
    local = site_url + urlsplit(link).path + "#" + urlsplit(link).fragment
    reader = page.context.new_page()
    try:
        reader.goto(local.split(":~:")[0], wait_until="load")
        assert not reader.evaluate(IN_VIEW, sentence)
        reader.goto("about:blank")
        reader.goto(local, wait_until="load")
        reader.wait_for_function(IN_VIEW, arg=sentence)
    finally:
        reader.close()


IN_VIEW = """sentence => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (walker.currentNode.data.includes(sentence)) {
    const box = walker.currentNode.parentElement.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
  }
  return false;
}"""


SELECT_FROM = """([selector, start]) => {
  for (const node of document.querySelectorAll(selector)) {
    const text = node.firstChild;
    if (!text || text.nodeType !== 3 || !text.data.includes(start)) continue;
    const range = document.createRange();
    range.setStart(text, text.data.indexOf(start));
    range.setEnd(text, text.data.trimEnd().length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return range.toString();
  }
  return null;
}"""


def copy_quote(page) -> tuple[str, str]:
    """Press Copy quote with link; the copied plain text and the link in it."""
    page.get_by_role("button", name="Copy quote with link").click()
    expect(page.locator("[role=status]").filter(has_text="Copied the quote")).to_have_count(1)
    plain = read_clipboard(page)["text/plain"]
    return plain, re.search(r"Link to this quote: (\S+)", plain).group(1)


def test_a_quote_from_an_action_cites_that_action_and_links_to_it(clipboard_tab, site_url):
    page = clipboard_tab
    page.goto(site_url + "/actions/4-1/", wait_until="load")
    quoted_words = page.evaluate(SELECT_FROM, ["#action-4-1-b ~ blockquote p", ""])
    assert quoted_words
    plain, link = copy_quote(page)
    assert "‘Action 4.1(b)" in plain and "record action-4-1-b" in plain
    assert urlsplit(link).fragment.startswith("action-4-1-b:~:text=")


def test_a_quote_whose_first_words_recur_earlier_on_the_page_links_to_the_words_selected(clipboard_tab, site_url):
    page = clipboard_tab
    page.goto(site_url + FINDING, wait_until="load")
    # "long-held beliefs about what the" is in the summary and again in a key point below it.
    assert page.evaluate("() => document.querySelector('article').innerText.split('long-held beliefs about what the').length") == 3
    selected = page.evaluate(SELECT_FROM, ["article li", "long-held beliefs about what the law allows are"])
    assert selected and len(selected.split()) > 10
    _, link = copy_quote(page)
    assert "-,long%2Dheld%20beliefs" in link, link  # a prefix tells the two apart
    reader = page.context.new_page()
    try:
        reader.set_viewport_size({"width": 1280, "height": 300})  # short: the summary above the match is not wholly on screen
        reader.goto(site_url + urlsplit(link).path + "#" + urlsplit(link).fragment, wait_until="load")
        reader.wait_for_function(IN_VIEW, arg="long-held beliefs about what the law allows are")
        assert not reader.evaluate(IN_VIEW, "long-held beliefs about what the law allows were")
    finally:
        reader.close()


def test_a_page_with_the_quote_button_shown_passes_axe(clean, site_url, axe_source):
    page = clean
    page.goto(site_url + SENTENCE_PAGE, wait_until="load")
    assert page.evaluate(SENTENCE_SCRIPT, a_sentence_low_on_the_page(page))
    expect(page.get_by_role("button", name="Copy quote with link")).to_be_visible()
    problems = describe(SENTENCE_PAGE + " (quote button shown)", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)


def test_words_selected_with_the_mouse_offer_copy_quote_next_in_the_tab_order(clean, site_url):
    page = clean
    page.goto(site_url + SENTENCE_PAGE, wait_until="load")
    item = page.locator("article li").first
    item.scroll_into_view_if_needed()
    box = item.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 10, steps=5)
    page.mouse.up()
    assert page.evaluate("() => getSelection().toString().length") > 10
    expect(page.get_by_role("button", name="Copy quote with link")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Copy quote with link")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Copy quote with link")).to_be_hidden()
