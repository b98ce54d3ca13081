"""The evidence map (/evidence-map/): every mark in its grids is a link in the data and every link in
the data is a mark; totals add up; the tables are accessible; data values are escaped."""
from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import DATA, FIXTURES, ROOT
from eckb.pipeline import build_pages

TEMPLATES = ROOT / "templates"
PAGE = "evidence-map/index.md"


# ---------------------------------------------------------------- reading the generated tables


@dataclass
class Cell:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    """Everything a screen reader reads, visible or visually hidden."""
    hrefs: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    marks: list[dict[str, str]] = field(default_factory=list)
    """Each mark's attributes (a.kb-em__mark), with its spoken text under 'spoken'."""


@dataclass
class Table:
    attrs: dict[str, str]
    caption: str = ""
    sections: list[tuple[str, list[list[Cell]]]] = field(default_factory=list)
    """('thead' | 'tbody' | 'tfoot', rows), in document order."""

    def rows(self, section: str) -> list[list[Cell]]:
        return [row for name, rows in self.sections if name == section for row in rows]


class Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, Table] = {}
        self.wrappers: dict[str, dict[str, str]] = {}
        self.ids: dict[str, str] = {}
        """id -> the text of the element carrying it (for list items: the whole item)."""
        self._table: Table | None = None
        self._cell: Cell | None = None
        self._mark: dict[str, str] | None = None
        self._in_caption = False
        self._open_ids: list[tuple[str, str, list[str]]] = []
        self._wrapper: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes and tag in ("li", "h1", "h2", "h3"):
            self._open_ids.append((tag, attributes["id"], []))
        if tag == "div" and "kb-em" in attributes.get("class", "").split():
            self._wrapper = attributes
        if tag == "table":
            self._table = Table(attributes)
            self.tables[attributes["id"]] = self._table
            if self._wrapper is not None:
                self.wrappers[attributes["id"]] = self._wrapper
        elif self._table is None:
            return
        elif tag == "caption":
            self._in_caption = True
        elif tag in ("thead", "tbody", "tfoot"):
            self._table.sections.append((tag, []))
        elif tag == "tr":
            self._table.sections[-1][1].append([])
        elif tag in ("th", "td"):
            self._cell = Cell(tag, attributes)
            self._table.sections[-1][1][-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell.hrefs.append(attributes.get("href", ""))
            self._cell.links.append(attributes)
            if "kb-em__mark" in attributes.get("class", "").split():
                self._mark = {**attributes, "spoken": "", "visible": ""}
                self._cell.marks.append(self._mark)
        elif tag == "span" and self._mark is not None:
            self._span = attributes

    def handle_endtag(self, tag):
        if self._open_ids and self._open_ids[-1][0] == tag:
            _, anchor, parts = self._open_ids.pop()
            self.ids[anchor] = " ".join("".join(parts).split())
        if tag == "table":
            self._table = None
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td"):
            self._cell = None
        elif tag == "a":
            self._mark = None

    def handle_data(self, data):
        for _, _, parts in self._open_ids:
            parts.append(data)
        if self._in_caption and self._table is not None:
            self._table.caption += data
        if self._cell is not None:
            self._cell.text += data
        if self._mark is not None:
            key = "spoken" if "kb-sr" in getattr(self, "_span", {}).get("class", "") else "visible"
            self._mark[key] += data


def page_html(out: Path) -> str:
    """The page as MkDocs turns it into HTML (front matter removed)."""
    text = (out / PAGE).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])


def parse(out: Path) -> Tables:
    parser = Tables()
    parser.feed(page_html(out))
    return parser


def record_from_href(href: str, folder: str, prefix: str) -> str:
    """'../findings/3-4/' -> 'finding-3-4' (with folder 'findings' and prefix 'finding-')."""
    match = re.fullmatch(rf"\.\./{folder}/([a-z0-9-]+)/(?:#([a-z0-9-]+))?", href)
    assert match, f"{href!r} is not a relative link into /{folder}/"
    return match.group(2) or prefix + match.group(1)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    build_pages(DATA, out, TEMPLATES)
    return out


@pytest.fixture(scope="module")
def tables(generated) -> Tables:
    return parse(generated)


def finding_columns(table: Table) -> list[str]:
    """The finding IDs of the columns, left to right, from the last header row."""
    last = table.rows("thead")[-1]
    return [record_from_href(cell.hrefs[0], "findings", "finding-") for cell in last if cell.attrs.get("scope") == "col" and cell.hrefs]


def body_rows(table: Table) -> list[list[Cell]]:
    """Rows with a row header (scope="row"), leaving out rowgroup heading rows."""
    return [row for row in table.rows("tbody") if row and row[0].attrs.get("scope") == "row"]


# ---------------------------------------------------------------- (a) case studies x findings


