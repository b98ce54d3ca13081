"""The evidence map (/evidence-map/): grids of which records evidence which findings, in the
manner of the Campbell Collaboration's evidence and gap maps.

Three grids, each an accessible HTML table (raw HTML inside the Markdown page):

- case studies x findings: from each case study's `findings` evidence links, with totals;
- findings x HIS areas for action: from an area's own `findings` and from its actions' `findings`;
- principles x findings: from each principle's `findings` evidence links (editorial mappings).

Every value printed into the HTML is escaped here, with `html.escape`, and handed to the template
as `Markup`; every link is a URL relative to the page's own URL, computed from `eckb.urls`.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from eckb.load.kinds import kind_of_id
from eckb.link.labels import label
from eckb.link.links import KnowledgeBase
from eckb.load.models import Record
from eckb.link.urls import EVIDENCE_MAP_PAGE, address, built_file, href
from eckb.views.plan import PagePlan

CASE_STUDY_MARK = "✓"
AREA_MARK = "●"
EDITORIAL_MARK = "E"


def h(value: object) -> Markup:
    """A data value made safe for raw HTML, text and attribute values alike."""
    return Markup(html.escape(str(value), quote=True))


def key_of(record: Record) -> str:
    """The key part of a record's ID: 'case-study-falkirk' -> 'falkirk', 'finding-3-4' -> '3-4'."""
    kind = kind_of_id(record.id)
    if kind is None:
        raise ValueError(f"no kind has IDs like {record.id!r}")
    return kind.key(record.id)


# ---------------------------------------------------------------- view model


@dataclass(frozen=True)
class Mark:
    """One mark in a cell: visible text, the words a screen reader hears, where it leads."""

    text: Markup
    spoken: Markup
    href: Markup
    title: Markup
    kind: str
    """What the mark stands for, as a class suffix: 'evidence', 'area', 'action', 'editorial'."""


@dataclass(frozen=True)
class Header:
    text: Markup
    title: Markup
    href: Markup
    span: int = 1


@dataclass(frozen=True)
class Row:
    header: Header
    cells: list[list[Mark]]
    """One list of marks per column; an empty list is a gap."""
    total: int | None = None


@dataclass(frozen=True)
class RowGroup:
    header: Header | None
    """A heading row for the group (scope="rowgroup", spanning the grid), or None."""
    rows: list[Row]


@dataclass(frozen=True)
class Grid:
    id: Markup
    caption: Markup
    corner: Markup
    """The header of the row-header column."""
    groups: list[Header]
    """Column groups (themes) spanning their columns; empty when columns are not grouped."""
    columns: list[Header]
    row_groups: list[RowGroup]
    totals: list[int] | None = None
    """Column totals, or None for a grid without totals."""
    grand_total: int | None = None

    @property
    def width(self) -> int:
        return 1 + len(self.columns) + (1 if self.totals is not None else 0)


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence link behind a mark, at its own anchor, with the reason given for it."""

    anchor: Markup
    source: Header
    verb: Markup
    finding: Header
    reason: Markup


@dataclass(frozen=True)
class EvidenceGroup:
    heading: Markup
    items: list[EvidenceItem] = field(default_factory=list)


# ---------------------------------------------------------------- building the grids


class _Page:
    """Links and headers as seen from the evidence map page."""

    def __init__(self, base: KnowledgeBase, page: str = EVIDENCE_MAP_PAGE, directory_urls: bool = True):
        self.base = base
        self.page = page
        self.directory_urls = directory_urls
        self._headers: dict[tuple[str, str, int], Header] = {}

    def href(self, record: Record) -> Markup:
        return h(href(built_file(self.page, self.directory_urls), address(record), self.directory_urls))

    def header(self, record: Record, text: str, span: int = 1) -> Header:
        key = (record.id, text, span)  # a finding heads a column, and is named again by every link to it
        if key not in self._headers:
            self._headers[key] = Header(h(text), h(label(record)), self.href(record), span)
        return self._headers[key]


def finding_columns(base: KnowledgeBase) -> list[tuple[Record, list[Record]]]:
    """Themes in order, each with its findings in order; themes without findings are left out."""
    groups = [(theme, base.referrers(theme.id, "finding")) for theme in base.of_kind("theme")]
    return [(theme, findings) for theme, findings in groups if findings]


def evidence_links(records: Iterable[Any]) -> dict[tuple[str, str], list[str]]:
    """(record ID, finding ID) -> the reasons given, from each record's `findings` evidence links."""
    links: dict[tuple[str, str], list[str]] = {}
    for record in records:
        for link in record.findings:
            links.setdefault((record.id, link.finding), []).append(link.reason)
    return links


