"""Data for other tools: per-kind JSON and CSV that match their schemas, and citations that parse."""
from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest

from conftest import DATA, ROOT
from eckb.load.kinds import KINDS
from eckb.pipeline import build_pages

TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES, "https://kb.example.org/ethical/")
    return out


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_kind_exports_json_that_validates_against_its_schema(docs, base, kind):
    schema = json.loads((docs / f"data/schema/{kind.name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    export = json.loads((docs / f"data/{kind.data}.json").read_text(encoding="utf-8"))
    assert export["type"] == kind.name and export["version"]
    assert [r["id"] for r in export["records"]] == [r.id for r in base.of_kind(kind.name)]
    for record in export["records"]:
        jsonschema.validate(record, schema)


def test_a_schema_rejects_a_record_with_a_broken_id(docs):
    schema = json.loads((docs / "data/schema/finding.schema.json").read_text(encoding="utf-8"))
    record = json.loads((docs / "data/findings.json").read_text(encoding="utf-8"))["records"][0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "id": "Finding 1.1"}, schema)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_kind_exports_csv_with_one_row_per_record(docs, base, kind):
    rows = list(csv.DictReader(io.StringIO((docs / f"data/{kind.data}.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [r.id for r in base.of_kind(kind.name)]
    assert all(row["url"] and row["source_document"] for row in rows)


def test_quotations_survive_the_export(docs, base):
    terms = {r["id"]: r for r in json.loads((docs / "data/terms.json").read_text(encoding="utf-8"))["records"]}
    assert terms["term-procurement"]["quote"]["text"] == base.get("term-procurement").quote.text


def test_bibtex_entries_are_well_formed_and_name_the_record(docs, base):
    for record in base.of_kind("finding"):
        text = (docs / f"cite/{record.id}.bib").read_text(encoding="utf-8")
        assert text.startswith(f"@misc{{{record.id},\n")
        assert text.count("{") == text.count("}") + text.count("\\{") - text.count("\\}")
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", text, flags=re.M))
        assert fields["url"] == f"https://kb.example.org/ethical/findings/{record.id.removeprefix('finding-')}/"
        assert record.id in fields["note"] and fields["version"]


def test_ris_records_are_well_formed_and_name_the_record(docs, base):
    text = (docs / "cite/case-study-falkirk.ris").read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines[:-1])
    assert "ID  - case-study-falkirk" in lines
    assert "UR  - https://kb.example.org/ethical/case-studies/falkirk/" in lines


def _release_version() -> str:
    import yaml
    return yaml.safe_load((DATA / "release.yaml").read_text(encoding="utf-8"))["version"]


def test_every_entity_page_cites_its_id_and_absolute_address(docs):
    page = (docs / "findings/3-4.md").read_text(encoding="utf-8")
    assert "## Cite this { #cite-this data-search-exclude }" in page
    assert "record finding-3-4" in page and "section 3.3.4" in page and f"release {_release_version()}" in page
    assert "https://kb.example.org/ethical/findings/3-4/" in page
    assert "[Download BibTeX](../cite/finding-3-4.bib)" in page


def test_short_links_redirect_to_the_record(docs):
    by_number = (docs / "go/3.4/index.html").read_text(encoding="utf-8")
    by_id = (docs / "go/finding-3-4/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../findings/3-4/"' in by_number
    assert 'content="0; url=../../findings/3-4/"' in by_id
    anchored = (docs / "go/action-4-1-a/index.html").read_text(encoding="utf-8")
    assert 'url=../../actions/4-1/#action-4-1-a"' in anchored


def test_every_entity_pages_citation_names_its_id_and_its_own_address(docs, base):
    from eckb.link.urls import OWN_PAGE_FOLDERS, address

    for kind_name in OWN_PAGE_FOLDERS:
        for record in base.of_kind(kind_name):
            page = (docs / address(record).page).read_text(encoding="utf-8")
            citation = page[page.index('<span id="citation-text">'):page.index("</span>", page.index('<span id="citation-text">'))]
            assert f"record {record.id}," in citation, record.id
            assert f"https://kb.example.org/ethical/{address(record).url}" in citation, record.id


def test_bibtex_escapes_every_special_character_in_a_title(base):
    from eckb.views.cite import cite

    record = base.get("finding-3-4").model_copy(update={"title": "Costs & risks: 50% {shared} #1 at $2 per_hour \\ more"})
    bibtex = cite(base, record, "https://kb.example.org/", {"version": "2024.1", "generated": "2024-07-01"}).bibtex
    title = re.search(r"^  title = \{(.*)\},$", bibtex, flags=re.M).group(1)
    assert title.endswith(r"Costs \& risks: 50\% \{shared\} \#1 at \$2 per\_hour \textbackslash{} more")
