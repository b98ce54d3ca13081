"""Citations of a record: Harvard text for papers, BibTeX and RIS for reference managers."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eckb.link.labels import label
from eckb.link.links import KnowledgeBase
from eckb.load.models import Record, Source
from eckb.link.urls import address

KB_NAME = "Ethical Commissioning Knowledge Base"


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


def absolute_url(site_url: str, record: Record) -> str:
    return site_url.rstrip("/") + "/" + address(record).url


def cite(base: KnowledgeBase, record: Record, site_url: str, release: dict[str, str]) -> Citation:
    document: Source = base.get(record.source.document)  # type: ignore[assignment]
    url = absolute_url(site_url, record)
    heading = label(record)
    section = record.source.section
    original = f"{document.publisher} ({document.year or 'n.d.'}) {document.title}, section {section}"
    harvard = (
        f"{original}. Cited as ‘{heading}’ ({record.id}) in: {KB_NAME}, release {release['version']}. "
        f"Available at: {url}"
    )
    return Citation(record.id, heading, url, harvard, _bibtex(record, document, heading, url, release), _ris(record, document, heading, url, release))


_BIBTEX_ESCAPES = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_"})
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&#$_]")


def _bibtex(record: Record, document: Source, heading: str, url: str, release: dict[str, str]) -> str:
    def braced(text: str) -> str:
        # BibTeX's special characters, escaped so any title survives a reference manager.
        # One pass, so the braces of \textbackslash{} are not escaped in turn; most text has none of them.
        return "{" + (text.translate(_BIBTEX_ESCAPES) if _BIBTEX_SPECIAL.search(text) else text) + "}"

    year = release["generated"][:4]
    fields = {
        "title": heading,
        "author": "{" + KB_NAME + "}",
        "organization": KB_NAME,
        "year": year,
        "version": release["version"],
        "url": url,
        "note": f"Record {record.id}. Summarises {document.publisher} ({document.year or 'n.d.'}) {document.title}, section {record.source.section}",
        "urldate": dt.date.fromisoformat(release["generated"]).isoformat(),
    }
    body = ",\n".join(f"  {name} = {value if name == 'author' else braced(value)}" for name, value in fields.items())
    return f"@misc{{{record.id},\n{body}\n}}\n"


def _ris(record: Record, document: Source, heading: str, url: str, release: dict[str, str]) -> str:
    lines = [
        ("TY", "ELEC"),
        ("ID", record.id),
        ("TI", heading),
        ("AU", KB_NAME),
        ("PY", release["generated"][:4]),
        ("ET", release["version"]),
        ("UR", url),
        ("N1", f"Summarises {document.publisher} ({document.year or 'n.d.'}) {document.title}, section {record.source.section}"),
        ("ER", ""),
    ]
    # RIS is line-based: a line break inside a value would start a bogus tag.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
