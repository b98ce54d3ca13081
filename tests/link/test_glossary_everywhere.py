"""Terms are explained where they appear: first use on a page links to the definition; diagrams have text."""
from __future__ import annotations

import re

import pytest

from conftest import DATA, ROOT
from eckb.render.glossary import PageTerms, glossary_finder
from eckb.pipeline import build_pages

TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES)
    return out


@pytest.fixture(scope="module")
def glossary(base):
    return glossary_finder(base)


def test_first_use_of_a_term_links_to_its_definition_once_per_page(glossary):
    page = PageTerms(glossary, "findings/3-4.md")
    first = page.inline("The HSCP used Self-Directed Support; another HSCP did too.")
    assert first.count("glossary/hscp.md") == 1
    assert "[Self-Directed Support](../glossary/sds.md" in first
    assert "another HSCP did too" in first
    assert "glossary/hscp.md" not in page.inline("A third HSCP.")


def test_acronyms_match_exactly_and_words_in_any_case(glossary):
    page = PageTerms(glossary, "index.md")
    assert "glossary/adp.md" not in page.inline("an adp in lower case is not the acronym")
    assert "glossary/light-touch-regime.md" in page.inline("the light touch regime")


def test_common_words_scoped_out_in_data_are_not_linked(base, glossary):
    assert base.get("term-commissioning").tooltip is False
    assert "glossary/commissioning.md" not in PageTerms(glossary, "index.md").inline("Commissioning matters.")


def test_a_term_is_not_linked_on_its_own_page(glossary):
    assert "glossary" not in PageTerms(glossary, "glossary/hscp.md", "term-hscp").inline("An HSCP is a partnership.")


def test_linked_text_stays_escaped(glossary):
    text = PageTerms(glossary, "index.md").inline("*HSCP* <b>ADP</b> [x](y)")
    assert "\\*" in text and "&lt;b&gt;" in text and "\\[x\\](y)" in text


def test_pages_that_use_a_term_explain_it(base, docs):
    for record in base.term_uses["term-hscp"][:10]:
        from eckb.link.urls import address

        page = (docs / address(record).page).read_text(encoding="utf-8")
        assert "glossary/hscp.md" in page, record.id


def test_glossary_index_lists_every_term_under_its_letter_with_a_definition(base, docs):
    index = (docs / "glossary/index.md").read_text(encoding="utf-8")
    for term in base.of_kind("term"):
        key = term.id.removeprefix("term-")
        line = re.search(rf"^- \[.*\]\({re.escape(key)}\.md\): (.+)$", index, flags=re.M)
        assert line and len(line.group(1)) > 10, term.id
    assert "[A](#letter-a)" in index and re.search(r"\{ #letter-a[ }]", index)  # the heading may carry more attributes


def test_diagrams_are_svg_with_a_title_description_and_steps_in_words(docs):
    page = (docs / "market-facilitation/index.md").read_text(encoding="utf-8")
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, flags=re.S).group(0)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "\n\n" not in svg, "a blank line would end the raw HTML block"
    for step in ("Intelligence", "Ideas", "Implementation"):
        assert step in svg and f". {step}" in page
    cycle = (docs / "glossary/strategic-commissioning.md").read_text(encoding="utf-8")
    assert "The strategic commissioning cycle" in cycle and "4. Review" in cycle


def test_term_matching_prefers_the_longest_name_and_respects_word_edges(base):
    from eckb.link.terms import TermFinder

    finder = TermFinder(base.of_kind("term"))
    matches = list(finder.matches("A Public Social Partnership (PSP) is not a PSPs-only thing; micro-providers help."))
    found = [(m.term.id, m.start) for m in matches]
    assert ("term-psp", 2) in found, "the longer name 'Public Social Partnership' wins over any shorter one"
    assert [m for m in matches if m.term.id == "term-psp"][-1].start == 29, "'PSP' in brackets matches; 'PSPs-only' does not"
    assert "term-micro-provider" in {m.term.id for m in matches}


def _whole_word_matches(terms, text: str) -> list[tuple[int, int, str]]:
    """The plain definition: each name as a whole word (case-blind unless an acronym), leftmost
    first, longest first, never overlapping."""
    from eckb.link.terms import is_acronym, names_of

    found = sorted(
        (m.start(), -len(m.group(0)), m.end(), term.id)
        for term in terms for name in names_of(term)
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, 0 if is_acronym(name) else re.IGNORECASE)
    )
    expected, position = [], 0
    for start, _length, end, term_id in found:
        if start >= position:
            expected.append((start, end, term_id))
            position = end
    return expected


def _texts(base) -> list[str]:
    from eckb.link.links import record_text

    return [
        *(record_text(record) for kind in base.by_kind for record in base.of_kind(kind)),
        "HSCP-x7, an hscp, the HSCPs and Self-directed support_2 beside self-directed support.",
        "Große Straße: the HSCP and a Public Social Partnership (folding 'ß' lengthens the text).",
    ]


def test_term_matching_finds_what_each_names_whole_word_pattern_finds_in_every_record(base):
    """The finder of every term (its first words one compiled pattern) gives what the plain definition gives."""
    from eckb.link.terms import TermFinder

    terms = base.of_kind("term")
    finder = TermFinder(terms)
    compared = 0
    for text in _texts(base):
        expected = _whole_word_matches(terms, text)
        assert [(m.start, m.end, m.term.id) for m in finder.matches(text)] == expected, text[:80]
        compared += len(expected)
    assert compared > 500


def test_a_finder_of_one_term_finds_what_its_names_whole_word_patterns_find(base):
    """A finder of one term (its names looked up word by word) gives what the plain definition gives."""
    from eckb.link.terms import TermFinder

    texts = _texts(base)
    compared = 0
    for term in base.of_kind("term"):
        finder = TermFinder([term])
        for text in texts:
            expected = _whole_word_matches([term], text)
            assert [(m.start, m.end, m.term.id) for m in finder.matches(text)] == expected, (term.id, text[:80])
            compared += len(expected)
    assert compared > 500
