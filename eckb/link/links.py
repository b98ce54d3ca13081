"""The index of the knowledge base: records by ID, references resolved, backlinks computed once."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from eckb.load.errors import DataError, Problem
from eckb.load.kinds import KINDS
from eckb.load.load import dotted
from eckb.load.moved_pages import MovedPage
from eckb.load.models import Record, Term, field_of
from eckb.load.references import Reference, references
from eckb.link.terms import TermFinder
from eckb.load.validate import Located


@dataclass(frozen=True)
class Backlink:
    """`source` refers to a record through `field` (e.g. 'findings[2].finding')."""

    source: Record
    field: str
    note: str | None = None
    """The item that links, e.g. the one-line reason for an evidence link."""


@dataclass
class KnowledgeBase:
    located: dict[str, Located]
    by_kind: dict[str, list[Record]]
    referenced_by: dict[str, list[Backlink]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    """Each current record's place in its kind's reading order."""
    withdrawn: list[Record] = field(default_factory=list)
    """Records taken out: kept only so their addresses lead to a tombstone."""
    drawn_from: dict[str, list[Record]] = field(default_factory=dict)
    """Records taken from a source document (their `source` or a quote cites it)."""
    term_uses: dict[str, list[Record]] = field(default_factory=dict)
    """Records whose text uses a term (by its title, acronym or aliases)."""
    references: dict[str, list[Reference]] = field(default_factory=dict)
    """Each record's references to others, read from it once: (field path, target kind, target ID)."""
    moved_pages: list[MovedPage] = field(default_factory=list)
    """Pages that moved (data/moved-pages.yaml), each left with a redirect from its old address."""

    def get(self, record_id: str) -> Record:
        return self.located[record_id].record

    def kind_name(self, record_id: str) -> str:
        return self.located[record_id].kind.name

    def of_kind(self, kind_name: str) -> list[Record]:
        return self.by_kind.get(kind_name, [])

    def backlinks(self, record_id: str, kind_name: str | None = None, field_name: str | None = None) -> list[Backlink]:
        """Backlinks to a record, optionally only from one kind and through one field."""
        return [
            link
            for link in self.referenced_by.get(record_id, [])
            if (kind_name is None or self.kind_name(link.source.id) == kind_name)
            and (field_name is None or link.field.split("[")[0].split(".")[0] == field_name)
        ]

    def referrers(self, record_id: str, kind_name: str, field_name: str | None = None) -> list[Record]:
        """Distinct records of one kind that refer to `record_id`, in the kind's order."""
        found = {link.source.id: link.source for link in self.backlinks(record_id, kind_name, field_name)}
        return sorted(found.values(), key=lambda record: self.position[record.id])


def link_records(located: list[Located]) -> KnowledgeBase:
    by_id = {item.record.id: item for item in located}
    refs = {item.record.id: list(references(item.record)) for item in located}
    problems = _dangling(located, by_id, refs)
    if problems:
        raise DataError(problems)
    current = [item for item in located if not item.record.withdrawn]
    by_kind = {kind.name: _ordered([item.record for item in current if item.kind is kind]) for kind in KINDS}
    base = KnowledgeBase(by_id, by_kind, references=refs)
    base.position = {record.id: index for records in by_kind.values() for index, record in enumerate(records)}
    base.withdrawn = [item.record for item in located if item.record.withdrawn]
    base.referenced_by, base.drawn_from = _backlinks(current, refs)
    base.term_uses = _term_uses(base)
    return base


def _dangling(located: list[Located], by_id: dict[str, Located], refs: dict[str, list[Reference]]) -> list[Problem]:
    problems = []
    for item in located:
        for path, target_kind, target_id in refs[item.record.id]:
            target = by_id.get(target_id)
            if target is not None and target.record.withdrawn and not item.record.withdrawn and path[0] != "withdrawn":
                replacement = target.record.withdrawn.replaced_by
                instead = f"; refer to {replacement!r} instead" if replacement else ""
                problems.append(Problem(item.file, item.raw.line_of(path), dotted(path), f"{target_id!r} is withdrawn{instead}"))
                continue
            if target is None or (target_kind != "*" and target.kind.name != target_kind):
                wrong = f" (that is a {target.kind.name})" if target else ""
                known = [r.record.id for r in located if target_kind in ("*", r.kind.name)]
                hint = _closest(target_id, known)
                problems.append(Problem(item.file, item.raw.line_of(path), dotted(path), f"unknown {target_kind} {target_id!r}{wrong}{hint}"))
    return problems


