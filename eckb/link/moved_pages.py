"""A moved page's old address must be free and its target must exist: a redirect never hides a page
and never leads nowhere."""
from __future__ import annotations

import difflib

from eckb.link.links import KnowledgeBase
from eckb.link.urls import address, fixed_pages, page_url
from eckb.load.errors import DataError, Problem
from eckb.load.kinds import kind_of_id
from eckb.load.load import dotted
from eckb.load.moved_pages import MovedPage


def check_moved_pages(moved: list[MovedPage], base: KnowledgeBase, hand_written: set[str]) -> None:
    """Raise DataError listing every moved page whose old address is malformed, still a page, or
    given twice, or whose target is no record and no page. `hand_written`: Markdown files under docs/."""
    pages = fixed_pages() | hand_written | {address(base.get(record_id)).page for record_id in base.located}
    addresses = {page_url(page) for page in pages}
    first_line: dict[str, int] = {}
    problems = []
    for index, entry in enumerate(moved):
        where = dotted((index, "from"))
        if not entry.old.endswith("/") or "#" in entry.old or "?" in entry.old or ".." in entry.old.split("/") or entry.old == "":
            problems.append(Problem(entry.file, entry.old_line, where, "should be the old address as published, ending in '/', e.g. findings/3-10/"))
        elif entry.old in addresses:
            problems.append(Problem(entry.file, entry.old_line, where, f"/{entry.old} is still a page; a redirect there would hide it"))
        elif entry.old in first_line:
            problems.append(Problem(entry.file, entry.old_line, where, f"is given twice (first on line {first_line[entry.old]}); keep one"))
        else:
            first_line[entry.old] = entry.old_line
        where = dotted((index, "to"))
        if kind_of_id(entry.new) is not None:
            if entry.new not in base.located:
                close = difflib.get_close_matches(entry.new, list(base.located), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(Problem(entry.file, entry.new_line, where, f"unknown record {entry.new!r}{hint}"))
        elif entry.new not in pages:
            problems.append(Problem(entry.file, entry.new_line, where,
                                    f"{entry.new!r} is no record ID and no page; give an ID (finding-3-4) or a page's file under docs/ (about.md)"))
    if problems:
        raise DataError(problems)
