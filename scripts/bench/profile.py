"""Where one rebuild's time goes: cProfile of `mkdocs build` at the real size (what `mkdocs serve`
does on every save), each function's own time summed by the package it belongs to. Time spent in
Python's standard library and built-ins (regular expressions, string joins, file writes) is
counted for the package that called them, in proportion to the calls' time, so the table answers
"the generator, MkDocs, Markdown or Material?"."""
from __future__ import annotations

import pstats
from pathlib import Path

from .run import PYTHON, copy_repository, run

# First match wins; a path is matched as text, so this works for any virtualenv layout.
GROUPS = (
    ("the generator (eckb/, the hook, templates/)", ("/eckb/", "/scripts/build_pages.py", "/repo/templates/")),
    ("Material for MkDocs (theme, search, tags)", ("/material/",)),
    ("MkDocs", ("/mkdocs/",)),
    ("Markdown and pymdown-extensions", ("/markdown/", "/pymdownx/")),
    ("Jinja (compiling and running templates)", ("/jinja2/",)),
    ("PyYAML and pydantic", ("/yaml/", "/pydantic", "_yaml")),
    ("other installed packages", ("site-packages",)),
)
PYTHON_ITSELF = "Python itself (start-up, imports)"


def profile_build(scratch: Path) -> list[tuple[str, float]]:
    work = copy_repository(scratch / "profile")
    run([PYTHON, "-m", "cProfile", "-o", "build.prof", "-m", "mkdocs", "build", "--strict"], work)
    stats = pstats.Stats(str(work / "build.prof")).stats
    totals: dict[str, float] = {}
    shares: dict[tuple, dict[str, float]] = {}
    for function, (_calls, _primitive, own_seconds, _cumulative, _callers) in stats.items():
        for group, share in _share(function, stats, shares, set()).items():
            totals[group] = totals.get(group, 0.0) + own_seconds * share
    return sorted(totals.items(), key=lambda item: -item[1])


def _group(filename: str) -> str | None:
    return next((label for label, marks in GROUPS if any(mark in filename for mark in marks)), None)


def _share(function: tuple, stats: dict, shares: dict, seen: set) -> dict[str, float]:
    """{group: fraction} of `function`'s own time: its own package's, or else its callers'."""
    if function in shares:
        return shares[function]
    group = _group(function[0])
    if group:
        return {group: 1.0}
    callers = stats[function][4]
    weights = {caller: timing[2] for caller, timing in callers.items() if caller in stats and caller not in seen}
    total = sum(weights.values())
    if not total:
        return {PYTHON_ITSELF: 1.0}
    result: dict[str, float] = {}
    for caller, weight in weights.items():
        for caller_group, share in _share(caller, stats, shares, seen | {function}).items():
            result[caller_group] = result.get(caller_group, 0.0) + share * weight / total
    shares[function] = result
    return result
