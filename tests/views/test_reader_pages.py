"""Pages read the way a newcomer reads them: themes lead to case studies, content comes before
codes, definitions are whole. Checked on the generated Markdown, computed here from the data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from eckb.pipeline import build_pages

TEMPLATES = ROOT / "templates"
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES, "https://kb.example.org/ethical/")
    return out


def section(page: str, anchor: str) -> str:
    start = page.index(f"{{ #{anchor}")
    following = page.find("\n## ", start)
    return page[start: following if following != -1 else len(page)]


def test_each_theme_page_lists_the_case_studies_evidencing_its_findings_with_their_reasons(base, generated):
    for theme in base.of_kind("theme"):
        key = theme.id.removeprefix("theme-")
        block = section((generated / f"themes/{key}.md").read_text(encoding="utf-8"), "case-studies")
        findings = {f.id for f in base.referrers(theme.id, "finding")}
        expected = [cs for cs in sorted(base.of_kind("case-study"), key=lambda cs: base.of_kind("case-study").index(cs))
                    if any(link.finding in findings for link in cs.findings)]
        linked = [target for target in LINK.findall(block) if target.startswith("../case-studies/")]
        assert linked == [f"../case-studies/{cs.id.removeprefix('case-study-')}.md" for cs in expected], theme.id
        for case_study in expected:
            for link in case_study.findings:
                if link.finding in findings:
                    assert link.reason in block, (theme.id, case_study.id, link.finding)


def test_home_page_theme_links_land_on_the_theme_pages(base):
    home = (ROOT / "docs/index.md").read_text(encoding="utf-8")
    assert [f"themes/{t.id.removeprefix('theme-')}.md" for t in base.of_kind("theme")] == \
        [target for target in LINK.findall(home) if re.fullmatch(r"themes/\d+\.md", target)]


def first_text_after_title(page: str) -> str:
    """The first paragraph of text under the page's H1, in the generated Markdown."""
    body = page.split("\n# ", 1)[1].split("\n", 1)[1]
    for block in body.split("\n\n"):
        text = block.strip()
        if text and not text.startswith("<div") and not text.startswith("</div"):
            return text
    return ""


def test_record_pages_open_with_their_summary_or_definition_not_codes(base, generated):
    from eckb.link.urls import address

    checked = 0
    for kind_name, field in (("case-study", "summary"), ("finding", "summary"), ("theme", "summary"), ("approach", "summary"),
                             ("care-area", "summary"), ("term", "gloss")):
        for record in base.of_kind(kind_name):
            expected = getattr(record, field) or (record.quote.text if kind_name == "term" else "")
            first = first_text_after_title((generated / address(record).page).read_text(encoding="utf-8"))
            assert " ".join(expected.split())[:40] in " ".join(first.split()).replace("\\", ""), (record.id, first[:120])
            checked += 1
    assert checked > 60


def test_ethical_commissioning_reads_plain_words_first(generated):
    page = (generated / "glossary/ethical-commissioning.md").read_text(encoding="utf-8")
    assert page.index("In plain words") < page.index("In the sources' words") < page.index("> ")


def test_identifiers_and_metadata_follow_the_content_in_a_details_block(base, generated):
    page = (generated / "case-studies/falkirk.md").read_text(encoding="utf-8")
    assert "| Detail | Value |" not in page
    summary_at = page.index(" ".join(base.get("case-study-falkirk").summary.split())[:30])
    details_at = page.index("{ #details")
    assert summary_at < page.index("## What they did") < details_at < page.index("{ #cite-this")
    assert page.index("`case-study-falkirk`") > details_at and page.index("<dt>Organisation</dt>") > details_at


def test_glossary_index_gives_each_definition_whole_sentences(base, generated):
    index = (generated / "glossary/index.md").read_text(encoding="utf-8")
    entries = [line for line in index.splitlines() if line.startswith("- [")]
    assert len(entries) == len(base.of_kind("term"))
    cut = [line for line in entries if line.endswith("…") or not line.rstrip().endswith((".", ".”", ")", "’", "”"))]
    assert cut == []


