"""data/moved-pages.yaml: a page that moves leaves a redirect, from its old address to a record or a page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from eckb.load.errors import DataError, Problem
from eckb.load.load import LOADER, dotted, field_lines, line_in, plain_data

MOVED_PAGES_FILE = "moved-pages.yaml"


@dataclass(frozen=True)
class MovedPage:
    file: str
    old: str
    """The address the page was published at, from the site's root: 'findings/3-10/'."""
    new: str
    """Where it went: a record's ID ('finding-3-4') or a page's Markdown file under docs/ ('about.md')."""
    old_line: int
    new_line: int


def read_moved_pages(data_dir: Path) -> list[MovedPage]:
    """The moved pages data/moved-pages.yaml lists (none if it is missing); raises DataError on a malformed entry."""
    path = data_dir / MOVED_PAGES_FILE
    shown = f"{data_dir.name}/{MOVED_PAGES_FILE}"
    if not path.is_file():
        return []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except UnicodeDecodeError:
        raise DataError([Problem(shown, 1, "", "is not UTF-8 text; save the file as UTF-8")]) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise DataError([Problem(shown, line, "", f"YAML syntax error: {error.problem}")]) from None
    if node is None:
        return []
    problems: list[Problem] = []
    entries = plain_data(node, shown, problems)
    if problems:
        raise DataError(problems)
    lines = field_lines(node)
    if not isinstance(entries, list):
        raise DataError([Problem(shown, lines[()], "", "should be a list of moved pages, each with 'from' and 'to'")])
    moved = []
    for index, entry in enumerate(entries):
        line = line_in(lines, (index,), 1)
        if not isinstance(entry, dict) or set(entry) != {"from", "to"}:
            problems.append(Problem(shown, line, dotted((index,)),
                                    "needs two fields: 'from' (the old address, e.g. findings/3-10/) and 'to' (a record ID or a page)"))
            continue
        wrong = [key for key in ("from", "to") if not isinstance(entry[key], str) or not entry[key].strip()]
        for key in wrong:
            problems.append(Problem(shown, line_in(lines, (index, key), line), dotted((index, key)), "should be text"))
        if not wrong:
            moved.append(MovedPage(shown, entry["from"].strip().lstrip("/"), entry["to"].strip(),
                                   line_in(lines, (index, "from"), line), line_in(lines, (index, "to"), line)))
    if problems:
        raise DataError(problems)
    return moved
