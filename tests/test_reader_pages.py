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
