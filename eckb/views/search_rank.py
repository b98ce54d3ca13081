"""How strongly Material's search weighs each generated page: the `search: boost` in its front matter.

Material's search (lunr) scores a word found in a title a thousand times one found in the text,
and gives a word the same weight however long the title is. Two consequences shape this table:

- Kinds of page. A page that answers (a definition, a finding, a case study, a lever, a guide
  to the site) is boosted; a page that only lists other pages (an index, a browse page) is not,
  so it comes after the pages it names. Listing sections are also kept out of the index in the
  templates (`data-search-exclude`).
- Exact titles first. Among pages whose titles all hold the words typed, the page whose title is
  nothing but those words should lead: "strategic commissioning" before "strategic commissioning
  cycle". A short title earns a small extra boost (`TITLE_WORDS_BONUS / words`), too small to
  outweigh one more matching title word.

See "Search ranking" in README.md, and tests/search/queries.yaml for the queries this is tuned on.
"""
from __future__ import annotations

import re
from typing import Protocol

PAGE_KIND_BOOST: dict[str, float] = {
    # records: the pages that answer, equal, so the words typed and the length of the title decide;
    # a definition wins a tie between equal titles ("Strategic commissioning", glossary and source)
    **dict.fromkeys(["finding", "theme", "action-area", "case-study", "approach", "care-area", "principle-set", "source"], 4.0),
    "term": 4.1,
    # shared pages of records: found by their names, after the records those names contain
    # ("theme 3" before "recommendations 33 and 34", "CCPS" before "CCPS headlines")
    **dict.fromkeys(["alternatives", "checklist", "market-facilitation", "recommendations", "policy-context",
                     "ccps-headlines", "diagrams", "evidence-map"], 3.0),
    # guides to the site. A question in plain words ("how do I cite a page") is mostly small words
    # that search, matching the start of words, finds in many titles ("i" in "Integration Joint
    # Board"); the one word that matters ("cite") must outweigh them.
    **dict.fromkeys(["how-to-cite", "downloads", "changelog", "print"], 6.0),
    # pages that list other pages come after the pages they name
    "facet-value": 0.5,
    "facet-index": 0.5,
}
"""Boost by page kind: the page's template name without `.md.j2`; a kind not named here gets 1."""

TITLE_WORDS_BONUS = 2.0
_WORD = re.compile(r"[\w.]+")


class Ranked(Protocol):
    template: str
    title: str
    in_search: bool
    search_boost: float | None


def search_boost(template: str, title: str) -> float:
    """The boost of a page made from `template` with `title`, rounded for a readable front matter."""
    kind = template.removesuffix(".md.j2")
    words = max(1, len(_WORD.findall(title)))
    return round(PAGE_KIND_BOOST.get(kind, 1.0) * (1 + TITLE_WORDS_BONUS / words), 3)


def rank_for_search(plans: list[Ranked]) -> None:
    """Set every searchable plan's boost from its kind and title."""
    for plan in plans:
        if plan.in_search:
            plan.search_boost = search_boost(plan.template, plan.title)
