"""The two source reports (sources/*.md) split into their sections, so a record's `source.section`
can be turned into the passage it names.

Sections are found by what the reports print: the HIS report numbers its headings ("2.5 CAYR South
Ayrshire – …"); the CCPS report names them ("Definitions", "1. Collaborative commissioning"). A
section's text includes its subsections, and the footnotes whose markers it holds.

A citation names a section by its heading as printed ("2.5 North Lanarkshire Alcohol and Drug
Partnership – adaptive leadership and learning in commissioning"), by its number when only one
section has it ("3.3.4"), or, in the CCPS report, by the path of headings ("Definitions: 4. Market
facilitation"). "Title page" is everything before the first section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TITLE_PAGE = "Title page"

# Lines a printed page puts between two halves of a sentence: page rules and the address footer.
_PAGE_FURNITURE = re.compile(r"^(-{3,}|CCPS, Norton Park.*|t: 0131 475 2676.*)$")
_FOOTNOTE = re.compile(r"^(?:<sup>(\d+)</sup>|([¹²³⁴⁵⁶⁷⁸⁹]))\s*\S")
_FOOTNOTE_ADDRESS = re.compile(r"^<https?://\S+>$")
_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹"
_NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")


@dataclass(frozen=True)
class Section:
    number: str
    """As printed ('2.5', '1.' for the CCPS definitions), or '' for a heading without one."""
    heading: str
    """The heading line as printed, without Markdown marks."""
    path: tuple[str, ...]
    """The headings from the top of the document down to this one."""
    text: str
    """The section's text, subsections and its footnotes included, as a reader sees it (plain())."""


def plain(text: str) -> str:
    """Text as a reader sees it: no footnote marks, emphasis markers, furniture or line wrapping."""
    lines = [line for line in text.splitlines() if not _PAGE_FURNITURE.match(line.strip())]
    text = re.sub(r"<sup>\d+</sup>|\*\*|(?<!\w)\*|\*(?!\w)|#+ ", "", "\n".join(lines))
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Plain text with typographic quotes, dashes and spaces made plain, for finding words in it."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
    return " ".join(text.translate(table).split())


class SourceText:
    """One report, as sections."""

    def __init__(self, document_id: str, markdown: str):
        self.document_id = document_id
        self.full_text = plain(markdown)
        lines = markdown.splitlines()
        body, footnotes = _take_footnotes(lines)
        headings = _ccps_headings(body) if any(line.startswith("# ") for line in body) else _his_headings(body)
        self.sections = _sections(body, headings, footnotes)

    def find(self, citation: str) -> list[Section]:
        """The sections a citation names: one when it is precise, several when it is ambiguous."""
        wanted = _key(citation)
        for match in (
            lambda s: _key(s.heading) == wanted or (s.number and _key(f"{s.number} {s.heading}") == wanted),
            lambda s: _key(": ".join(s.path)) == wanted,
            lambda s: s.number and _key(s.number).rstrip(".") == wanted.rstrip("."),
        ):
            found = [section for section in self.sections if match(section)]
            if found:
                return found
        return []

    def section_text(self, citation: str) -> str:
        """The one section a citation names. ValueError when it names none or several."""
        found = self.find(citation)
        if len(found) != 1:
            names = "; ".join(" > ".join(s.path) for s in found) or "no section"
            raise ValueError(f"section {citation!r} of {self.document_id} names {names}")
        return found[0].text


def _key(text: str) -> str:
    return comparable(text.replace("**", "")).casefold().strip().rstrip(".")