def test_case_study_grid_marks_exactly_the_evidence_links_in_the_data(base, tables):
    table = tables.tables["map-case-studies"]
    findings = finding_columns(table)
    assert findings == [finding.id for theme in base.of_kind("theme") for finding in base.of_kind("finding") if finding.theme == theme.id]
    expected = {(cs.id, link.finding) for cs in base.of_kind("case-study") for link in cs.findings}
    rows = body_rows(table)
    assert [record_from_href(row[0].hrefs[0], "case-studies", "case-study-") for row in rows] == \
        [cs.id for cs in sorted(base.of_kind("case-study"), key=lambda cs: cs.position)], "rows in the true order"
    marked = set()
    for row in rows:
        case_study = record_from_href(row[0].hrefs[0], "case-studies", "case-study-")
        cells = row[1:1 + len(findings)]
        assert len(cells) == len(findings)
        for finding, cell in zip(findings, cells):
            if cell.marks:
                marked.add((case_study, finding))
                assert len(cell.marks) == 1
                assert cell.marks[0]["visible"] == "✓" and cell.marks[0]["spoken"].strip(), "a mark has words for screen readers"
            else:
                assert cell.text.strip() == "" and "kb-em__gap" in cell.attrs["class"], "a gap is visibly empty"
    assert marked == expected


def test_every_case_study_mark_leads_to_its_reason(base, tables):
    table = tables.tables["map-case-studies"]
    findings = finding_columns(table)
    reasons = {(cs.id, link.finding): (cs, link.reason) for cs in base.of_kind("case-study") for link in cs.findings}
    for row in body_rows(table):
        case_study = record_from_href(row[0].hrefs[0], "case-studies", "case-study-")
        for finding, cell in zip(findings, row[1:]):
            for mark in cell.marks:
                anchor = mark["href"].removeprefix("#")
                assert anchor == f"ev-{case_study.removeprefix('case-study-')}-{finding.removeprefix('finding-')}"
                record, reason = reasons[(case_study, finding)]
                item = tables.ids[anchor]
                assert reason in item and record.title in item and base.get(finding).title in item


def test_case_study_grid_totals_add_up(base, tables):
    table = tables.tables["map-case-studies"]
    findings = finding_columns(table)
    rows = body_rows(table)
    for row in rows:
        marks = sum(1 for cell in row[1:1 + len(findings)] if cell.marks)
        assert int(row[-1].text) == marks, "row total"
    footer = table.rows("tfoot")[0]
    assert footer[0].tag == "th" and footer[0].attrs["scope"] == "row"
    column_totals = [int(cell.text) for cell in footer[1:1 + len(findings)]]
    for index, finding in enumerate(findings):
        evidencing = [cs for cs in base.of_kind("case-study") if any(link.finding == finding for link in cs.findings)]
        assert column_totals[index] == len(evidencing), f"column total of {finding}"
    links = {(cs.id, link.finding) for cs in base.of_kind("case-study") for link in cs.findings}
    assert int(footer[-1].text) == len(links), "grand total"


def test_theme_headers_span_their_findings(base, tables):
    table = tables.tables["map-case-studies"]
    findings = finding_columns(table)
    groups = [cell for cell in table.rows("thead")[0] if cell.attrs.get("scope") == "colgroup"]
    column = 0
    for group in groups:
        theme = record_from_href(group.hrefs[0], "themes", "theme-")
        span = int(group.attrs["colspan"])
        assert span and all(base.get(f).theme == theme for f in findings[column:column + span])
        column += span
    assert column == len(findings)


# ---------------------------------------------------------------- (b) findings x areas for action


def test_action_area_grid_marks_area_and_action_links(base, tables):
    table = tables.tables["map-action-areas"]
    header = table.rows("thead")[-1]
    areas = [record_from_href(cell.hrefs[0], "actions", "action-area-") for cell in header[1:]]
    assert areas == [area.id for area in base.of_kind("action-area")]
    expected = set()
    for area in base.of_kind("action-area"):
        expected |= {(finding, area.id, "area") for finding in area.findings}
        for action in base.of_kind("action"):
            if action.area == area.id:
                expected |= {(finding, area.id, action.id) for finding in action.findings}
    found = set()
    rows = body_rows(table)
    assert [record_from_href(row[0].hrefs[0], "findings", "finding-") for row in rows] == \
        [f.id for theme in base.of_kind("theme") for f in base.of_kind("finding") if f.theme == theme.id]
    for row in rows:
        finding = record_from_href(row[0].hrefs[0], "findings", "finding-")
        for area, cell in zip(areas, row[1:], strict=True):
            for mark in cell.marks:
                assert mark["spoken"].strip()
                target = record_from_href(mark["href"], "actions", "action-area-")
                if "kb-em__mark--area" in mark["class"]:
                    assert target == area and mark["visible"] == "●"
                    found.add((finding, area, "area"))
                else:
                    assert "kb-em__mark--action" in mark["class"] and base.get(target).area == area
                    found.add((finding, area, target))
            if not cell.marks:
                assert cell.text.strip() == ""
    assert found == expected


