"""Text from data reads literally on the page: Markdown-significant characters make no markup."""
from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES, ROOT
from eckb.pipeline import build_pages

TITLE = "*bold* **strong** _x_ [a](b) & #hash"
SUMMARY = "# Not a heading: *bold* _x_ [a](b) | one & two"
LIST_LIKE = "1. Not a list item"
FACT = "Costs rose | fell _a lot_ & [a](b)"


def findings_yaml() -> str:
    return f"""\
- id: finding-1-1
  number: "1.1"
  theme: theme-1
  title: "{TITLE}"
  summary: "{SUMMARY}"
  source: {{document: source-his-2024, section: "3.1.1"}}
- id: finding-1-2
  number: "1.2"
  theme: theme-1
  title: "{LIST_LIKE}"
  summary: "{LIST_LIKE}"
  source: {{document: source-his-2024, section: "3.1.2"}}
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("escaping")
    data = work / "data"
    shutil.copytree(FIXTURES / "valid" / "data", data)
    (data / "findings.yaml").write_text(findings_yaml(), encoding="utf-8")
    falkirk = data / "case-studies" / "falkirk.yaml"
    falkirk.write_text(falkirk.read_text(encoding="utf-8") + f'facts:\n  - value: "£1m"\n    text: "{FACT}"\n', encoding="utf-8")
    build_pages(data, work / "out", ROOT / "templates")
    return work / "out"


def page_html(pages: Path, relative: str) -> str:
    """The page as MkDocs would turn it into HTML (front matter removed)."""
    text = (pages / relative).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


class TableRows(HTMLParser):
    """The number of cells in each table row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("td", "th"):
            self.rows[-1] += 1


def cells_per_row(page: str) -> set[int]:
    parser = TableRows()
    parser.feed(page)
    return set(parser.rows)


PAGES = ["findings/1-1.md", "findings/1-2.md", "findings/index.md", "themes/1.md", "case-studies/falkirk.md"]


@pytest.mark.parametrize("relative", PAGES)
def test_markdown_characters_in_data_produce_no_markup(pages: Path, relative: str):
    page = page_html(pages, relative)
    assert "<em>" not in page
    assert "<strong>strong" not in page
    assert 'href="b"' not in page
    assert "<ol>" not in page
    assert len(re.findall(r"<h1\b", page)) == 1
    assert len(cells_per_row(page)) <= 1, f"a table row has an extra cell: {cells_per_row(page)}"


def test_markdown_characters_in_data_read_literally(pages: Path):
    finding = visible_text(page_html(pages, "findings/1-1.md"))
    assert f"Finding 1.1: {TITLE}" in finding
    assert SUMMARY in finding
    assert LIST_LIKE in visible_text(page_html(pages, "findings/1-2.md"))
    assert LIST_LIKE in visible_text(page_html(pages, "findings/index.md"))
    assert FACT in visible_text(page_html(pages, "case-studies/falkirk.md"))
