"""The self-assessment checklist (/checklist/): the CCPS form as printed, then one table per
principle set that can fill its rows, one row per principle.

The CCPS report's checklist form has 8 numbered rows for "the elements identified above" and does
not say which elements: the page shows that form with the rows left for the user to write in,
then offers each principle set the report gives as a ready-filled version, saying where each comes
from. The page is a complete paper checklist without JavaScript: each row names the principle, quotes
its wording, lists the standards it cites and links the findings and case studies that illustrate
it, with empty score and comment cells. docs/assets/checklist.js turns the same table into a form
(scores and comments kept in the browser's localStorage only) and reads what it needs from the
`data-kb-*` attributes printed here.

Which rows, in which order, with which links: all decided here; the template only loops and prints.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eckb.link.links import KnowledgeBase
from eckb.load.models import Record

CHECKLIST_SETS = ("principle-set-ccps", "principle-set-sppn", "principle-set-public-good", "principle-set-ethical-elements")
"""The principle sets offered to fill the form's rows, in the order the page shows them."""

FORM_ROWS = 8
"""The numbered element rows of the CCPS checklist form, as printed."""

FORM_SET_ID = "ccps-checklist-form"
"""How assessments on the form as printed (elements written in by the user) name their rows' set."""

STORAGE_KEY = "eckb-checklist"
"""The localStorage key checklist.js keeps every assessment under (printed on the page)."""

FORMAT_VERSION = 1
"""The version of the JSON and CSV formats an assessment is exported in."""

MAX_COMMENT = 5000
"""The longest comment, in characters, that the page accepts and imports."""


@dataclass(frozen=True)
class ChecklistRow:
    principle: Any
    """The Principle record."""
    anchor: str
    """The row's id on the page: 'checklist-' + the principle's ID."""
    description: list[str]
    """The principle's quoted wording, line by line; empty when the source gives it none of its own."""
    attribution: str | None
    """Shown with the description when it differs from the table's common attribution."""
    standards: list[str]
    findings: list[Record]
    """Findings the principle's evidence links name, in the principle's order."""
    case_studies: list[Record]
    """Case studies whose evidence links include any of those findings, in the report's order."""
    evidence_summary: str
    """'2 findings and 7 case studies': the label of the row's evidence disclosure."""


@dataclass(frozen=True)
class ChecklistTable:
    principle_set: Any
    """The PrincipleSet record."""
    key: str
    """'ccps' for principle-set-ccps: the table's anchor is 'checklist-' + key."""
    anchor: str
    default: bool
    """Whether a new assessment uses this set unless the visitor picks another."""
    attribution: str | None
    """The attribution every quoted description in the table shares, printed once above it."""
    rows: list[ChecklistRow]

    @property
    def described(self) -> bool:
        """Whether any principle has wording of its own: where none has (SPPN 7/2021 only names
        them), the page says so once above the table instead of in every row."""
        return any(row.description for row in self.rows)


@dataclass(frozen=True)
class ChecklistForm:
    """The CCPS checklist form as printed: numbered rows whose elements the user writes in."""

    set_id: str
    numbers: list[int]


@dataclass(frozen=True)
class ScoreOption:
    score: int
    text: str
    """The scoring guide's words for the score, verbatim from data/checklist-scores.yaml."""
    anchor: str


def checklist_context(base: KnowledgeBase) -> dict[str, Any]:
    """What the checklist page shows beyond its scoring-guide and reflection sections."""
    tables = [_table(base, set_id, False) for set_id in _present_sets(base)]
    options = sorted(
        (ScoreOption(level.score, level.quote.text, level.id) for level in base.of_kind("score-level")),  # type: ignore[attr-defined]
        key=lambda option: -option.score,
    )
    return {
        "checklist_tables": tables,
        "checklist_form": ChecklistForm(FORM_SET_ID, list(range(1, FORM_ROWS + 1))),
        "score_options": options,
        "checklist_storage_key": STORAGE_KEY,
        "checklist_format_version": FORMAT_VERSION,
        "checklist_max_comment": MAX_COMMENT,
    }


def _present_sets(base: KnowledgeBase) -> list[str]:
    present = {record.id for record in base.of_kind("principle-set")}
    return [set_id for set_id in CHECKLIST_SETS if set_id in present]


def _table(base: KnowledgeBase, set_id: str, default: bool) -> ChecklistTable:
    principle_set = base.get(set_id)
    principles = sorted(base.referrers(set_id, "principle", "set"), key=lambda p: p.number)  # type: ignore[attr-defined]
    attributions = {p.quote.attribution for p in principles if p.quote}  # type: ignore[attr-defined]
    common = attributions.pop() if len(attributions) == 1 else None
    key = set_id.removeprefix("principle-set-")
    return ChecklistTable(
        principle_set=principle_set,
        key=key,
        anchor=f"checklist-{key}",
        default=default,
        attribution=common,
        rows=[_row(base, principle, common) for principle in principles],
    )


def _row(base: KnowledgeBase, principle: Any, common_attribution: str | None) -> ChecklistRow:
    finding_ids = list(dict.fromkeys(link.finding for link in principle.findings))
    case_studies = [
        case_study
        for case_study in base.of_kind("case-study")
        if any(link.finding in finding_ids for link in case_study.findings)  # type: ignore[attr-defined]
    ]
    quote = principle.quote
    description = [line.strip() for line in quote.text.strip().splitlines() if line.strip()] if quote else []
    attribution = quote.attribution if quote and quote.attribution != common_attribution else None
    return ChecklistRow(
        principle=principle,
        anchor=f"checklist-{principle.id}",
        description=description,
        attribution=attribution,
        standards=list(principle.standards),
        findings=[base.get(finding_id) for finding_id in finding_ids],
        case_studies=case_studies,
        evidence_summary=_evidence_summary(len(finding_ids), len(case_studies)),
    )


def _evidence_summary(findings: int, case_studies: int) -> str:
    def count(number: int, one: str, many: str) -> str:
        return f"{number} {one if number == 1 else many}"

    parts = [count(findings, "finding", "findings")] if findings else []
    if case_studies:
        parts.append(count(case_studies, "case study", "case studies"))
    return " and ".join(parts)
