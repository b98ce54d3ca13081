"""Where one rebuild's time goes: cProfile of `mkdocs build` at the real size (what `mkdocs serve`
does on every save), each function's own time summed by the package it belongs to. Time spent in
libraries that both sides use (Python's standard library and built-ins, Jinja, PyYAML, pydantic)
is counted for the package that called them, in proportion to the calls' time; a compiled template
counts for its owner (templates/ the generator's, Material's its own). So the table answers "the
generator, MkDocs, Markdown or Material?"."""
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
    ("other installed packages", ("site-packages",)),
)
SHARED_LIBRARIES = ("/jinja2/", "/markupsafe/", "/yaml/", "_yaml", "/pydantic")
PYTHON_ITSELF = "Python itself (start-up, imports)"


def profile_build(scratch: Path) -> list[tuple[str, float]]:
    work = copy_repository(scratch / "profile")
    run([PYTHON, "-m", "cProfile", "-o", "build.prof", "-m", "mkdocs", "build", "--strict"], work)
    stats = pstats.Stats(str(work / "build.prof")).stats
    totals: dict[str, float] = {}
    shares: dict[tuple, dict[str, float]] = {}
    for function, (_calls, _primitive, own_seconds, _cumulative, _callers) in stats.items():
        for group, share in _share(function, stats, shares).items():
            totals[group] = totals.get(group, 0.0) + own_seconds * share
    return sorted(totals.items(), key=lambda item: -item[1])


def _group(filename: str) -> str | None:
    if any(mark in filename for mark in SHARED_LIBRARIES):
        return None
    return next((label for label, marks in GROUPS if any(mark in filename for mark in marks)), None)


def _share(function: tuple, stats: dict, shares: dict, seen: frozenset = frozenset()) -> dict[str, float]:
    """{group: fraction} of `function`'s own time: its own package's, or else its callers'
    (walking up through shared libraries; a caller already on the walk, recursion, is skipped)."""
    if function in shares:
        return shares[function]
    group = _group(function[0])
    if group:
        return {group: 1.0}
    result: dict[str, float] = {}
    used = 0.0
    for caller, timing in stats[function][4].items():
        if caller not in stats or caller in seen or not timing[2]:
            continue
        caller_share = _share(caller, stats, shares, seen | {function})
        if caller_share:
            used += timing[2]
            for caller_group, fraction in caller_share.items():
                result[caller_group] = result.get(caller_group, 0.0) + fraction * timing[2]
    if not used:
        return {} if seen else {PYTHON_ITSELF: 1.0}
    result = {name: value / used for name, value in result.items()}
    shares[function] = result  # kept even when a recursion was skipped: close enough, and linear
    return result