def test_search_snippets_of_records_start_with_their_summary_or_definition(base, built_site):
    import json

    docs = {doc["location"]: doc for doc in json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    for location, record_id, field in (("case-studies/falkirk/", "case-study-falkirk", "summary"),
                                       ("glossary/ethical-commissioning/", "term-ethical-commissioning", "gloss"),
                                       ("findings/3-4/", "finding-3-4", "summary")):
        text = re.sub(r"<[^>]+>", "", docs[location]["text"])
        assert text.startswith(" ".join(getattr(base.get(record_id), field).split())[:30]), (location, text[:80])
        assert "Detail Value" not in text and "Also written" not in text


# ---------------------------------------------------------------- one citation, everywhere the same


def citation_parts_of(generated: Path, record_id: str, page_path: str) -> dict[str, dict[str, str]]:
    bib = (generated / f"cite/{record_id}.bib").read_text(encoding="utf-8")
    ris = (generated / f"cite/{record_id}.ris").read_bytes().decode("utf-8")
    page = (generated / page_path).read_text(encoding="utf-8")
    shown = re.search(r'<span id="citation-text">(.*?)</span>', page).group(1)
    bib_fields = dict(re.findall(r"^  (\w+) = \{+(.*?)\}+,?$", bib, flags=re.M))
    ris_fields = dict(re.findall(r"^([A-Z][A-Z0-9])  - (.*)$", ris.replace("\r\n", "\n"), flags=re.M))
    return {"page": shown, "bib": bib_fields, "ris": ris_fields, "bib_text": bib, "ris_text": ris}


@pytest.mark.parametrize("record_id, page_path", [("finding-3-3", "findings/3-3.md"), ("case-study-falkirk", "case-studies/falkirk.md"),
                                                  ("term-ethical-commissioning", "glossary/ethical-commissioning.md")])
def test_page_bibtex_and_ris_agree_on_author_year_title_section_and_address(base, generated, record_id, page_path):
    from eckb.link.labels import label

    record = base.get(record_id)
    document = base.get(record.source.document)
    parts = citation_parts_of(generated, record_id, page_path)
    author, year, title, section = document.publisher, str(document.year), label(record), record.source.section
    url = f"https://kb.example.org/ethical/{page_path.removesuffix('.md')}/"
    import html as html_module

    shown = html_module.unescape(parts["page"])
    assert shown.startswith(f"{author} ({year}) ‘{title}’"), shown
    assert f"section {section}" in shown and url in shown and "Ethical Commissioning Knowledge Base" in shown
    assert (parts["bib"]["author"], parts["bib"]["year"], parts["bib"]["title"], parts["bib"]["chapter"], parts["bib"]["url"]) == \
        (author, year, title, section, url)
    assert (parts["ris"]["AU"], parts["ris"]["PY"], parts["ris"]["TI"], parts["ris"]["SE"], parts["ris"]["UR"]) == \
        (author, year, title, section, url)


def test_static_citation_files_carry_no_build_day_access_date(generated):
    for path in (generated / "cite").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "urldate" not in text and "\nY2  - " not in text and "\nDA  - " not in text, path.name


def test_release_refuses_a_local_or_missing_site_address():
    import subprocess
    import sys

    script = ROOT / "scripts/require_site_url.py"
    for value in ("", "http://127.0.0.1:8000/", "http://localhost:8000/"):
        result = subprocess.run([sys.executable, str(script)], env={"SITE_URL": value}, capture_output=True, text=True)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, (value, result.stderr)
        assert "SITE_URL" in result.stderr
    ok = subprocess.run([sys.executable, str(script)], env={"SITE_URL": "https://kb.example.org/ethical/"}, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stderr == ""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    release = makefile.split("\nrelease:", 1)[1].split("\n\n", 1)[0]
    assert "require_site_url.py" in release.splitlines()[1], "the check runs before anything is built"
    assert "require_site_url.py" in (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")


def test_a_development_build_says_in_its_footer_that_its_links_are_local(built_site):
    html = (built_site / "findings/3-4/index.html").read_text(encoding="utf-8")
    footer = html[html.index("<footer"):]
    assert "data-kb-dev-build" in footer and "Development build" in footer
    assert html.count("<title>") == 1
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>([^<]*)</title>", home).group(1).count("Ethical Commissioning Knowledge Base") == 1
