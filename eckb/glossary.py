"""Glossary everywhere: the first use of a term on a page links to its definition.

Which terms take part is decided in data: a term with `tooltip: false` (a common word such as
"commissioning") is never linked automatically.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from . import markdown
from .links import KnowledgeBase
from .models import Term
from .urls import address

_TITLE_UNSAFE = re.compile(r"[^\w\s.,;:()'’–-]")


@dataclass(frozen=True)
class Glossary:
    """Every linkable term, and one pattern that finds any of their names, longest first."""

    pattern: re.Pattern[str] | None
    term_by_name: dict[str, Term]
    """Lower-cased name (or exact acronym) -> term."""

    @classmethod
    def from_base(cls, base: KnowledgeBase) -> "Glossary":
        names: dict[str, Term] = {}
        for term in base.of_kind("term"):
            if not term.tooltip:  # type: ignore[attr-defined]
                continue
            for name in (term.title, *term.aliases, *([term.expansion] if term.expansion else [])):  # type: ignore[attr-defined]
                names.setdefault(_key(name), term)  # type: ignore[arg-type]
        if not names:
            return cls(None, {})
        alternatives = []
        for name in sorted(names, key=len, reverse=True):
            escaped = re.escape(name)
            alternatives.append(escaped if _is_acronym(name) else f"(?i:{escaped})")
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")
        return cls(pattern, names)

    def term_for(self, matched: str) -> Term:
        return self.term_by_name.get(matched) or self.term_by_name[matched.casefold()]


@dataclass
class PageTerms:
    """Links terms on one page: each term once, at its first use, never on its own page."""

    glossary: Glossary
    page: str
    own_id: str | None = None
    linked: set[str] = field(default_factory=set)

    def inline(self, text: str) -> Markup:
        if self.glossary.pattern is None:
            return markdown.inline(text)
        text = " ".join(str(text).split())
        parts: list[str] = []
        position = 0
        for match in self.glossary.pattern.finditer(text):
            term = self.glossary.term_for(match.group(0))
            if term.id in self.linked or term.id == self.own_id:
                continue
            self.linked.add(term.id)
            parts.append(markdown.fragment(text[position : match.start()], line_start=position == 0))
            parts.append(self._link(match.group(0), term))
            position = match.end()
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
    text = term.gloss or (term.quote.text if term.quote else term.title)
    text = " ".join(_TITLE_UNSAFE.sub("", text).split())
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"


def _is_acronym(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= max(2, len(letters) // 2)


def _key(name: str) -> str:
    return name if _is_acronym(name) else name.casefold()
