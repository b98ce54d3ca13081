"""Finding glossary terms in text in one pass, however many terms there are.

Each name is indexed by its first word; at each word of the text only the names starting with
that word are tried, longest first. Time grows with the length of the text, not with the number
of terms times the number of records.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .models import Term

# A word as the boundaries see it: a name never starts or ends next to a letter, digit or hyphen,
# so a hyphenated run ("Self-Directed", "HSCP-x7") is one word and names are keyed by it exactly.
_WORD = re.compile(r"[\w-]+")


def names_of(term: Term) -> list[str]:
    return [term.title, *term.aliases, *([term.expansion] if term.expansion else [])]


def is_acronym(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= max(2, len(letters) // 2)


@dataclass(frozen=True)
class _Name:
    pattern: re.Pattern[str]
    lead: int
    """Characters before the name's first word (a quotation mark, say)."""
    length: int
    term: Term


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


class TermFinder:
    """Acronyms match exactly; other names in any case; never inside a longer word or hyphenation."""

    def __init__(self, terms: Iterable[Term]):
        # Names of one word are keyed by it, longer names by their first two words: many names
        # may share a first word ("Community …"), few share two.
        self._by_words: dict[str, list[_Name]] = {}
        for term in terms:
            for name in names_of(term):
                words = _WORD.findall(name)
                if not words:
                    continue
                entry = _Name(_name_pattern(name), name.index(words[0]), len(name), term)
                self._by_words.setdefault(_key(words[:2]), []).append(entry)
        for entries in self._by_words.values():
            entries.sort(key=lambda entry: entry.length, reverse=True)
        self._first_words = {key.split("\x00")[0] for key in self._by_words}

    def __bool__(self) -> bool:
        return bool(self._by_words)

    def matches(self, text: str) -> Iterator[Match]:
        """Every term use in `text`, left to right, longest name first, never overlapping."""
        position = 0
        for word in _WORD.finditer(text):
            word_start = word.start()
            if word_start < position:
                continue
            folded = word.group(0).casefold()
            if folded not in self._first_words:
                continue  # most words start no name: one set lookup each
            following = _WORD.search(text, word.end())
            two = self._by_words.get(f"{folded}\x00{following.group(0).casefold()}") if following else None
            candidates = [*(two or ()), *self._by_words.get(folded, ())]
            for entry in candidates:
                start = word_start - entry.lead
                if start < position:
                    continue
                found = entry.pattern.match(text, start)
                if found:
                    yield Match(found.start(), found.end(), entry.term)
                    position = found.end()
                    break

    def terms_in(self, text: str) -> set[str]:
        return {match.term.id for match in self.matches(text)}


def _key(words: list[str]) -> str:
    return "\x00".join(word.casefold() for word in words)


@lru_cache(maxsize=None)
def _name_pattern(name: str) -> re.Pattern[str]:
    """Compiled once per name, however many finders use it (one per term, for backlink sentences)."""
    flags = 0 if is_acronym(name) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)