def _short_name(record: Any) -> str:
    """The row label of a case study: its true order and its organisation."""
    return f"{record.position}. {record.organisation}"


def _marked_row(page: _Page, record: Record, title: str, findings: list[Record], links: dict[tuple[str, str], list[str]],
                anchor_of, mark: str, kind: str, verb: str, spoken_of) -> tuple[list[list[Mark]], list[EvidenceItem]]:
    """One grid row: a mark in each finding's cell the record links to, and the reason listed below."""
    cells: list[list[Mark]] = []
    items: list[EvidenceItem] = []
    for finding in findings:
        reasons = links.get((record.id, finding.id))
        if not reasons:
            cells.append([])
            continue
        anchor, spoken, why = anchor_of(record, finding), spoken_of(finding), "; ".join(reasons)
        cells.append([Mark(h(mark), h(spoken), h(f"#{anchor}"), h(f"{spoken}: {why}"), kind)])
        items.append(EvidenceItem(h(anchor), page.header(record, title), h(verb), page.header(finding, label(finding)), h(why)))
    return cells, items


def case_study_grid(base: KnowledgeBase, directory_urls: bool = True) -> tuple[Grid, list[EvidenceGroup]]:
    page = _Page(base, directory_urls=directory_urls)
    themes = finding_columns(base)
    findings = [finding for _, findings in themes for finding in findings]
    case_studies = base.of_kind("case-study")
    links = evidence_links(case_studies)
    rows, groups = [], []
    for case_study in case_studies:
        cells, items = _marked_row(
            page, case_study, case_study.title, findings, links, case_study_anchor, CASE_STUDY_MARK, "evidence", "evidences",
            lambda finding: f"{case_study.organisation} evidences finding {finding.number}",  # type: ignore[attr-defined]
        )
        rows.append(Row(page.header(case_study, _short_name(case_study)), cells, sum(1 for cell in cells if cell)))
        groups.append(EvidenceGroup(h(_short_name(case_study)), items))
    totals = [sum(1 for row in rows if row.cells[index]) for index in range(len(findings))]
    grid = Grid(
        id=h("map-case-studies"),
        caption=h("Case studies (rows) and the research findings they evidence (columns), grouped by theme"),
        corner=h("Case study"),
        groups=[page.header(theme, f"Theme {theme.number}", len(members)) for theme, members in themes],  # type: ignore[attr-defined]
        columns=[page.header(finding, finding.number) for finding in findings],  # type: ignore[attr-defined]
        row_groups=[RowGroup(None, rows)],
        totals=totals,
        grand_total=sum(totals),
    )
    return grid, groups


def case_study_anchor(case_study: Record, finding: Record) -> str:
    return f"ev-{key_of(case_study)}-{key_of(finding)}"


def principle_anchor(principle: Record, finding: Record) -> str:
    return f"ep-{key_of(principle)}-{key_of(finding)}"


def area_marks(base: KnowledgeBase) -> dict[tuple[str, str], list[tuple[str, Record]]]:
    """(finding ID, area ID) -> what links them: ('area', area) and/or ('action', action), in order."""
    marks: dict[tuple[str, str], list[tuple[str, Record]]] = {}
    for area in base.of_kind("action-area"):
        for finding_id in dict.fromkeys(area.findings):  # type: ignore[attr-defined]
            marks.setdefault((finding_id, area.id), []).append(("area", area))
        for action in base.referrers(area.id, "action", "area"):
            for finding_id in dict.fromkeys(action.findings):  # type: ignore[attr-defined]
                marks.setdefault((finding_id, area.id), []).append(("action", action))
    return marks


