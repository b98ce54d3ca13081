"""One pydantic model per record kind.

Every model forbids unknown keys. Text types reject markup and enforce length, so a
mistake in data is reported at its line instead of reaching a page.
"""
from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

MAX_TITLE = 200
MAX_TEXT = 6000
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][\w:-]*|\]\(\s*javascript:", re.IGNORECASE)


PLACEHOLDER = "FILL IN"
"""What scaffolded data files hold until a person writes the real value."""


def _no_markup(value: str) -> str:
    if PLACEHOLDER in value:
        raise ValueError(f"still says {PLACEHOLDER!r}; write the real value")
    match = _MARKUP.search(value) if "<" in value or "](" in value else None  # most text has neither
    if match:
        raise ValueError(f"contains markup {match.group(0)!r}; write plain text (links go in reference fields)")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line (no line breaks)")
    if "|" in value:
        raise ValueError("must not contain '|' (it would break tables)")
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > MAX_TITLE:
        raise ValueError(f"is {len(value)} characters long; the limit is {MAX_TITLE}")
    return _no_markup(value)


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value)} characters long; the limit is {MAX_TEXT}")
    return _no_markup(value)


def _web_address(value: str) -> str:
    if not re.match(r"https?://", value):
        raise ValueError(f"{value!r} is not a web address starting http:// or https://")
    if not re.fullmatch(r"https?://[^\s<>\"'|\\`]+", value):
        raise ValueError(f"{value!r} contains a space or one of < > \" ' | \\ ` (encode it, e.g. %20 for a space)")
    return value


WebAddress = Annotated[str, AfterValidator(_web_address)]
SingleLine = Annotated[str, AfterValidator(_single_line)]
"""Titles, names, short labels: one line, no pipes, no markup, at most 200 characters."""
Text = Annotated[str, AfterValidator(_text)]
"""Paragraph text in our own words or quoted: no markup, at most 6000 characters."""


class RefTo:
    """Marks a field as the ID of another record of the named kind; links.py resolves it."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"RefTo({self.kind!r})"


def field_of(record: BaseModel, name: str) -> Any:
    """A field's value, or None where the record's kind has no such field. (getattr with a default
    costs pydantic an exception for a missing field, five times the time: it adds up over 20,000 records.)"""
    return getattr(record, name) if name in type(record).model_fields else None


def Ref(kind: str):  # noqa: N802 - reads as a type in field declarations
    return Annotated[str, Field(min_length=1), RefTo(kind)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class SourceRef(Strict):
    """Where a record comes from: document ID and section, as printed in that document."""

    document: Ref("source")
    section: SingleLine
    page: Optional[SingleLine] = None
    quoting: Optional[Ref("source")] = None
    """The original document, where the source itself quotes another (e.g. the Feeley Review)."""
    field_sections: dict[str, list[SingleLine]] = {}
    """Sections a summarised field draws on when they are not (only) `section`: field name -> the
    sections, as printed (e.g. {summary: ["Background and aims", "Acknowledgments"]}). A field not
    named here draws on `section`."""


class Quote(Strict):
    """Wording kept verbatim, with the attribution the source gives it."""

    text: Text
    attribution: SingleLine
    cites: Optional[Ref("source")] = None
    """The source record of the quoted document, when we hold one."""


class Fact(Strict):
    """A concrete fact or figure from the source: a date, a sum, a count."""

    value: SingleLine
    text: Text


class EvidenceLink(Strict):
    """An editorial judgement that a record illustrates a finding, with its one-line reason."""

    finding: Ref("finding")
    reason: SingleLine


class Withdrawal(Strict):
    """A record taken out of the knowledge base. Its address keeps working, as a tombstone."""

    date: datetime.date
    reason: Text
    replaced_by: Optional[Ref("*")] = None
    """The record that replaces it, of any kind, when it was merged or superseded."""


class Record(Strict):
    id: str
    title: SingleLine
    source: SourceRef
    correction: Optional[Text] = None
    """What the knowledge base corrected from the source's own numbering or wording, and why."""
    withdrawn: Optional[Withdrawal] = None
    """Set instead of deleting a record: IDs are never reused and published links never break."""
    ours: list[str] = []
    """Fields that hold the knowledge base's own knowledge, not the sources' (e.g. an acronym's
    expansion or a publisher the reports do not give). Pages label them as the knowledge base's."""

    @field_validator("ours")
    @classmethod
    def _ours_names_fields(cls, names: list[str]) -> list[str]:
        for name in names:
            _check_field_name(cls, name)
        return names

    @field_validator("source")
    @classmethod
    def _field_sections_name_fields(cls, source: SourceRef) -> SourceRef:
        for name in source.field_sections:
            _check_field_name(cls, name, "in field_sections, ")
        return source