def _take_footnotes(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The lines without footnote definitions, and each footnote's lines by its mark."""
    body: list[str] = []
    footnotes: dict[str, list[str]] = {}
    last_mark = None
    for line in lines:
        stripped = line.strip()
        match = _FOOTNOTE.match(stripped)
        if match:
            last_mark = match.group(1) or str(_SUPERSCRIPT_DIGITS.index(match.group(2)) + 1)
            footnotes.setdefault(last_mark, []).append(stripped)
            body.append("")
        elif last_mark and _FOOTNOTE_ADDRESS.match(stripped):
            footnotes[last_mark].append(stripped)
            body.append("")
        else:
            if stripped:
                last_mark = None
            body.append(line)
    return body, footnotes


def _his_headings(lines: list[str]) -> list[tuple[int, tuple[int, ...], str, str]]:
    """(line, number, number as printed, heading) of each numbered heading.

    A numbered line is a heading only if it continues the report's numbering: the longest chain of
    candidates in which each follows the last (first child, next sibling, or the same subsection
    number printed twice, as the report prints 2.5). This leaves out table rows and address lines that
    happen to start with a number."""
    candidates = []
    for index, line in enumerate(lines):
        match = _NUMBERED_HEADING.match(line.strip())
        if match and "\t" not in line and not line.startswith((" ", "-")):
            numbers = tuple(int(part) for part in match.group(1).split("."))
            candidates.append((index, numbers, match.group(1), line.strip()))
    best: list[list[int]] = []
    for i, (_, number, _, _) in enumerate(candidates):
        # Of equally long chains, the one through the latest heading: a heading is nearest its text.
        ends = [j for j in range(i) if best[j] and _follows(candidates[j][1], number)]
        longest = best[max(ends, key=lambda j: (len(best[j]), j))] if ends else None
        best.append([*longest, i] if longest else ([i] if number == (1,) else []))
    chain = max(best, key=len, default=[])
    return [candidates[i] for i in chain]


def _follows(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    if (number == previous and len(number) > 1) or number == previous + (1,):
        return True
    return any(number == previous[:k] + (previous[k] + 1,) for k in range(len(previous)))


def _ccps_headings(lines: list[str]) -> list[tuple[int, tuple[int, ...], str, str]]:
    """Markdown headings, with their level as the 'number' length. The report's numbered
    definitions are printed at three heading levels; they are siblings, so all sit at level 2."""
    found = []
    started = False
    for index, line in enumerate(lines):
        match = re.match(r"^(#+)\s+(.*)$", line)
        if not match:
            continue
        heading = match.group(2).replace("**", "").strip()
        if heading == "Background and aims":
            started = True
        if not started:
            continue
        numbered = re.match(r"^(\d+)\.\s", heading)
        level = 2 if numbered else len(match.group(1))
        found.append((index, (0,) * level, numbered.group(1) + "." if numbered else "", heading))
    return found


def _sections(lines: list[str], headings, footnotes: dict[str, list[str]]) -> list[Section]:
    sections = []
    first_line = headings[0][0] if headings else len(lines)
    sections.append(Section("", TITLE_PAGE, (TITLE_PAGE,), plain("\n".join(lines[:first_line]))))
    stack: list[tuple[int, str]] = []
    for position, (start, number, printed, heading) in enumerate(headings):
        level = len(number)
        end = len(lines)
        for later_start, later_number, _, _ in headings[position + 1:]:
            if len(later_number) <= level:
                end = later_start
                break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading))
        raw = "\n".join(lines[start:end])
        marks = re.findall(r"<sup>(\d+)</sup>|([¹²³⁴⁵⁶⁷⁸⁹])", raw)
        notes = []
        for digits, superscript in marks:
            mark = digits or str(_SUPERSCRIPT_DIGITS.index(superscript) + 1)
            notes.extend(footnotes.get(mark, []))
        text = plain(raw + "\n" + "\n".join(dict.fromkeys(notes)))
        title = heading[len(printed):].strip() if printed else heading
        sections.append(Section(printed.rstrip("."), title, tuple(h for _, h in stack), text))
    return sections


def load_sources(folder: Path) -> dict[str, SourceText]:
    """The two reports in sources/, by the ID of their source record."""
    files = {
        "source-his-2024": "his-transformational-change-through-ethical-commissioning-2024.md",
        "source-ccps-2021": "ccps-collaborative-commissioning-2021.md",
    }
    return {doc: SourceText(doc, (folder / name).read_text(encoding="utf-8")) for doc, name in files.items()}
