"""Provenance you can check: each summarised field's numbers, sums, dates and names occur in the
section of the source it cites (the record's `source.section`, or `source.field_sections` for that
field), apart from the exceptions listed with reasons in sources/provenance-allow-list.yaml."""
from __future__ import annotations

import pytest
import yaml

from conftest import SOURCES
from eckb.load.provenance import Names, claims, unsupported
from eckb.load.source_text import load_sources

REPORTS = load_sources(SOURCES)
ALLOW_LIST_FILE = SOURCES / "provenance-allow-list.yaml"


def _allow_list() -> list[dict]:
    return yaml.safe_load(ALLOW_LIST_FILE.read_text(encoding="utf-8")) or []


def _names(base) -> Names:
    return Names([[term.title, None if "expansion" in term.ours else term.expansion, *term.aliases]
                  for term in base.of_kind("term")])


_FINDINGS_CACHE: dict[int, tuple] = {}


def _findings(base, names):
    if id(base) in _FINDINGS_CACHE:
        return _FINDINGS_CACHE[id(base)]

    def linked_passage(record_id: str) -> str:
        record = base.get(record_id)
        return REPORTS[record.source.document].section_text(record.source.section)

    problems, unknown_sections = [], []
    for kind in base.by_kind:
        for record in base.of_kind(kind):
            try:
                problems.extend(unsupported(record, REPORTS, names, linked_passage))
            except ValueError as error:
                unknown_sections.append(f"{record.id}: {error}")
    _FINDINGS_CACHE[id(base)] = problems, unknown_sections
    return problems, unknown_sections


def _allowed(problem, allow_list) -> bool:
    return any(entry["claim"] == problem.claim and entry["record"] in ("*", problem.record_id)
               and entry["field"] in ("*", problem.field) for entry in allow_list)


def test_every_cited_section_is_one_section_of_its_source(base):
    _, unknown_sections = _findings(base, _names(base))
    assert not unknown_sections, "cited sections not found, or ambiguous (give the heading):\n" + "\n".join(unknown_sections)


def test_numbers_dates_and_names_in_summaries_occur_in_the_cited_section(base):
    allow_list = _allow_list()
    problems, _ = _findings(base, _names(base))
    wrong = [f"{p.record_id}: {p.field}: {p.claim!r} is not in {' + '.join(p.sections)!r}"
             for p in problems if not _allowed(p, allow_list)]
    assert not wrong, "stated in a summary but not in the section it cites:\n" + "\n".join(wrong)


def test_every_allow_list_entry_has_a_reason_and_is_still_needed(base):
    allow_list = _allow_list()
    problems, _ = _findings(base, _names(base))
    for entry in allow_list:
        assert set(entry) == {"record", "field", "claim", "reason"} and entry["reason"].strip(), entry
        assert any(_allowed(p, [entry]) for p in problems), f"no longer needed: {entry}"


def test_the_check_notices_a_changed_figure_and_an_invented_name(base):
    names = _names(base)
    edinburgh_text = REPORTS["source-his-2024"].section_text("2.3 Edinburgh HSCP – Public Social Partnership for Community Mental Health")
    from eckb.load.provenance import found_in
    assert found_in("£300,000", edinburgh_text, names)
    assert not found_in("£350,000", edinburgh_text, names)
    assert found_in("Innovation Unit", edinburgh_text, names)
    assert not found_in("Big Lottery Fund", edinburgh_text, names)
    assert "2018" in claims("In 2018 they partnered with the Innovation Unit")
    assert "Innovation Unit" in claims("In 2018 they partnered with the Innovation Unit")


def test_sections_are_found_by_printed_heading_number_or_path():
    his, ccps = REPORTS["source-his-2024"], REPORTS["source-ccps-2021"]
    assert "Falkirk HSCP has recently developed" in his.section_text("2.1")
    assert "Grow Biz" in his.section_text("2.5 CAYR South Ayrshire – micro providers for health and care")
    assert "Grow Biz" not in his.section_text("2.5 North Lanarkshire Alcohol and Drug Partnership – adaptive leadership and learning in commissioning")
    assert len(his.find("2.5")) == 2, "the report prints two sections numbered 2.5"
    assert "Community Lottery Fund" not in his.section_text("2.4")
    assert "Sustainable Procurement Duty" in his.section_text("3.3.4")
    assert "16 strategic delivery plans" in his.section_text("3.4")
    # The summary table's rows (1.1, 1.2) are not sections: 2 is the case studies chapter.
    assert his.section_text("2").startswith("2 Summary of Case Studies")
    assert "Christie Commission" in ccps.section_text("Headlines: The current system is unsustainable")
    assert "Iriss in Spring 2022" in ccps.section_text("Definitions: 2. Ethical commissioning")
    assert "Promoting Variety" in ccps.section_text("Definitions: 4. Market facilitation")
    with pytest.raises(ValueError):
        his.section_text("2.9")
