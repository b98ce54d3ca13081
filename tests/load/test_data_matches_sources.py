"""The real data is complete and faithful: counts, numbering, and quotations word for word."""
from __future__ import annotations

import re

import pytest

from conftest import SOURCES

HIS = (SOURCES / "his-transformational-change-through-ethical-commissioning-2024.md").read_text(encoding="utf-8")
CCPS = (SOURCES / "ccps-collaborative-commissioning-2021.md").read_text(encoding="utf-8")


# Lines a printed page puts between two halves of a sentence: page rules, footnotes, address footer.
_PAGE_FURNITURE = re.compile(r"^(-{3,}|<sup>\d+</sup>.*|<https?://\S+>|CCPS, Norton Park.*|t: 0131 475 2676.*)$")


def _plain(text: str) -> str:
    """Source text as a reader sees it: no footnotes, page furniture, emphasis markers or line wrapping."""
    lines = [line for line in text.splitlines() if not _PAGE_FURNITURE.match(line.strip())]
    text = re.sub(r"<sup>\d+</sup>|\*\*|(?<!\w)\*|\*(?!\w)", "", "\n".join(lines))
    return " ".join(text.split())


SOURCE_TEXT = {"source-his-2024": _plain(HIS), "source-ccps-2021": _plain(CCPS)}


def test_counts_match_the_sources(base):
    assert len(base.of_kind("case-study")) == 8
    assert len(base.of_kind("finding")) == 18
    assert len(base.of_kind("theme")) == 4
    assert len(base.of_kind("action-area")) == 4
    assert len(base.of_kind("action")) == 11
    principles_by_set = {s.id: base.referrers(s.id, "principle") for s in base.of_kind("principle-set")}
    assert len(principles_by_set["principle-set-ccps"]) == 10
    assert len(principles_by_set["principle-set-sppn"]) == 8


def test_findings_are_numbered_as_the_report_body_with_their_sections(base):
    numbers = [finding.number for finding in base.of_kind("finding")]
    assert numbers == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5",
                       "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]
    for finding in base.of_kind("finding"):
        assert finding.source.section == "3." + finding.number, finding.id
        assert finding.theme == "theme-" + finding.number.split(".")[0]


def test_theme_three_body_order_is_used_and_the_correction_is_stated(base):
    titles = {f.number: f.title.lower() for f in base.of_kind("finding")}
    assert "competition" in titles["3.1"]
    assert "power" in titles["3.2"]
    assert "budgets" in titles["3.3"]
    assert "myths" in titles["3.4"]
    assert "risk" in titles["3.5"]
    for number in ("3.3", "3.4", "3.5"):
        finding = base.get("finding-" + number.replace(".", "-"))
        assert finding.correction and "summary table" in finding.correction, number


def test_case_studies_keep_printed_numbers_and_record_the_true_order(base):
    case_studies = base.of_kind("case-study")
    assert [cs.position for cs in case_studies] == list(range(1, 9))
    printed = [cs.number for cs in case_studies]
    assert printed == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.5", "2.6", "2.7"]
    for cs in case_studies[5:]:
        assert cs.correction, f"{cs.id} is misnumbered in the report and must say so"


def test_every_case_study_links_to_findings_with_a_reason(base):
    for cs in base.of_kind("case-study"):
        assert cs.findings, cs.id
        assert all(link.reason.strip() for link in cs.findings)
        assert cs.care_areas and cs.activities and cs.summary


def _quotes(base):
    for kind in base.by_kind:
        for record in base.of_kind(kind):
            for name in ("quote", "quotes"):
                value = getattr(record, name, None)
                for quote in value if isinstance(value, list) else [value] if value else []:
                    yield record, quote


def test_every_quotation_is_word_for_word_in_its_source(base):
    wrong = []
    for record, quote in _quotes(base):
        text = SOURCE_TEXT[record.source.document]
        for line in quote.text.splitlines():
            if line.strip() and " ".join(line.split()) not in text:
                wrong.append(f"{record.id}: {line[:80]!r}")
    assert not wrong, "quotations not found verbatim in their source:\n" + "\n".join(wrong)


def test_the_quotation_check_notices_a_changed_word():
    assert "Procurement is the process of contracting" in SOURCE_TEXT["source-ccps-2021"]
    assert "Procurement is the process of buying" not in SOURCE_TEXT["source-ccps-2021"]


@pytest.mark.parametrize("term_id, opening", [
    ("term-commissioning", "Commissioning is the process by which public bodies strategically plan ahead"),
    ("term-procurement", "Procurement is the process of contracting for (purchasing) specific services"),
    ("term-collaborative-commissioning", "Collaborative commissioning involves working together as equals"),
    ("term-ethical-commissioning", "Ethical commissioning, in relation to social care services, has a person-centred care first/human rights approach"),
    ("term-strategic-commissioning", "Strategic commissioning is a structured process for exploring, planning and improving"),
    ("term-market-facilitation", "Based on a good understanding of need and demand, market facilitation is the process"),
])
def test_definitions_are_quoted_with_attribution(base, term_id, opening):
    term = base.get(term_id)
    assert term.quote is not None, f"{term_id} must quote its definition"
    assert term.quote.text.startswith(opening)
    assert term.quote.attribution


@pytest.mark.parametrize("title", [
    "HSCP", "ADP", "IJB", "NHS Board", "NCS", "SLIF", "SDS", "PSP", "MAT Standards", "IRASC", "SPPN", "TSI",
    "CCPS", "IRISS", "HIS", "Light Touch Regime", "Sustainable Procurement Duty", "Human Learning Systems",
    "Community Wealth Building", "Fair Work",
])
def test_glossary_has_every_acronym_and_term_of_art(base, title):
    titles = {term.title.casefold() for term in base.of_kind("term")}
    assert title.casefold() in titles


def test_each_term_is_defined_by_a_quote_or_our_own_gloss(base):
    for term in base.of_kind("term"):
        assert term.quote or term.gloss, term.id


def test_every_action_area_links_to_the_findings_of_its_theme(base):
    for area in base.of_kind("action-area"):
        theme_findings = {f.id for f in base.referrers(area.theme, "finding")}
        assert set(area.findings) == theme_findings, area.id
