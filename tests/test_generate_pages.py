"""The generator writes a page and a permalink for every record, links both ways, and writes only on change."""
from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, ROOT
from eckb.pipeline import build_pages, read_knowledge_base
from eckb.link.urls import address, relative_path

TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES)
    return out


def test_every_record_has_a_page_and_an_anchor_named_by_its_id(base, generated):
    for kind in base.by_kind:
        for record in base.of_kind(kind):
            where = address(record)
            page = generated / where.page
            assert page.is_file(), f"{record.id}: no page {where.page}"
            anchor = where.anchor or record.id
            text = page.read_text(encoding="utf-8")
            assert f"{{ #{anchor} }}" in text or f'id="{anchor}"' in text, f"{record.id}: no anchor #{anchor} on {where.page}"


def test_urls_derive_from_ids_not_titles(base):
    assert address(base.get("finding-3-4")).url == "findings/3-4/"
    assert address(base.get("case-study-falkirk")).url == "case-studies/falkirk/"
    assert address(base.get("action-4-1-a")).url == "actions/4-1/#action-4-1-a"
    assert address(base.get("term-hscp")).url == "glossary/hscp/"
    assert address(base.get("policy-slif")).url == "policy-context/#policy-slif"


def test_links_between_any_two_pages_are_the_relative_paths_the_file_system_would_give(generated):
    pages = sorted(path.relative_to(generated).as_posix() for path in generated.rglob("*.md"))
    folders = sorted({posixpath.dirname(page) for page in pages} | {"browse/area", "a/b/c"})
    assert len(pages) > 150
    for folder in folders:
        for page in pages + ["cite/finding-3-4.bib", "go/3.4/index.html"]:
            assert relative_path(page, folder) == posixpath.relpath(page, folder or "."), (page, folder)


def test_permalinks_export_lists_every_record_at_its_address(base, generated):
    permalinks = json.loads((generated / "data/permalinks.json").read_text(encoding="utf-8"))
    every_id = {record.id for kind in base.by_kind for record in base.of_kind(kind)}
    assert set(permalinks) == every_id
    assert permalinks["finding-3-4"] == "findings/3-4/"


def test_knowledge_base_export_has_typed_records_with_resolvable_cross_references(base, generated):
    export = json.loads((generated / "data/knowledge-base.json").read_text(encoding="utf-8"))
    assert export["version"] and export["generated"]
    records = {record["id"]: record for record in export["records"]}
    assert len(records) == len(export["records"]), "IDs must be unique"
    for record in export["records"]:
        assert {"id", "type", "title", "url", "source"} <= set(record)
        assert record["source"]["document"] in records
    falkirk = records["case-study-falkirk"]
    assert falkirk["type"] == "case-study"
    assert falkirk["findings"] and all(fid in records for fid in falkirk["findings"])
    assert {e["finding"] for e in falkirk["evidence"]} == set(falkirk["findings"])
    finding = records[falkirk["findings"][0]]
    assert "case-study-falkirk" in finding["case_studies"], "the finding lists the case study that evidences it"


def test_every_case_study_link_is_mirrored_on_the_finding_page(base, generated):
    for case_study in base.of_kind("case-study"):
        for link in case_study.findings:
            finding_page = (generated / address(base.get(link.finding)).page).read_text(encoding="utf-8")
            assert f"(../case-studies/{case_study.id.removeprefix('case-study-')}.md)" in finding_page
            assert link.reason.split()[0] in finding_page, "the reason is shown with the backlink"


def test_terms_list_the_records_that_use_them(base, generated):
    page = (generated / "glossary/light-touch-regime.md").read_text(encoding="utf-8")
    assert "Where this term is used" in page
    assert "../case-studies/falkirk.md" in page


def test_corrections_are_shown_on_the_affected_pages(generated):
    assert "Corrected from the source" in (generated / "findings/3-3.md").read_text(encoding="utf-8")
    assert "Corrected from the source" in (generated / "case-studies/north-lanarkshire-adp.md").read_text(encoding="utf-8")
    assert "Corrected from the source" not in (generated / "findings/1-1.md").read_text(encoding="utf-8")


def test_regenerating_unchanged_data_writes_nothing(tmp_path):
    first = build_pages(DATA, tmp_path, TEMPLATES)[1]
    assert first.written
    second = build_pages(DATA, tmp_path, TEMPLATES)[1]
    assert second.written == [] and second.removed == []


def test_editing_one_record_rewrites_only_the_pages_that_show_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "docs"
    build_pages(data, out, TEMPLATES)
    finding = data / "findings/3-4.yaml"
    finding.write_text(finding.read_text(encoding="utf-8").replace("summary:", "summary: Edited.", 1), encoding="utf-8")
    written = set(build_pages(data, out, TEMPLATES)[1].written)
    assert "findings/3-4.md" in written
    pages = {path for path in written if path.endswith(".md")}
    assert pages == {"findings/3-4.md", "print/index.md"}, "only the finding's page and the print page show its summary"
    assert all(path.startswith("data/") for path in written - pages), written  # exports carry every record