def action_area_grid(base: KnowledgeBase, directory_urls: bool = True) -> Grid:
    page = _Page(base, directory_urls=directory_urls)
    areas = base.of_kind("action-area")
    marks = area_marks(base)
    row_groups = []
    for theme, findings in finding_columns(base):
        rows = []
        for finding in findings:
            cells = []
            for area in areas:
                cell = []
                for what, record in marks.get((finding.id, area.id), []):
                    if what == "area":
                        spoken = f"Area for action {area.number} lists finding {finding.number}"  # type: ignore[attr-defined]
                        cell.append(Mark(h(AREA_MARK), h(spoken), page.href(area), h(spoken), "area"))
                    else:
                        number = record.number  # type: ignore[attr-defined]
                        short = number[len(area.number):] if number.startswith(area.number) and number != area.number else number  # type: ignore[attr-defined]
                        spoken = f"Action {number} lists finding {finding.number}"  # type: ignore[attr-defined]
                        cell.append(Mark(h(short), h(spoken), page.href(record), h(f"{label(record)}: lists finding {finding.number}"), "action"))  # type: ignore[attr-defined]
                cells.append(cell)
            rows.append(Row(page.header(finding, label(finding)), cells))
        row_groups.append(RowGroup(page.header(theme, label(theme)), rows))
    return Grid(
        id=h("map-action-areas"),
        caption=h("Research findings (rows) and the HIS areas for action (columns) that respond to them"),
        corner=h("Finding"),
        groups=[],
        columns=[page.header(area, area.number) for area in areas],  # type: ignore[attr-defined]
        row_groups=row_groups,
    )


def principle_grid(base: KnowledgeBase, directory_urls: bool = True) -> tuple[Grid | None, list[EvidenceGroup]]:
    """Principles with at least one evidence link (rows, by principle set) x findings; None if none has."""
    page = _Page(base, directory_urls=directory_urls)
    themes = finding_columns(base)
    findings = [finding for _, findings in themes for finding in findings]
    row_groups, groups = [], []
    for principle_set in base.of_kind("principle-set"):
        principles = [p for p in base.referrers(principle_set.id, "principle", "set") if p.findings]  # type: ignore[attr-defined]
        rows, items = [], []
        for principle in principles:
            links = evidence_links([principle])
            cells, principle_items = _marked_row(
                page, principle, principle.title, findings, links, principle_anchor, EDITORIAL_MARK, "editorial", "relates to",
                lambda finding: f"Editorial link: {principle.title} relates to finding {finding.number}",  # type: ignore[attr-defined]
            )
            items.extend(principle_items)
            rows.append(Row(page.header(principle, principle.title), cells, sum(1 for cell in cells if cell)))
        if rows:
            groups.append(EvidenceGroup(h(principle_set.title), items))
            row_groups.append(RowGroup(page.header(principle_set, principle_set.title), rows))
    if not row_groups:
        return None, []
    totals = [sum(1 for group in row_groups for row in group.rows if row.cells[index]) for index in range(len(findings))]
    grid = Grid(
        id=h("map-principles"),
        caption=h("Principles (rows) and the research findings (columns) this knowledge base relates them to: editorial links"),
        corner=h("Principle"),
        groups=[page.header(theme, f"Theme {theme.number}", len(members)) for theme, members in themes],  # type: ignore[attr-defined]
        columns=[page.header(finding, finding.number) for finding in findings],  # type: ignore[attr-defined]
        row_groups=row_groups,
        totals=totals,
        grand_total=sum(totals),
    )
    return grid, groups


# ---------------------------------------------------------------- the page


def evidence_pages(base: KnowledgeBase, directory_urls: bool = True) -> list[PagePlan]:
    case_studies, case_study_evidence = case_study_grid(base, directory_urls)
    principles, principle_evidence = principle_grid(base, directory_urls)
    findings = [finding for _, members in finding_columns(base) for finding in members]
    files = {base.located[record.id].file for kind in ("theme", "finding", "case-study", "action-area", "action", "principle") for record in base.of_kind(kind)}
    context = {
        "themes": finding_columns(base),
        "case_study_grid": case_studies,
        "case_study_evidence": case_study_evidence,
        "action_area_grid": action_area_grid(base, directory_urls),
        "principle_grid": principles,
        "principle_evidence": principle_evidence,
        "marks": {"evidence": CASE_STUDY_MARK, "area": AREA_MARK, "editorial": EDITORIAL_MARK},
        "gaps": [finding for finding, total in zip(findings, case_studies.totals or []) if not total],  # no case study evidences them
    }
    return [PagePlan(EVIDENCE_MAP_PAGE, "evidence-map.md.j2", "Evidence map",
                     "Which case studies, HIS areas for action and principles connect to each research finding, and where the gaps are.",
                     sorted(files), context, hide=["toc"])]  # the grids need the table of contents' width
