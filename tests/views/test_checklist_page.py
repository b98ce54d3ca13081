"""The self-assessment checklist page is generated from the principles data: one row per principle
of each checklist set, in order, with its wording, standards and evidence links, and is a complete
paper checklist without JavaScript (empty score and comment cells, no form controls)."""
from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import DATA, FIXTURES, ROOT
from eckb.views.checklist import CHECKLIST_SETS, checklist_context
from eckb.pipeline import build_pages
from eckb.link.urls import address

TEMPLATES = ROOT / "templates"
PAGE = "checklist/index.md"


def to_html(page_text: str) -> str:
    """The page as MkDocs turns it into HTML (front matter removed; links stay .md)."""
    body = page_text.split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=["md_in_html", "attr_list", "tables", "admonition", "toc"])


@pytest.fixture(scope="module")
def page_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES)
    return to_html((out / PAGE).read_text(encoding="utf-8"))


class Tables(HTMLParser):
    """Every checklist table: its attributes, and for each row its attributes and cells
    (tag, attributes, inner HTML, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.controls: list[str] = []
        self._cell: dict | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea", "select", "button") and self.tables:
            self.controls.append(tag)
        if tag == "table" and "data-kb-checklist-set" in attrs:
            self.tables.append({"attrs": attrs, "head": [], "rows": []})
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "tr" and "data-kb-principle" in attrs:
            table["rows"].append({"attrs": attrs, "cells": []})
        elif tag in ("td", "th") and self._cell is None and (table["rows"] or tag == "th"):
            self._cell = {"tag": tag, "attrs": attrs, "text": "", "links": []}
            self._depth = 0
        elif self._cell is not None:
            if tag in ("td", "th"):
                self._depth += 1
            if tag == "a":
                self._cell["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if self._cell is not None and tag in ("td", "th"):
            if self._depth:
                self._depth -= 1
                return
            table = self.tables[-1]
            if self._cell["attrs"].get("scope") == "col":
                table["head"].append(self._cell["text"].strip())
            else:
                table["rows"][-1]["cells"].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


@pytest.fixture(scope="module")
def tables(page_html) -> Tables:
    parser = Tables()
    parser.feed(page_html)
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


def link_to(record, from_page: str = PAGE) -> str:
    return address(record).link_from(from_page)


# ---------------------------------------------------------------- the view model


def test_every_principle_set_is_offered_to_fill_the_form_none_as_its_own(base):
    context = checklist_context(base)
    tables = context["checklist_tables"]
    assert [t.principle_set.id for t in tables] == list(CHECKLIST_SETS) == [
        "principle-set-ccps", "principle-set-sppn", "principle-set-public-good", "principle-set-ethical-elements"]
    assert [t.default for t in tables] == [False] * 4
    assert [len(t.rows) for t in tables] == [10, 8, 10, 5]
    assert context["checklist_form"].numbers == list(range(1, 9))


def test_rows_match_the_principles_data_in_order(base):
    for table in checklist_context(base)["checklist_tables"]:
        expected = sorted(
            (p for p in base.of_kind("principle") if p.set == table.principle_set.id), key=lambda p: p.number
        )
        assert [row.principle.id for row in table.rows] == [p.id for p in expected]
        assert [row.principle.number for row in table.rows] == list(range(1, len(expected) + 1))
        for row, principle in zip(table.rows, expected):
            wording = [line.strip() for line in principle.quote.text.splitlines() if line.strip()] if principle.quote else []
            assert row.description == wording
            assert row.standards == list(principle.standards)
            assert [f.id for f in row.findings] == list(dict.fromkeys(link.finding for link in principle.findings))


def test_case_studies_are_those_evidencing_the_principles_findings(base):
    rows = {row.principle.id: row for table in checklist_context(base)["checklist_tables"] for row in table.rows}
    for row in rows.values():
        findings = {f.id for f in row.findings}
        expected = [cs.id for cs in base.of_kind("case-study") if findings & {link.finding for link in cs.findings}]
        assert [cs.id for cs in row.case_studies] == expected
    # Two findings, each named by the case studies below (data/case-studies/*.yaml).
    sharing = [cs.id for cs in rows["principle-ccps-sharing-power"].case_studies]
    assert "case-study-edinburgh" in sharing and "case-study-falkirk" not in sharing
    assert rows["principle-sppn-climate-circular-economy"].findings == []
    assert rows["principle-sppn-climate-circular-economy"].case_studies == []


def test_score_options_are_the_scoring_guide_verbatim(base):
    options = checklist_context(base)["score_options"]
    assert [(o.score, o.text) for o in options] == [
        (2, "We have good consistent evidence"),
        (1, "Our evidence is mixed or patchy"),
        (0, "We cannot evidence this"),
    ]
    by_score = {level.score: level.quote.text for level in base.of_kind("score-level")}
    assert {o.score: o.text for o in options} == by_score


# ---------------------------------------------------------------- the generated page


def test_the_form_as_printed_comes_first_with_eight_rows_left_for_the_elements(tables, page_html):
    form = tables.tables[0]
    assert form["attrs"]["data-kb-checklist-set"] == "ccps-checklist-form"
    assert form["attrs"]["data-kb-default"] == "yes" and form["attrs"]["data-kb-own-elements"] == "yes"
    assert form["head"] == ["Element", "Score (2, 1 or 0)", "Comments"]
    assert [squash(r["cells"][0]["text"]) for r in form["rows"]] == [str(n) for n in range(1, 9)]
    assert all(cell["text"].strip() == "" for r in form["rows"] for cell in r["cells"][1:])
    text = squash(html.unescape(re.sub(r"<[^>]+>", "", page_html)))
    assert "the elements identified above" in text and "does not say which elements" in text


def test_the_page_says_which_list_each_way_of_filling_the_rows_is(base, page_html):
    text = squash(html.unescape(re.sub(r"<[^>]+>", "", page_html)))
    fill = text.split("Fill the rows with…", 1)[1].split("Filled with:", 1)[0]
    for table in checklist_context(base)["checklist_tables"]:
        assert f"{table.principle_set.title}: {len(table.rows)} elements, from" in fill
    assert fill.count("does not fit it one to a row") == 3, "the 10-, 10- and 5-element lists do not fit 8 rows"
    assert [f"Filled with: {t.principle_set.title}" in text for t in checklist_context(base)["checklist_tables"]] == [True] * 4


def test_the_page_shows_each_set_as_a_table_with_rows_in_data_order(base, tables):
    assert [t["attrs"]["data-kb-checklist-set"] for t in tables.tables[1:]] == list(CHECKLIST_SETS)
    for table, model in zip(tables.tables[1:], checklist_context(base)["checklist_tables"]):
        assert table["head"] == ["Principle", "What it asks", "Score (2, 1 or 0)", "Comments"]
        assert table["attrs"]["aria-labelledby"] == model.anchor
        assert [r["attrs"]["data-kb-principle"] for r in table["rows"]] == [row.principle.id for row in model.rows]
        for row, expected in zip(table["rows"], model.rows):
            principle = expected.principle
            header, about, score, comment = row["cells"]
            assert row["attrs"]["id"] == f"checklist-{principle.id}"
            assert row["attrs"]["data-kb-title"] == principle.title
            assert row["attrs"]["data-kb-number"] == str(principle.number)
            assert header["tag"] == "th" and header["attrs"]["scope"] == "row"
            assert squash(header["text"]) == f"{principle.number}. {principle.title}"
            assert header["links"] == [link_to(principle)]
            text = squash(about["text"])
            if principle.quote:
                for line in principle.quote.text.splitlines():
                    assert squash(line) in text
            assert "No wording of its own" not in text, "a set without wording says so once, above its table"
            for standard in principle.standards:
                assert standard in text
            if not principle.standards:
                assert "Standards cited" not in text
            expected_links = [link_to(f) for f in expected.findings] + [link_to(cs) for cs in expected.case_studies]
            assert about["links"] == expected_links
            assert score["attrs"].get("data-kb-cell") == "score" and score["text"].strip() == ""
            assert comment["attrs"].get("data-kb-cell") == "comment" and comment["text"].strip() == ""


def test_standards_and_evidence_of_a_known_principle(tables):
    ccps = tables.tables[1]
    row = next(r for r in ccps["rows"] if r["attrs"]["data-kb-principle"] == "principle-ccps-person-centred-human-rights")
    about = row["cells"][1]
    assert "Standards cited: SDS Standard 3; National Care Standards 1 and 4" in squash(about["text"])
    assert "upholding people’s human rights and their rights to support." in about["text"]
    assert "../findings/4-1.md" in about["links"] and "../findings/2-1.md" in about["links"]
    assert "Illustrated by 2 findings and 4 case studies" in squash(about["text"])


def test_without_javascript_the_page_is_a_complete_paper_checklist(page_html, tables):
    assert tables.controls == [], "the tables hold no form controls until checklist.js adds them"
    text = squash(html.unescape(re.sub(r"<[^>]+>", "", page_html)))
    # The scoring guide, verbatim, with its published anchors.
    for score, words in ((2, "We have good consistent evidence"), (1, "Our evidence is mixed or patchy"), (0, "We cannot evidence this")):
        assert f"{score}: {words}" in text
        assert f'id="score-{score}"' in page_html
    for number in range(1, 6):
        assert f'id="reflection-{number}"' in page_html
    assert 'id="scoring"' in page_html and 'id="reflection"' in page_html
    # Says plainly where answers are kept, and what to do with JavaScript off.
    assert "saved only in this web browser" in text and "Nothing you type is sent" in text
    assert "<noscript>" in page_html and "Print it to fill in the checklist by hand" in text
    # The mount points checklist.js enhances.
    assert 'data-kb-checklist=""' in page_html or "data-kb-checklist " in page_html
    assert "data-kb-checklist-results" in page_html


def test_the_script_gets_the_scoring_guide_and_formats_from_the_page(page_html):
    mount = re.search(r'<div class="kb-checklist"[^>]*>', page_html).group(0)
    assert 'data-kb-scores="2 1 0"' in mount
    assert 'data-kb-score-2="We have good consistent evidence"' in mount
    assert 'data-kb-score-0="We cannot evidence this"' in mount
    assert 'data-kb-format-version="1"' in mount and 'data-kb-storage-key="eckb-checklist"' in mount


def test_markdown_and_html_characters_in_principles_read_literally(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    principles = data / "principles.yaml"
    text = principles.read_text(encoding="utf-8")
    text = text.replace('title: Sharing power\n', 'title: "Sharing *power* & [x](y) _z_"\n', 1)
    text = text.replace('"Shared accountability and financial transparency."', '"Shared accountability & *financial* [transparency](javascript) #1."', 1)
    text = text.replace('standards: ["National Care Standard 2"]', 'standards: ["Standard 2 & *bold*"]', 1)
    principles.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build_pages(data, out, TEMPLATES)
    page = to_html((out / PAGE).read_text(encoding="utf-8"))
    parser = Tables()
    parser.feed(page)
    rows = {r["attrs"]["data-kb-principle"]: r for r in parser.tables[1]["rows"]}
    sharing = rows["principle-ccps-sharing-power"]
    assert sharing["attrs"]["data-kb-title"] == "Sharing *power* & [x](y) _z_"
    assert squash(sharing["cells"][0]["text"]) == "2. Sharing *power* & [x](y) _z_"
    assert "Standard 2 & *bold*" in sharing["cells"][1]["text"]
    accountability = rows["principle-ccps-accountability"]
    assert "Shared accountability & *financial* [transparency](javascript) #1." in accountability["cells"][1]["text"]
    assert 'href="y"' not in page and 'href="javascript"' not in page and "<em>" not in page
    assert {len(r["cells"]) for r in parser.tables[1]["rows"]} == {4}


def test_a_knowledge_base_without_the_checklist_sets_still_builds_the_page(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "data", data)
    out = tmp_path / "out"
    build_pages(data, out, TEMPLATES)
    page = to_html((out / PAGE).read_text(encoding="utf-8"))
    assert page.count("data-kb-checklist-set") == 1, "only the form as printed, with nothing to fill it"
    assert "<h1" in page


def test_assets_are_loaded_on_every_page_and_the_script_guards_itself():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/checklist.js" in config and "assets/checklist.css" in config
    script = (ROOT / "docs/assets/checklist.js").read_text(encoding="utf-8")
    assert 'querySelector("[data-kb-checklist]")' in script and "if (!root" in script
    # User text never becomes HTML, and nothing is sent anywhere.
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "fetch(", "XMLHttpRequest", "sendBeacon", "eval("):
        assert forbidden not in script, forbidden
