"""Citations of a record: Harvard text for papers, BibTeX and RIS for reference managers.

All three are made from one set of parts, so they agree: the author is the report's authoring
body and the year the report's year (the knowledge base restates the report, it is not its
author); the title is the record's; the knowledge base is named as the web source, with the
record's permanent address. No access date is written here: static files would carry the build
day. The page adds the reader's date (kb.js) to the text it shows and copies, and to the BibTeX
and RIS it hands over when the reader downloads them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from eckb.link.labels import label
from eckb.link.links import KnowledgeBase
from eckb.load.models import Record, Source
from eckb.link.urls import address

KB_NAME = "Ethical Commissioning Knowledge Base"


@dataclass(frozen=True)
class CitationParts:
    author: str
    """The report's authoring body, e.g. 'Healthcare Improvement Scotland'."""
    year: str
    """The report's year, or 'n.d.'."""
    title: str
    """The record's heading, e.g. 'Finding 3.4: Challenging myths …'."""
    report: str
    """The title of the report the record restates."""
    section: str
    record_id: str
    release: str
    url: str


@dataclass(frozen=True)
class Citation:
    record_id: str
    heading: str
    url: str
    """Absolute: site_url + the record's address."""
    harvard: str
    """Without the access date, which the reader adds (the page's script fills in today's)."""
    bibtex: str
    ris: str
    parts: CitationParts


def absolute_url(site_url: str, record: Record) -> str:
    return site_url.rstrip("/") + "/" + address(record).url


def cite(base: KnowledgeBase, record: Record, site_url: str, release: dict[str, str]) -> Citation:
    document: Source = base.get(record.source.document)  # type: ignore[assignment]
    parts = CitationParts(
        author=document.publisher,
        year=str(document.year) if document.year else "n.d.",
        title=label(record),
        report=" ".join(document.title.split()),
        section=record.source.section,
        record_id=record.id,
        release=release["version"],
        url=absolute_url(site_url, record),
    )
    return Citation(record.id, parts.title, parts.url, harvard(parts), _bibtex(parts), _ris(parts), parts)


def harvard(parts: CitationParts) -> str:
    return (
        f"{parts.author} ({parts.year}) ‘{parts.title}’, in {parts.report}, section {parts.section}. "
        f"{KB_NAME}, record {parts.record_id}, release {parts.release}. Available at: {parts.url}"
    )


_BIBTEX_ESCAPES = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_"})
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&#$_]")


def _braced(text: str) -> str:
    # BibTeX's special characters, escaped so any title survives a reference manager.
    # One pass, so the braces of \textbackslash{} are not escaped in turn; most text has none of them.
    return "{" + (text.translate(_BIBTEX_ESCAPES) if _BIBTEX_SPECIAL.search(text) else text) + "}"


def _bibtex(parts: CitationParts) -> str:
    fields = {
        # Double braces: a corporate author, not a "Last, First" name to be split.
        "author": "{" + _braced(parts.author) + "}",
        "title": _braced(parts.title),
        "year": _braced(parts.year),
        "booktitle": _braced(parts.report),
        "chapter": _braced(parts.section),
        "howpublished": _braced(f"{KB_NAME}, record {parts.record_id}"),
        "version": _braced(parts.release),
        "url": _braced(parts.url),
        "note": _braced(f"Section {parts.section} of {parts.author} ({parts.year}) {parts.report}. Record {parts.record_id} of the {KB_NAME}"),
    }
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{parts.record_id},\n{body}\n}}\n"


def _ris(parts: CitationParts) -> str:
    lines = [
        ("TY", "ELEC"),
        ("ID", parts.record_id),
        ("AU", parts.author),
        ("PY", parts.year),
        ("TI", parts.title),
        ("T2", parts.report),
        ("SE", parts.section),
        ("DB", KB_NAME),
        ("ET", parts.release),
        ("UR", parts.url),
        ("N1", f"Section {parts.section} of {parts.author} ({parts.year}) {parts.report}. Record {parts.record_id} of the {KB_NAME}"),
        ("ER", ""),
    ]
    # RIS is line-based: a line break inside a value would start a bogus tag.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