def _closest(wanted: str, known: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(wanted, known, n=1, cutoff=0.85)
    return f"; did you mean {match[0]!r}?" if match else ""


def _ordered(records: list[Record]) -> list[Record]:
    """The reader's order: by position or number where a kind has one, else as written."""
    def key(record: Record) -> tuple[Any, ...]:
        position = field_of(record, "position")
        number = field_of(record, "number") if position is None else position
        if isinstance(number, str):
            return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.-]", number))
        return (number,) if number is not None else ()

    return sorted(records, key=key)


def _backlinks(located: list[Located], refs: dict[str, list[Reference]]) -> tuple[dict[str, list[Backlink]], dict[str, list[Record]]]:
    """Links between records, and provenance (which records a source document supplied), apart."""
    linked: dict[str, list[Backlink]] = defaultdict(list)
    provenance: dict[str, dict[str, Record]] = defaultdict(dict)  # by ID: a record may cite a source twice
    records = {item.record.id: item.record for item in located}
    finders: dict[str, TermFinder] = {}  # one per term, however many records name it
    sentences: dict[str, list[str]] = {}  # one split per record, however many terms it names
    for item in located:
        for path, _kind, target_id in refs[item.record.id]:
            if path[0] == "source" or path[-1] == "cites":
                if target_id != item.record.id:
                    provenance[target_id][item.record.id] = item.record
                continue
            linked[target_id].append(Backlink(item.record, dotted(path), _note(item.record, path, records.get(target_id), finders, sentences)))
    return dict(linked), {source: list(records.values()) for source, records in provenance.items()}


# How a record refers to another, in words, by the field that holds the link.
_LINK_PHRASES = {
    "theme": "belongs to this theme",
    "care_areas": "works in this care area",
    "approaches": "used this approach or lever",
    "research_strand": "comes from this research",
    "area": "is one of this area's actions",
    "set": "is one of these principles",
    "related": "is a related term",
    "shown_with": "pictures this term",
    "findings": "responds to this finding",
    "terms": "relies on this term",
}


def _note(record: Record, path: tuple[Any, ...], target: Record | None, finders: dict[str, TermFinder],
          sentences: dict[str, list[str]]) -> str | None:
    """The words that make the link: an evidence link's reason, an action's own text, the sentence
    that uses a term, or what the linking field means."""
    if len(path) == 3 and path[2] == "finding":
        return getattr(record, path[0])[path[1]].reason
    quote = field_of(record, "quote")
    if path[0] == "findings" and quote is not None:
        return f"“{quote.text}”"
    if path[0] == "terms" and isinstance(target, Term):
        finder = finders.get(target.id) or finders.setdefault(target.id, TermFinder([target]))
        if record.id not in sentences:
            sentences[record.id] = _prose_sentences(record)
        sentence = _sentence_naming(sentences[record.id], finder)
        if sentence:
            return sentence
    return _LINK_PHRASES.get(path[0])


_PROSE_FIELDS = ("summary", "key_points", "activities", "success_factors", "gloss")


def _sentence_naming(sentences: list[str], finder: TermFinder) -> str | None:
    """The first sentence that uses the finder's term, if any does."""
    for sentence in sentences:
        if finder.terms_in(sentence):
            return sentence if len(sentence) <= 300 else sentence[:297].rsplit(" ", 1)[0] + "…"
    return None


def _prose_sentences(record: Record) -> list[str]:
    """The sentences of the record's prose, in order: where a sentence that uses a term is looked for."""
    texts: list[str] = []
    for name in _PROSE_FIELDS:
        value = field_of(record, name)
        texts.extend(value if isinstance(value, list) else [value] if value else [])
    return [sentence for text in texts for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))]


# ---------------------------------------------------------------- terms in use


def record_text(record: Record) -> str:
    """All the prose of a record, for finding the terms it uses."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                if name not in ("id", "source", "cites", "document", "url"):
                    walk(getattr(value, name))

    walk(record)
    return "\n".join(parts)


def _term_uses(base: KnowledgeBase) -> dict[str, list[Record]]:
    """For each term, the records (other than terms) whose text uses it."""
    finder = TermFinder(base.of_kind("term"))  # type: ignore[arg-type]
    uses: dict[str, list[Record]] = {term.id: [] for term in base.of_kind("term")}
    for kind in KINDS:
        if kind.name == "term":
            continue
        for record in base.of_kind(kind.name):
            for term_id in sorted(finder.terms_in(record_text(record))):
                uses[term_id].append(record)
    return uses
