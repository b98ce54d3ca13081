"""Ours, and labelled: text the sources do not give (an acronym's expansion, a publisher, a title
we describe, our own numbering) is only in fields the pages label as the knowledge base's own;
every other field of those kinds must be found in the sources."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SOURCES
from eckb.pipeline import build_pages
from eckb.load.source_text import comparable, load_sources

REPORTS = load_sources(SOURCES)
BOTH_REPORTS = comparable(" ".join(report.full_text for report in REPORTS.values())).casefold()


def _in_the_sources(text: str) -> bool:
    return comparable(text).casefold() in BOTH_REPORTS


def test_acronym_expansions_are_the_sources_words_unless_marked_ours(base):
    unmarked = [f"{term.id}: {term.expansion!r}" for term in base.of_kind("term")
                if term.expansion and "expansion" not in term.ours and not _in_the_sources(term.expansion)]
    assert not unmarked, "expansions the sources do not give must be listed in `ours`:\n" + "\n".join(unmarked)


def test_publishers_and_titles_of_documents_are_the_sources_words_unless_marked_ours(base):
    unmarked = []
    for source in base.of_kind("source"):
        publisher = re.sub(r"\s*\([^)]*\)$", "", source.publisher)  # "Coalition … in Scotland (CCPS)"
        if "publisher" not in source.ours and not _in_the_sources(publisher):
            unmarked.append(f"{source.id}: publisher {source.publisher!r}")
        if "title" not in source.ours and not all(_in_the_sources(part) for part in source.title.split(": ")):
            unmarked.append(f"{source.id}: title {source.title!r}")
    assert not unmarked, "publishers and titles the sources do not give must be listed in `ours`:\n" + "\n".join(unmarked)


def test_standards_shifts_and_diagram_steps_are_the_sources_words(base):
    words = [(p.id, standard) for p in base.of_kind("principle") for standard in p.standards]
    words += [(s.id, text) for s in base.of_kind("market-shift") for text in (s.shift_from, s.shift_to)]
    words += [(d.id, step) for d in base.of_kind("diagram") for step in d.steps]
    missing = [f"{record_id}: {text!r}" for record_id, text in words if not _in_the_sources(text)]
    assert not missing, "not found in the sources:\n" + "\n".join(missing)


def test_the_check_notices_an_expansion_the_sources_do_not_give():
    assert _in_the_sources("Health and Social Care Partnership")
    assert not _in_the_sources("Medication Assisted Treatment Standards")
    assert not _in_the_sources("Institute for Research and Innovation in Social Services")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, ROOT / "templates")
    return out


def test_pages_label_what_is_ours(base, generated):
    mat = (generated / "glossary" / "mat-standards.md").read_text(encoding="utf-8")
    assert "Medication Assisted Treatment Standards" in mat
    heading = next(line for line in mat.splitlines() if line.startswith("# "))
    assert "Medication" not in heading, "an expansion that is ours must not look like the source's"
    assert "Knowledge base note" in mat
    irasc = (generated / "sources" / "irasc-2021.md").read_text(encoding="utf-8")
    assert "Scottish Government (knowledge base note" in irasc
    principles = (generated / "principles" / "ccps.md").read_text(encoding="utf-8")
    assert "Our numbering" in principles
    area = (generated / "actions" / "4-1.md").read_text(encoding="utf-8")
    assert "Our numbering" in area
