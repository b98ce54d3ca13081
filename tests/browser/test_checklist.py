"""The self-assessment checklist in a real browser: scoring and comments that persist, several
named assessments compared, export and import that round-trip, hostile files and text that change
nothing and run nothing, no request to another origin, axe-core clean, a phone without sideways
scrolling, printing, and a complete table with JavaScript off."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import new_context
from .test_accessibility import axe_violations, describe

FORM_PATH = "/checklist/"
PATH = FORM_PATH + "?fill=principle-set-ccps"
"""Most tests score the CCPS principles: a first visit by this link starts with them."""
KEY = "eckb-checklist"
CSV_COLUMNS = ["number", "principle", "score", "comment", "assessment", "principle_set", "principle_id", "assessment_id", "format_version"]
HOSTILE = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
COMMENT = 'Monthly forum with providers, "shared" agenda, notes; next step:\nco-chair from the third sector. Naïve = fine'
FORMULA = "=HYPERLINK(\"http://example.invalid\", \"click\")"


def radio(principle: str, value: str) -> str:
    return f"#kb-cl-{principle}-{value}"


def comment_box(principle: str) -> str:
    return f"#kb-cl-comment-{principle}"


def stored(page) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return json.loads(raw) if raw else None


@pytest.fixture
def checklist(page, site_url):
    """The checklist page with nothing stored, page errors collected in `page.errors`, and every
    confirmation dialog accepted."""
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    forget(page, site_url)
    page.goto(site_url + PATH, wait_until="load")
    page.locator(".kb-cl-panel").wait_for()
    yield page
    errors = list(page.errors)
    forget(page, site_url)  # the browser context is shared: leave nothing behind
    assert errors == [], errors


@pytest.fixture
def printed_form(page, site_url):
    """The checklist page as a first visit sees it: the CCPS form as printed, nothing stored."""
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    forget(page, site_url)
    page.goto(site_url + FORM_PATH, wait_until="load")
    page.locator(".kb-cl-panel").wait_for()
    yield page
    errors = list(page.errors)
    forget(page, site_url)
    assert errors == [], errors


def forget(page, site_url):
    """Empty the site's localStorage from a light document of the same origin (no page scripts)."""
    page.goto(site_url + "/assets/checklist.css")
    page.evaluate("() => localStorage.clear()")


def score_and_comment(page):
    page.check(radio("principle-ccps-person-centred-human-rights", "2"))
    page.check(radio("principle-ccps-sharing-power", "1"))
    page.check(radio("principle-ccps-risk-enablement", "0"))
    page.check(radio("principle-ccps-learning", "2"))
    page.fill(comment_box("principle-ccps-sharing-power"), COMMENT)
    page.fill(comment_box("principle-ccps-learning"), FORMULA)
    page.locator(comment_box("principle-ccps-learning")).blur()
    expect(page.locator(".kb-cl-status")).to_contain_text("saved in this browser")


