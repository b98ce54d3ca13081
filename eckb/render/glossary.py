"""Glossary everywhere: the first use of a term on a page links to its definition.

Which terms take part is decided in data: a term with `tooltip: false` (a common word such as
"commissioning") is never linked automatically.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from eckb.render import markdown
from eckb.link.links import KnowledgeBase
from eckb.load.models import Term
from eckb.link.terms import TermFinder
from eckb.link.urls import address

_TITLE_UNSAFE = re.compile(r"[^\w\s.,;:()'’–-]")


def glossary_finder(base: KnowledgeBase) -> TermFinder:
    """The terms that are explained where they appear: all but those scoped out in data."""
    return TermFinder(term for term in base.of_kind("term") if term.tooltip)  # type: ignore[attr-defined]


@dataclass
class PageTerms:
    """Links terms on one page: each term once, at its first use, never on its own page."""

    glossary: TermFinder
    page: str
    own_id: str | None = None
    linked: set[str] = field(default_factory=set)

    def inline(self, text: str) -> Markup:
        if not self.glossary:
            return markdown.inline(text)
        text = " ".join(str(text).split())
        parts: list[str] = []
        position = 0
        for match in self.glossary.matches(text):
            term = match.term
            if term.id in self.linked or term.id == self.own_id:
                continue
            self.linked.add(term.id)
            parts.append(markdown.fragment(text[position : match.start], line_start=position == 0))
            parts.append(self._link(text[match.start : match.end], term))
            position = match.end
        parts.append(markdown.fragment(text[position:], line_start=position == 0))
        return Markup("".join(parts))

    def paragraphs(self, text: str) -> Markup:
        blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
        return Markup("\n\n".join(self.inline(block) for block in blocks))

    def _link(self, shown: str, term: Term) -> str:
        target = address(term).link_from(self.page)
        return f'[{markdown.inline(shown)}]({target} "{_title(term)}"){{: .kb-term }}'


def _title(term: Term) -> str:
    """A short definition for the link's title: plain characters only, safe inside the quotes."""
    return _short_plain(term.gloss or (term.quote.text if term.quote else term.title))


@lru_cache(maxsize=1 << 14)  # the same few hundred definitions, on thousands of pages
def _short_plain(text: str) -> str:
    text = " ".join(_TITLE_UNSAFE.sub("", text).split())
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"