def test_stale_generated_pages_are_removed_but_hand_written_pages_are_kept(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid/data", data)
    out = tmp_path / "docs"
    hand_written = out / "findings/notes.md"
    hand_written.parent.mkdir(parents=True)
    hand_written.write_text("# My notes\n", encoding="utf-8")
    build_pages(data, out, TEMPLATES)
    assert (out / "findings/1-2.md").is_file()
    findings = data / "findings.yaml"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text[: text.index("- id: finding-1-2")], encoding="utf-8")
    (data / "actions.yaml").write_text((data / "actions.yaml").read_text().replace("findings: [finding-1-2]", ""), encoding="utf-8")
    (data / "action-areas.yaml").write_text((data / "action-areas.yaml").read_text().replace(", finding-1-2]", "]"), encoding="utf-8")
    result = build_pages(data, out, TEMPLATES)[1]
    assert "findings/1-2.md" in result.removed
    assert all("1-2" in path or "1.2" in path for path in result.removed), result.removed  # its page, citations, short links
    assert hand_written.read_text(encoding="utf-8") == "# My notes\n"


def test_a_hand_written_page_in_the_way_stops_the_build_before_anything_is_written(tmp_path):
    from eckb.load.errors import DataError

    out = tmp_path / "docs"
    (out / "findings").mkdir(parents=True)
    (out / "findings/1-1.md").write_text("# Written by hand\n", encoding="utf-8")
    with pytest.raises(DataError, match="hand-written page"):
        build_pages(FIXTURES / "valid/data", out, TEMPLATES)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["findings/1-1.md"]


def test_the_fixture_knowledge_base_is_small_and_valid():
    base = read_knowledge_base(FIXTURES / "valid/data")
    assert len(base.of_kind("finding")) == 2


def test_generated_output_is_never_committed():
    """Generated folders are ignored by git, so a build never leaves changes to commit."""
    import subprocess

    from eckb.link.urls import exclusive_folders, generated_folders

    for folder in sorted(generated_folders() | exclusive_folders()):
        probe = f"docs/{folder}/example.md"
        ignored = subprocess.run(["git", "check-ignore", "-q", probe], cwd=ROOT).returncode == 0
        assert ignored, f"docs/{folder}/ holds generated files but is not in .gitignore"
    tracked = subprocess.run(["git", "ls-files", *(f"docs/{f}" for f in generated_folders() | exclusive_folders())],
                             cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == "", f"generated files are committed:\n{tracked[:500]}"


def test_every_backlink_has_its_target_and_says_how_it_links(base):
    from eckb.load.references import references

    for target_id, backlinks in base.referenced_by.items():
        for backlink in backlinks:
            targets = {ref for path, _kind, ref in references(backlink.source)}
            assert target_id in targets, f"{backlink.source.id} does not refer to {target_id}"
            assert backlink.note, f"{backlink.source.id} -> {target_id} ({backlink.field}) has no words"


def test_an_action_backlink_quotes_the_action(generated):
    page = (generated / "findings/3-4.md").read_text(encoding="utf-8")
    assert "](../actions/4-3.md#action-4-3-a): “We will work closely with the Scottish Government" in page


def test_regenerating_again_and_again_in_one_process_holds_no_more_memory(tmp_path):
    """`mkdocs serve` regenerates in one long-lived process: each run must free what the last one made."""
    import gc

    from eckb.pipeline import generated_files

    def live_objects_after_a_run() -> int:
        generated_files(DATA, tmp_path, ROOT / "templates")
        gc.collect()
        return len(gc.get_objects())

    live_objects_after_a_run()
    settled = live_objects_after_a_run()
    assert live_objects_after_a_run() - settled < 500


def test_two_copies_of_the_templates_never_get_each_others_compiled_pages(tmp_path):
    """Compiled templates are shared between checkouts by name; a template edited in one copy must
    still render as written in each (a clean clone, a branch, the tests' own copies)."""
    from eckb.render.render import make_environment

    copies = []
    for name in ("a", "b"):
        folder = tmp_path / name
        shutil.copytree(ROOT / "templates", folder)
        copies.append(folder)
    edited = copies[1] / "tombstone-section.md.j2"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEdited in copy b only.\n", encoding="utf-8")
    context = {"record": {"id": "x", "title": "X", "withdrawn": {"reason": "gone", "date": "2026-01-01", "replaced_by": None}},
               "replacement": None, "link": lambda *args: "", "label": lambda record: "X"}
    for folder in (copies[0], copies[1], copies[0]):
        text = make_environment(folder).get_template("tombstone-section.md.j2").render(**context)
        assert ("Edited in copy b only." in text) == (folder == copies[1])




def test_data_values_read_exactly_as_yaml_safe_loading_reads_them():
    """Values are read by YAML's own safe rules: numbers, dates, booleans, nulls and text."""
    import yaml

    from eckb.load.errors import Problem
    from eckb.load.load import LOADER, plain_data

    samples = ["", "~", "null", "yes", "No", "off", "true", "1", "0x1F", "1_000", "-1", "+1", "0o7", "1.5", "-.5", ".inf",
               "2024-07-01", "2024-07-01 10:00:00", "hello", "3.4", "3.2.1", "'quoted'", '"1"', "!!str 1", "!!int '7'",
               "{a: 1, b: 2024-01-01, c: null}", "[1, 2]"]
    texts = ["\n".join(f"- {sample}" for sample in samples) + "\n"]
    texts += [path.read_text(encoding="utf-8") for path in sorted(DATA.rglob("*.yaml"))]
    for text in texts:
        problems: list[Problem] = []
        ours = plain_data(yaml.compose(text, Loader=LOADER), "data.yaml", problems)
        assert (ours, problems) == (yaml.safe_load(text), [])