def _check_field_name(model: type[BaseModel], name: str, where: str = "") -> None:
    if name not in model.model_fields or name in ("id", "source", "ours", "withdrawn", "correction"):
        known = ", ".join(n for n in model.model_fields if n not in ("id", "source", "ours", "withdrawn", "correction"))
        raise ValueError(f"{where}{name!r} is not a field of this kind of record; its fields are {known}")


# ---------------------------------------------------------------- documents and themes


class Source(Record):
    publisher: SingleLine
    year: Optional[int] = None
    url: Optional[WebAddress] = None
    licence: Optional[SingleLine] = None
    role: Literal["report", "research", "cited", "resource"]
    summary: Text
    short_title: Optional[SingleLine] = None


class Theme(Record):
    number: Literal["1", "2", "3", "4"]
    summary: Text
    key_points: list[Text] = []
    key_points_heading: Optional[SingleLine] = None
    quote: Optional[Quote] = None


class Finding(Record):
    number: SingleLine
    theme: Ref("theme")
    summary_table_title: Optional[SingleLine] = None
    summary: Text
    key_points: list[Text] = []
    quotes: list[Quote] = []
    terms: list[Ref("term")] = []


# ---------------------------------------------------------------- case studies


class CaseStudy(Record):
    number: SingleLine
    """The section number as printed in the report (two are printed 2.5)."""
    position: int = Field(ge=1)
    """The true order of the case study in the report."""
    organisation: SingleLine
    organisation_type: Literal["HSCP", "ADP", "Partnership"]
    area: SingleLine
    care_areas: list[Ref("care-area")] = Field(min_length=1)
    research_strand: Ref("source")
    summary: Text
    activities: list[Text] = Field(min_length=1)
    success_factors: list[Text] = []
    success_factors_heading: Optional[SingleLine] = None
    approaches: list[Ref("approach")] = []
    facts: list[Fact] = []
    partners: list[SingleLine] = []
    findings: list[EvidenceLink] = Field(min_length=1)


class CareArea(Record):
    summary: Text


class Approach(Record):
    summary: Text
    terms: list[Ref("term")] = []


# ---------------------------------------------------------------- HIS areas for action


class ActionArea(Record):
    number: SingleLine
    theme: Ref("theme")
    summary: Text
    quote: Optional[Quote] = None
    partners: list[SingleLine] = []
    programmes: list[SingleLine] = []
    findings: list[Ref("finding")] = Field(min_length=1)


class Action(Record):
    area: Ref("action-area")
    number: SingleLine
    quote: Quote
    partners: list[SingleLine] = []
    findings: list[Ref("finding")] = []


class Policy(Record):
    summary: Text
    key_points: list[Text] = []
    terms: list[Ref("term")] = []


# ---------------------------------------------------------------- terms and principles


class Term(Record):
    expansion: Optional[SingleLine] = None
    """The long form, when the term is an acronym."""
    aliases: list[SingleLine] = []
    quote: Optional[Quote] = None
    gloss: Optional[Text] = None
    """Our own explanation, shown as the knowledge base's, never as a quote."""
    tooltip: bool = True
    """False for common words that are also terms: they are not explained on every page."""
    related: list[Ref("term")] = []


class PrincipleSet(Record):
    summary: Text
    quote: Optional[Quote] = None


class Principle(Record):
    set: Ref("principle-set")
    number: int = Field(ge=1)
    group: Optional[SingleLine] = None
    quote: Optional[Quote] = None
    standards: list[SingleLine] = []
    findings: list[EvidenceLink] = []


class Recommendation(Record):
    number: int
    quote: Quote
    summary: Text


class Headline(Record):
    summary: Text
    quote: Optional[Quote] = None


class Alternative(Record):
    maturity: Literal["new", "in development", "well developed"]
    summary: Text
    terms: list[Ref("term")] = []


class MarketStage(Record):
    number: int = Field(ge=1)
    quote: Quote


class MarketShift(Record):
    number: int = Field(ge=1)
    shift_from: SingleLine = Field(alias="from")
    shift_to: SingleLine = Field(alias="to")


class ScoreLevel(Record):
    score: int = Field(ge=0, le=2)
    quote: Quote


class Diagram(Record):
    """A picture drawn at build time from its steps; `summary` is its text alternative."""

    steps: list[SingleLine] = Field(min_length=2, max_length=8)
    cyclic: bool = True
    """Whether the last step leads back to the first."""
    summary: Text
    shown_with: Ref("term")
    """The term whose page shows the diagram."""


class ReflectionQuestion(Record):
    number: int = Field(ge=1)
