"""Checkable provenance: the numbers, sums, dates and names a summarised field states must occur in
the section of the source it cites.

A record's `source.section` covers its summarised fields (it may list several sections, comma
separated: "2.1, 3.3.4"); `source.field_sections` names other sections for a field that draws on
them. What is checked in each field: numbers (counts, sums of
money, years, section numbers), month names, acronyms (HSCP, ADP) and capitalised names of two or
more words (Scottish Borders HSCP, Community Lottery Fund). Words in our own paraphrase are not
checked: that is for the reader and the correction pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .source_text import SourceText, comparable

SUMMARISED_FIELDS = ("summary", "key_points", "activities", "success_factors", "facts", "findings",
                     "partners", "programmes")
"""Fields in our own words or listing what the source names, drawn from the cited section."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Spring", "Summer", "Autumn", "Winter")
_NUMBER = re.compile(r"£?\d[\d,]*(?:\.\d+)*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?=s?\b)")
_WORD = r"[A-Z][\w'’&.-]*[\w]"
_NAME = re.compile(rf"{_WORD}(?:\s+(?:(?:of|and|for|the|&)\s+)*{_WORD})+")
_SMALL_WORDS = {"The", "A", "An", "In", "On", "Its", "It", "Their", "This", "These", "Both", "Each", "As",
                "For", "At", "By", "With", "From", "Under", "When", "Where", "Four", "Five", "Three", "Two",
                "Eight", "Ten", "One", "Six", "Seven", "Nine", "All", "Some", "Most", "Many", "How", "What",
                "And", "But", "Of", "To", "After", "Before", "Since", "Unlike", "Like", "Through", "Over",
                "CCPS's", "HIS's"}


@dataclass(frozen=True)
class Unsupported:
    record_id: str
    field: str
    claim: str
    """The number, date or name that the cited sections do not hold."""
    sections: tuple[str, ...]


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|^-\s+)$")


def claims(text: str) -> list[str]:
    """The numbers, dates and names a text states, in order, each once. A name that opens a
    sentence is given with '~' before it: its first word may be capitalised only for that."""
    # A possessive ends a name: "West Dunbartonshire's Contracts ..." names West Dunbartonshire.
    text = re.sub(r"(?<=\w)['’]s\b", " \u2016", comparable(text))
    found: list[str] = []
    for match in _NUMBER.finditer(text):
        found.append(match.group(0).rstrip(",."))
    found.extend(month for month in _MONTHS if re.search(rf"\b{month}\b", text))
    found.extend(match.group(0) for match in _ACRONYM.finditer(text))
    for match in _NAME.finditer(text):
        opens_sentence = _SENTENCE_START.search(text[:match.start()]) is not None
        # A date after a name ("Healthcare Improvement Scotland July 2024") is not part of it.
        name = re.split(rf"\s+(?:and\s+)?(?:{'|'.join(_MONTHS)})\b", match.group(0))[0]
        if name.split()[0] not in _MONTHS:
            found.append(("~" if opens_sentence else "") + name)
    return list(dict.fromkeys(claim for claim in found if claim))


def _occurs(claim: str, text: str) -> bool:
    if re.fullmatch(r"£?\d[\d,]*(?:\.\d+)*", claim):
        if re.search(rf"(?<![\d.,]){re.escape(claim)}(?![\d]|[.,]\d)", text):
            return True
        number = claim.replace(",", "")
        return number.isdigit() and int(number) < len(_NUMBER_WORDS) and re.search(
            rf"\b{_NUMBER_WORDS[int(number)]}\b", text, re.IGNORECASE) is not None
    return re.search(rf"(?<!\w){re.escape(claim)}(?!\w)", text) is not None or (
        claim.endswith("s") and re.search(rf"(?<!\w){re.escape(claim[:-1])}(?!\w)", text) is not None)


class Names:
    """Names that mean the same thing (an acronym and its long forms, from the glossary): a name
    is found if any of its equivalents is."""

    def __init__(self, groups: list[list[str]]):
        self.groups = [[name for name in group if name] for group in groups]

    def variants(self, claim: str) -> list[str]:
        out = [claim]
        for group in self.groups:
            for name in group:
                if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", claim):
                    out.extend(re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", other, claim)
                               for other in group if other != name)
        return list(dict.fromkeys(out))


def _name_found(name: str, text: str, names: Names) -> bool:
    """Whether a name is in the text: whole or by an equivalent, each of its parts joined by 'and',
    or without a first word capitalised only because it opens the sentence."""
    optional_first = name.startswith("~")
    words = name.lstrip("~").split()
    while words and (words[0] in _SMALL_WORDS or words[0] in ("the", "of", "and", "for", "in", "on", "&")):
        words = words[1:]
    if not words:
        return True
    rest = " ".join(words)
    if any(_occurs(variant, text) for variant in names.variants(rest)):
        return True
    parts = re.split(r"\s+(?:and|&)\s+(?:the\s+)?", rest)
    if len(parts) > 1 and all(_name_found(part, text, names) for part in parts):
        return True
    if optional_first and len(words) > 1:
        return _name_found(" ".join(words[1:]), text, names) if len(words) > 2 or _ACRONYM.fullmatch(words[1]) else True
    return False


def found_in(claim: str, text: str, names: Names) -> bool:
    if " " in claim or claim.startswith("~"):
        return _name_found(claim, text, names)
    return any(_occurs(variant, text) for variant in names.variants(claim))


def field_texts(record: Any) -> Iterator[tuple[str, str, str]]:
    """(field name, text, linked record ID or '') for each piece of summarised text the record holds."""
    fields = type(record).model_fields
    for name in SUMMARISED_FIELDS:
        if name not in fields:
            continue
        value = getattr(record, name)
        for item in value if isinstance(value, list) else [value] if value else []:
            if isinstance(item, str):
                if name == "findings" and item.startswith("finding-"):
                    continue  # a plain reference, not text
                yield name, item, ""
            elif hasattr(item, "reason"):
                yield name, item.reason, item.finding
            elif hasattr(item, "value") and hasattr(item, "text"):
                yield name, f"{item.value}: {item.text}", ""


def section_texts(source: SourceText, citation: str) -> list[str]:
    """The text of the section a citation names, or of each section in a list ("2.1, 3.3.4").

    Raises ValueError when a section cannot be found or is ambiguous (the HIS report prints two
    sections numbered 2.5: cite them by heading)."""
    found = source.find(citation)
    if not found and ", " in citation:
        return [text for part in citation.split(", ") for text in section_texts(source, part)]
    return [source.section_text(citation)]


def cited_sections(record: Any, field: str) -> tuple[str, ...]:
    return tuple(record.source.field_sections.get(field) or [record.source.section])


def unsupported(record: Any, sources: dict[str, SourceText], names: Names,
                linked: Callable[[str], str] = lambda record_id: "") -> list[Unsupported]:
    """What the record's summarised fields state that their cited sections do not hold. An editorial
    link's reason may also draw on the passage of the record it links (`linked` gives that text).

    Raises ValueError when a cited section cannot be found (or is ambiguous) in the source."""
    source = sources.get(record.source.document)
    if source is None:
        return []
    problems = []
    for field, text, target in field_texts(record):
        sections = cited_sections(record, field)
        passage = " ".join(text for section in sections for text in section_texts(source, section))
        passage = comparable(passage + (" " + linked(target) if target else ""))
        for claim in claims(text):
            if not found_in(claim, passage, names):
                problems.append(Unsupported(record.id, field, claim.lstrip("~"), sections))
    return problems