# ---------------------------------------------------------------- (c) principles x findings


def test_principle_grid_shows_editorial_links_of_linked_principles_only(base, tables):
    table = tables.tables["map-principles"]
    findings = finding_columns(table)
    linked = [p for s in base.of_kind("principle-set") for p in base.of_kind("principle") if p.set == s.id and p.findings]
    rows = body_rows(table)
    assert [record_from_href(row[0].hrefs[0], "principles", "") for row in rows] == [p.id for p in linked]
    expected = {(p.id, link.finding) for p in linked for link in p.findings}
    found = set()
    for row in rows:
        principle = record_from_href(row[0].hrefs[0], "principles", "")
        for finding, cell in zip(findings, row[1:1 + len(findings)]):
            for mark in cell.marks:
                assert "kb-em__mark--editorial" in mark["class"] and "editorial" in mark["spoken"].casefold()
                assert mark["href"] == f"#ep-{principle.removeprefix('principle-')}-{finding.removeprefix('finding-')}"
                assert tables.ids[mark["href"][1:]]
                found.add((principle, finding))
    assert found == expected
    assert int(table.rows("tfoot")[0][-1].text) == len(expected)


def test_legend_explains_every_mark(generated):
    text = (generated / PAGE).read_text(encoding="utf-8")
    legend = text.split("{ #legend }", 1)[1].split("\n## ", 1)[0]
    for mark in ("✓", "●", "(a)", "E**"):
        assert mark in legend
    assert "editorial" in legend and "gap" in legend


# ---------------------------------------------------------------- accessibility and escaping


def test_tables_have_captions_header_scopes_and_a_focusable_scroll_box(tables):
    assert set(tables.tables) == {"map-case-studies", "map-action-areas", "map-principles"}
    for table_id, table in tables.tables.items():
        assert table.caption.strip(), f"{table_id} has no caption"
        wrapper = tables.wrappers[table_id]
        assert wrapper["role"] == "region" and wrapper["tabindex"] == "0"
        assert wrapper["aria-labelledby"] == f"{table_id}-caption"
        for section, rows in table.sections:
            for row in rows:
                for cell in row:
                    if cell.tag != "th":
                        continue
                    allowed = {"col", "colgroup"} if section == "thead" else {"row", "rowgroup"}
                    assert cell.attrs.get("scope") in allowed, f"{table_id}: <th> without a proper scope in {section}"
        for cell in table.rows("thead")[-1]:
            if "kb-em__col" in cell.attrs.get("class", ""):
                number = cell.text.strip()
                assert re.match(rf"(Finding|Area for action) {re.escape(number)}: ", cell.links[0]["title"]), "a column header names its column in full"


def test_links_in_the_raw_html_are_relative_and_resolve(tables, generated):
    pages = {path.relative_to(generated).as_posix() for path in generated.rglob("*.md")}
    for table in tables.tables.values():
        for _, rows in table.sections:
            for row in rows:
                for cell in row:
                    for href in cell.hrefs:
                        assert not href.startswith(("/", "http")), href
                        if href.startswith("#"):
                            assert href[1:] in tables.ids, href
                            continue
                        path = re.sub(r"#.*", "", href).removeprefix("../")
                        assert f"{path}index.md" in pages or f"{path.rstrip('/')}.md" in pages, href


def test_data_values_are_escaped_in_the_raw_html(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "data", data)
    findings = data / "findings.yaml"
    text = findings.read_text(encoding="utf-8")
    title = 'Odd "quotes" & x < 1 *bold* _x_ [a](b)'
    first_title = re.search(r"^  title: .*$", text, re.MULTILINE)
    findings.write_text(text[: first_title.start()] + f"  title: '{title}'" + text[first_title.end():], encoding="utf-8")
    build_pages(data, tmp_path / "out", TEMPLATES)
    raw = (tmp_path / "out" / PAGE).read_text(encoding="utf-8")
    assert html.escape(title, quote=True) in raw
    assert 'title="Finding 1.1: Odd "quotes"' not in raw
    rendered = page_html(tmp_path / "out")
    assert "<em>" not in rendered and 'href="b"' not in rendered
    table = parse(tmp_path / "out").tables["map-case-studies"]
    column = next(cell for cell in table.rows("thead")[-1] if cell.text.strip() == "1.1")
    assert column.links[0]["title"] == f"Finding 1.1: {title}", "the attribute holds the title exactly"