def export(page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    download = info.value
    with open(download.path(), encoding="utf-8") as handle:
        return download.suggested_filename, handle.read()


def import_file(page, name: str, content: bytes | str, mime: str = "application/octet-stream"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    page.set_input_files("#kb-cl-import", files=[{"name": name, "mimeType": mime, "buffer": content}])


def clear(page):
    page.get_by_role("button", name="Clear scores and comments").click()
    expect(page.locator(".kb-cl-status")).to_contain_text("Cleared")


def without_time(export_json: dict) -> dict:
    return {key: value for key, value in export_json.items() if key != "exported"}


# ---------------------------------------------------------------- the form as printed


def test_a_first_visit_gets_the_printed_form_and_its_written_in_elements_persist_and_export(printed_form):
    page = printed_form
    form = page.locator("#checklist-form-table")
    expect(form.locator("tbody tr")).to_have_count(8)
    expect(form).to_have_class(re.compile(r"\bkb-cl-active\b"))
    expect(page.locator("#checklist-ccps-table")).to_have_class(re.compile(r"\bkb-cl-inactive\b"))
    element = page.get_by_role("textbox", name="Element 1", exact=True)
    element.fill("Person centred, human rights focused")
    element.blur()
    page.check(radio("element-1", "2"))
    page.fill(comment_box("element-1"), "Good evidence from the forum")
    page.locator(comment_box("element-1")).blur()
    expect(page.locator(".kb-cl-status")).to_contain_text(re.compile("saved in this browser", re.IGNORECASE))
    expect(page.locator(".kb-cl-total")).to_have_text("Total: 2 out of 16, with 1 of 8 elements scored.")
    page.reload(wait_until="load")
    page.locator(".kb-cl-panel").wait_for()
    assert page.input_value("#kb-cl-element-element-1") == "Person centred, human rights focused"
    assert page.is_checked(radio("element-1", "2"))
    expect(page.locator(".kb-cl-chart li").first).to_contain_text("1. Person centred, human rights focused")
    name, text = export(page, "Export CSV")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 8 and {row["principle_set"] for row in rows} == {"ccps-checklist-form"}
    assert (rows[0]["principle"], rows[0]["score"], rows[1]["principle"]) == ("Person centred, human rights focused", "2", "")


# ---------------------------------------------------------------- scoring and persistence


def test_scores_and_comments_persist_after_reload(checklist):
    page = checklist
    score_and_comment(page)
    status = page.locator(".kb-cl-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    expect(page.locator(".kb-cl-total")).to_have_text("Total: 5 out of 20, with 4 of 10 principles scored.")

    page.reload(wait_until="load")
    page.locator(".kb-cl-panel").wait_for()
    assert page.is_checked(radio("principle-ccps-person-centred-human-rights", "2"))
    assert page.is_checked(radio("principle-ccps-sharing-power", "1"))
    assert page.is_checked(radio("principle-ccps-risk-enablement", "0"))
    assert page.is_checked(radio("principle-ccps-learning", "2"))
    assert page.is_checked(radio("principle-ccps-participative", "none"))
    assert page.input_value(comment_box("principle-ccps-sharing-power")) == COMMENT
    assert page.input_value(comment_box("principle-ccps-learning")) == FORMULA
    expect(page.locator(".kb-cl-total")).to_have_text("Total: 5 out of 20, with 4 of 10 principles scored.")
    chart = page.locator(".kb-cl-chart li")
    assert chart.count() == 10
    expect(chart.nth(1)).to_contain_text("2. Sharing power")
    expect(chart.nth(1)).to_contain_text("1 of 2")
    expect(chart.nth(4)).to_contain_text("not yet scored")

    data = stored(page)
    assert data["format"] == "eckb-checklist-store" and data["version"] == 1
    answers = {a["principle"]: a for a in data["assessments"][0]["answers"]}
    assert answers["principle-ccps-sharing-power"] == {
        "principle": "principle-ccps-sharing-power", "number": 2, "title": "Sharing power", "score": 1, "comment": COMMENT}


def test_each_score_is_a_labelled_radio_group_usable_from_the_keyboard(checklist):
    page = checklist
    group = page.get_by_role("group", name="Score for 2. Sharing power")
    expect(group).to_have_count(1)
    assert group.get_by_role("radio").count() == 4
    expect(page.get_by_role("textbox", name="Comments on 2. Sharing power")).to_have_count(1)
    # Arrow keys move through the group and save as they go; the focus is visible.
    page.focus(radio("principle-ccps-sharing-power", "none"))
    page.keyboard.press("ArrowUp")
    assert page.is_checked(radio("principle-ccps-sharing-power", "0"))
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] != "none" and outline[1] != "0px", outline
    page.keyboard.press("ArrowUp")
    assert page.is_checked(radio("principle-ccps-sharing-power", "1"))
    expect(page.locator(".kb-cl-status")).to_contain_text("Sharing power: 1 — Our evidence is mixed or patchy.")
    assert {a["principle"]: a["score"] for a in stored(page)["assessments"][0]["answers"]}["principle-ccps-sharing-power"] == 1


def test_hostile_text_is_shown_as_text_and_never_run(checklist):
    page = checklist
    page.fill(comment_box("principle-ccps-effective"), HOSTILE)
    page.locator(comment_box("principle-ccps-effective")).blur()
    page.get_by_role("button", name="Rename", exact=True).click()
    page.fill("#kb-cl-rename-name", HOSTILE)
    page.get_by_role("button", name="Save name").click()
    expect(page.locator(".kb-cl-status")).to_contain_text("Renamed")
    page.reload(wait_until="load")
    page.locator(".kb-cl-panel").wait_for()
    assert page.input_value(comment_box("principle-ccps-effective")) == HOSTILE
    assert page.locator("#checklist-principle-ccps-effective .kb-cl-print-comment").text_content() == HOSTILE
    assert HOSTILE in page.locator("#kb-cl-summary-title").text_content()
    assert page.locator("#kb-cl-current option").first.text_content().startswith(HOSTILE)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => window.__pwned") is None


# ---------------------------------------------------------------- several assessments


def create(page, name: str, set_label: str | None = None):
    page.get_by_role("button", name="New assessment", exact=True).click()
    expect(page.locator("#kb-cl-new-name")).to_be_focused()
    page.fill("#kb-cl-new-name", name)
    if set_label:
        page.get_by_role("radio", name=set_label).check()
    page.get_by_role("button", name="Create", exact=True).click()
    expect(page.locator(".kb-cl-status")).to_contain_text("Created " + name)


def test_cancel_closes_a_form_unchanged_and_returns_focus_to_its_button(checklist):
    page = checklist
    for opener, form in (("New assessment", "#kb-cl-new-name"), ("Rename", "#kb-cl-rename-name")):
        page.get_by_role("button", name=opener, exact=True).click()
        expect(page.locator(form)).to_be_focused()
        page.fill(form, "Not kept")
        page.locator(form).locator("xpath=ancestor::form").get_by_role("button", name="Cancel").click()
        expect(page.locator(form)).to_be_hidden()
        expect(page.get_by_role("button", name=opener, exact=True)).to_be_focused()
    expect(page.locator("#kb-cl-current option")).to_have_count(1)
    expect(page.locator("#kb-cl-current option")).not_to_contain_text("Not kept")


def test_named_assessments_switch_compare_and_pass_axe(checklist, axe_source):
    page = checklist
    score_and_comment(page)
    create(page, "North Partnership — March 2027")
    # The new assessment starts empty; the first keeps its answers.
    assert page.is_checked(radio("principle-ccps-sharing-power", "none"))
    page.check(radio("principle-ccps-sharing-power", "2"))
    page.check(radio("principle-ccps-risk-enablement", "0"))
    page.check(radio("principle-ccps-learning", "1"))
    page.check(radio("principle-ccps-fair-work", "1"))

    page.select_option("#kb-cl-compare-a", label="My assessment (Collaborative commissioning principles)")
    page.select_option("#kb-cl-compare-b", label="North Partnership — March 2027 (Collaborative commissioning principles)")
    table = page.locator("table.kb-cl-compare")
    expect(table).to_be_visible()
    rows = {row.locator("th").text_content(): [c.text_content() for c in row.locator("td").all()] for row in table.locator("tbody tr").all()}
    assert len(rows) == 10
    assert rows["2. Sharing power"] == ["1", "2", "+1 (higher)"]
    assert rows["3. Risk enablement"] == ["0", "0", "0 (same)"]
    assert rows["10. Learning"] == ["2", "1", "−1 (lower)"]
    assert rows["8. Fair work"] == ["not scored", "1", "not scored in both"]
    expect(table.locator("tfoot")).to_contain_text("5 of 20")
    expect(table.locator("tfoot")).to_contain_text("4 of 20")

    problems = describe(f"{PATH} (two assessments, comparison shown)", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)

    # Switching back shows the first assessment's answers again.
    page.select_option("#kb-cl-current", label="My assessment (Collaborative commissioning principles)")
    assert page.is_checked(radio("principle-ccps-sharing-power", "1"))
    assert page.input_value(comment_box("principle-ccps-sharing-power")) == COMMENT

    # An assessment against the SPPN principles scores the second table; the first becomes a reference.
    create(page, "Ethical check", "Ethical commissioning principles (SPPN 7/2021) (8)")
    expect(page.locator("#checklist-sppn-table fieldset").first).to_be_visible()
    expect(page.locator("#checklist-ccps-table fieldset").first).to_be_hidden()
    page.check(radio("principle-sppn-human-rights-approach", "2"))
    expect(page.locator(".kb-cl-total")).to_have_text("Total: 2 out of 16, with 1 of 8 principles scored.")

    # Rename and delete.
    page.get_by_role("button", name="Rename", exact=True).click()
    page.fill("#kb-cl-rename-name", "Ethical check, renamed")
    page.get_by_role("button", name="Save name").click()
    names = [a["name"] for a in stored(page)["assessments"]]
    assert names == ["My assessment", "North Partnership — March 2027", "Ethical check, renamed"]
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(".kb-cl-status")).to_contain_text("Deleted Ethical check, renamed")
    assert [a["name"] for a in stored(page)["assessments"]] == ["My assessment", "North Partnership — March 2027"]


def test_all_assessments_can_be_removed_from_the_browser(checklist):
    page = checklist
    score_and_comment(page)
    create(page, "Second")
    overview = page.locator("table.kb-cl-overview tbody tr")
    expect(overview).to_have_count(2)
    expect(overview.first).to_contain_text("5 of 20")
    page.get_by_role("button", name="Remove all assessments from this browser").click()
    expect(page.locator(".kb-cl-status")).to_contain_text("Removed every assessment")
    assert stored(page) is None
    expect(overview).to_have_count(1)
    assert page.is_checked(radio("principle-ccps-sharing-power", "none"))


def test_filled_in_page_passes_axe(checklist, axe_source):
    page = checklist
    score_and_comment(page)
    page.locator(".kb-checklist__evidence summary").first.click()  # one evidence list open
    problems = describe(f"{PATH} (filled in)", axe_violations(page, axe_source))
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- export, import, clear


def test_export_clear_import_round_trips_csv_and_json(checklist):
    page = checklist
    score_and_comment(page)
    page.check(radio("principle-ccps-effective", "1"))
    page.fill(comment_box("principle-ccps-effective"), HOSTILE)
    page.locator(comment_box("principle-ccps-effective")).blur()

    json_name, json_text = export(page, "Export JSON")
    csv_name, csv_text = export(page, "Export CSV")
    assert json_name == "checklist-my-assessment.json" and csv_name == "checklist-my-assessment.csv"
    exported = json.loads(json_text)
    assert exported["format"] == "eckb-checklist" and exported["version"] == 1
    answers = exported["assessment"]["answers"]
    assert [a["number"] for a in answers] == list(range(1, 11))
    assert exported["assessment"]["principle_set"] == "principle-set-ccps"

    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert rows[0] == CSV_COLUMNS, "what a person reads (principle, score, comment) comes first, the IDs last"
    assert len(rows) == 11 and {row[-1] for row in rows[1:]} == {"1"}
    by_id = {row[6]: row for row in rows[1:]}
    assert by_id["principle-ccps-sharing-power"][2:4] == ["1", COMMENT]
    assert by_id["principle-ccps-learning"][3] == "'" + FORMULA, "a comment a spreadsheet would run is kept as text"
    assert by_id["principle-ccps-participative"][2] == ""

    clear(page)
    assert page.is_checked(radio("principle-ccps-sharing-power", "none"))
    assert page.input_value(comment_box("principle-ccps-sharing-power")) == ""
    assert all(a["score"] is None and a["comment"] == "" for a in stored(page)["assessments"][0]["answers"])

    import_file(page, json_name, json_text, "application/json")
    expect(page.locator(".kb-cl-status")).to_contain_text("Imported My assessment")
    assert without_time(json.loads(export(page, "Export JSON")[1])) == without_time(exported)
    assert page.input_value(comment_box("principle-ccps-effective")) == HOSTILE
    assert len(stored(page)["assessments"]) == 1, "the import replaced the assessment it came from"

    clear(page)
    import_file(page, csv_name, csv_text, "text/csv")
    expect(page.locator(".kb-cl-status")).to_contain_text("Imported My assessment")
    again = json.loads(export(page, "Export JSON")[1])["assessment"]
    assert again["answers"] == exported["assessment"]["answers"]
    assert (again["id"], again["name"], again["principle_set"]) == (
        exported["assessment"]["id"], exported["assessment"]["name"], exported["assessment"]["principle_set"])
    assert export(page, "Export CSV")[1] == csv_text
    assert page.locator("img[src='x']").count() == 0 and page.evaluate("() => window.__pwned") is None


def test_an_import_adds_a_partners_assessment_for_comparison(checklist):
    page = checklist
    score_and_comment(page)
    partner = json.loads(export(page, "Export JSON")[1])
    partner["assessment"].update(id="partner-1", name="Provider forum view")
    partner["assessment"]["answers"][0]["score"] = 0
    import_file(page, "partner.json", json.dumps(partner))
    expect(page.locator(".kb-cl-status")).to_contain_text("Imported Provider forum view")
    assert [a["name"] for a in stored(page)["assessments"]] == ["My assessment", "Provider forum view"]
    page.select_option("#kb-cl-compare-a", label="My assessment (Collaborative commissioning principles)")
    first = page.locator("table.kb-cl-compare tbody tr").first
    expect(first).to_contain_text("−2 (lower)")


def hostile_files(valid: dict, valid_csv: str) -> list[tuple[str, str, bytes | str]]:
    """(why it is wrong, file name, content): each must be refused."""

    def edited(change) -> str:
        data = json.loads(json.dumps(valid))
        change(data)
        return json.dumps(data)

    lines = valid_csv.lstrip("\ufeff").splitlines()
    return [
        ("not JSON", "broken.json", '{"format": "eckb-checklist", "version": 1, "assessment": '),
        ("JSON of another kind", "other.json", json.dumps({"hello": "world"})),
        ("a JSON list", "list.json", "[1, 2, 3]"),
        ("a newer version", "newer.json", edited(lambda d: d.update(version=2))),
        ("unknown principle", "unknown.json", edited(lambda d: d["assessment"]["answers"][0].update(principle="principle-ccps-made-up"))),
        ("principle of the other set", "other-set.json", edited(lambda d: d["assessment"]["answers"][0].update(principle="principle-sppn-human-rights-approach"))),
        ("score 3", "three.json", edited(lambda d: d["assessment"]["answers"][0].update(score=3))),
        ("score -1", "minus.json", edited(lambda d: d["assessment"]["answers"][0].update(score=-1))),
        ("score as text", "text-score.json", edited(lambda d: d["assessment"]["answers"][0].update(score="2"))),
        ("score 1.5", "half.json", edited(lambda d: d["assessment"]["answers"][0].update(score=1.5))),
        ("duplicate principle", "twice.json", edited(lambda d: d["assessment"]["answers"].__setitem__(1, dict(d["assessment"]["answers"][0])))),
        ("__proto__ key", "proto.json", json_text_with(valid, '"__proto__": {"polluted": "yes"}, ')),
        ("__proto__ in an answer", "proto-answer.json", edited(lambda d: d["assessment"]["answers"][0].update(comment="ok")).replace('"principle":', '"__proto__": {"polluted": "yes"}, "principle":', 1)),
        ("constructor key", "constructor.json", edited(lambda d: d["assessment"].update(constructor={"prototype": {"polluted": "yes"}}))),
        ("unknown principle set", "set.json", edited(lambda d: d["assessment"].update(principle_set="principle-set-made-up"))),
        ("no name", "noname.json", edited(lambda d: d["assessment"].update(name="   "))),
        ("comment too long", "long.json", edited(lambda d: d["assessment"]["answers"][0].update(comment="x" * 5001))),
        ("comment not text", "object-comment.json", edited(lambda d: d["assessment"]["answers"][0].update(comment={"html": "<b>"}))),
        ("huge file", "huge.json", b" " * (1024 * 1024 + 1)),
        ("CSV with wrong columns", "columns.csv", "principle,score,comment\nprinciple-ccps-learning,2,ok\n"),
        ("CSV with a made-up principle", "unknown.csv", "\n".join([lines[0], lines[1].replace("principle-ccps-person-centred-human-rights", "__proto__")]) + "\n"),
        ("CSV with score 7", "seven.csv", "\n".join([lines[0], lines[1].replace(",2,", ",7,", 1)]) + "\n"),
        ("CSV with an unclosed quote", "quote.csv", "\n".join([lines[0], lines[1] + ',"never closed']) + "\n"),
        ("CSV with a missing value", "short.csv", "\n".join([lines[0], lines[1].rsplit(",", 1)[0]]) + "\n"),
        ("CSV mixing two assessments", "mixed.csv", "\n".join([lines[0], lines[1], lines[2].replace("My assessment", "Another", 1)]) + "\n"),
        ("binary", "image.csv", bytes(range(256)) * 4),
        ("empty", "empty.json", ""),
    ]


def json_text_with(valid: dict, inserted: str) -> str:
    text = json.dumps(valid)
    return "{" + inserted + text[1:]


def test_malformed_and_hostile_imports_are_refused_and_change_nothing(checklist):
    page = checklist
    score_and_comment(page)
    valid = json.loads(export(page, "Export JSON")[1])
    valid_csv = export(page, "Export CSV")[1]
    before = page.evaluate("key => localStorage.getItem(key)", KEY)
    alert = page.locator(".kb-cl-alert")
    assert alert.get_attribute("role") == "alert"
    for why, name, content in hostile_files(valid, valid_csv):
        page.evaluate("() => { document.querySelector('.kb-cl-alert').textContent = ''; }")
        import_file(page, name, content)
        expect(alert, why).to_contain_text("Not imported")
        expect(alert, why).to_contain_text("Nothing was changed")
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == before, why
        assert page.evaluate("() => ({}).polluted === undefined && Object.prototype.polluted === undefined"), why
    assert page.is_checked(radio("principle-ccps-sharing-power", "1"))
    assert page.input_value(comment_box("principle-ccps-sharing-power")) == COMMENT


def test_a_huge_file_is_refused_with_its_size(checklist):
    page = checklist
    import_file(page, "huge.csv", b"a" * (3 * 1024 * 1024 // 2))
    expect(page.locator(".kb-cl-alert")).to_contain_text("is 1.5 MB; a checklist file is never more than 1 MB")
    assert stored(page) is None, "nothing was stored"


# ---------------------------------------------------------------- privacy, print, phone, no JavaScript


def test_no_request_leaves_the_pages_origin(checklist, context, site_url):
    page = checklist
    before = len(context.foreign_requests)
    page.reload(wait_until="load")
    score_and_comment(page)
    export(page, "Export CSV")
    export(page, "Export JSON")
    create(page, "Second")
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("() => window.__printed") is True
    page.wait_for_timeout(300)
    foreign = context.foreign_requests[before:]
    assert not foreign, foreign


def test_print_shows_the_table_with_scores_and_comments_and_no_buttons(checklist):
    page = checklist
    score_and_comment(page)
    page.emulate_media(media="print")
    try:
        assert page.locator(".kb-cl-panel").is_hidden()
        assert page.locator("#checklist-ccps-table").is_visible()
        assert page.locator("#checklist-ccps-table fieldset").first.is_hidden()
        assert page.locator("#checklist-ccps-table textarea").first.is_hidden()
        assert page.locator("#checklist-sppn-table").is_hidden(), "the set not being assessed is left off paper"
        row = page.locator("#checklist-principle-ccps-sharing-power")
        expect(row.locator(".kb-cl-print-score")).to_have_text("Score 1 — Our evidence is mixed or patchy")
        expect(row.locator(".kb-cl-print-comment")).to_be_visible()
        assert row.locator(".kb-cl-print-comment").text_content() == COMMENT
        assert page.locator("button:visible").count() == 0
    finally:
        page.emulate_media(media="screen")


def test_a_phone_never_scrolls_sideways(chromium, site_url, axe_source):
    context = new_context(chromium, site_url)
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(site_url + PATH, wait_until="load")
        page.evaluate("() => localStorage.clear()")
        page.reload(wait_until="load")
        page.on("dialog", lambda dialog: dialog.accept())
        score_and_comment(page)
        create(page, "A rather long assessment name for North Partnership — March 2027 review")
        page.check(radio("principle-ccps-sharing-power", "2"))
        page.select_option("#kb-cl-compare-b", index=0)
        expect(page.locator("table.kb-cl-compare")).to_be_visible()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways at 375px: {widths}"
        wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && el.offsetParent !== null)
            .slice(0, 5).map(el => el.tagName + '.' + el.className)""")
        assert not wide, wide
        problems = describe(f"{PATH} at 375px", axe_violations(page, axe_source))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_without_javascript_the_table_is_complete_and_empty(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + PATH, wait_until="load")
        note = page.locator("noscript .kb-checklist__nojs")
        expect(note).to_be_visible()
        expect(note).to_contain_text("JavaScript is off, so this page cannot save scores.")
        form = page.locator("#checklist-form-table")
        assert form.locator("tbody tr").count() == 8
        assert [c.text_content().strip() for c in form.locator("tbody th").all()] == [str(n) for n in range(1, 9)]
        assert [c.text_content().strip() for c in form.locator("td[data-kb-cell]").all()] == [""] * 16
        ccps = page.locator("#checklist-ccps-table")
        assert ccps.locator("tbody tr").count() == 10
        assert page.locator("#checklist-sppn-table tbody tr").count() == 8
        assert ccps.locator("input, textarea, select, button").count() == 0
        assert [c.text_content().strip() for c in ccps.locator("td[data-kb-cell]").all()] == [""] * 20
        first = ccps.locator("tbody tr").first
        expect(first.locator("th")).to_have_text("1. Person centred, human rights focused")
        expect(first).to_contain_text("upholding people’s human rights and their rights to support.")
        expect(first).to_contain_text("Standards cited: SDS Standard 3; National Care Standards 1 and 4")
        expect(page.locator("#score-2")).to_be_visible()
        expect(page.get_by_text("2: We have good consistent evidence")).to_be_visible()
        assert page.locator(".kb-cl-panel").count() == 0
    finally:
        context.close()


def test_other_pages_are_left_alone(page, site_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "/findings/3-4/", wait_until="load")
    page.evaluate("() => localStorage.clear()")
    page.reload(wait_until="load")
    assert page.locator(".kb-cl-panel, .kb-cl-results").count() == 0
    # Nothing of ours is stored; the theme may keep its own settings ("/.__palette": Zensical does).
    stored_keys = page.evaluate("() => Object.keys(localStorage)")
    assert [key for key in stored_keys if ".__" not in key] == [], stored_keys
    assert errors == []
