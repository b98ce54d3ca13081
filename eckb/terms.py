"""Finding glossary terms in text in one pass, however many terms there are.

Names are kept in a trie of their words; at each word of the text only the names that start
with it and go on as the text does are tried, longest first. Time grows with the length of the
text, not with the number of terms, nor with how many names share their first words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
    text: str
    """The name as it must appear: as written for an acronym, else lower-cased."""
    exact: bool
    lead: int
    """Characters before the name's first word (a quotation mark, say)."""
    length: int
    term: Term

    def match_at(self, text: str, start: int) -> int | None:
        """Where the name ends if it stands in `text` at `start` as a whole word, else None.
        (What the pattern (?<![\\w-])name(?![\\w-]) would find, case-blind unless an acronym, without
        compiling a pattern for each of thousands of names.)"""
        end = start + self.length
        shown = text[start:end]
        if (shown if self.exact else shown.lower()) != self.text:
            return None
        if (start > 0 and _is_word_char(text[start - 1])) or (end < len(text) and _is_word_char(text[end])):
            return None
        return end


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


class _Node:
    """One word of a name in the trie of names: the names that end here, and the words that may follow."""

    __slots__ = ("names", "following")

    def __init__(self) -> None:
        self.names: list[_Name] = []
        self.following: dict[str, _Node] = {}


class TermFinder:
    """Acronyms match exactly; other names in any case; never inside a longer word or hyphenation."""

    def __init__(self, terms: Iterable[Term]):
        # Names go into a trie by their words (case folded), so at each word of the text only the
        # names that go on as the text does are tried, however many share their first words.
        self._first: dict[str, _Node] = {}
        for term in terms:
            for name in names_of(term):
                words = _WORD.findall(name)
                if not words:
                    continue
                following = self._first
                for word in words:
                    node = following.setdefault(word.casefold(), _Node())
                    following = node.following
                exact = is_acronym(name)
                node.names.append(_Name(name if exact else name.lower(), exact, name.index(words[0]), len(name), term))

    def __bool__(self) -> bool:
        return bool(self._first)

    def matches(self, text: str) -> Iterator[Match]:
        """Every term use in `text`, left to right, longest name first, never overlapping."""
        position = 0
        for word in _WORD.finditer(text):
            word_start = word.start()
            if word_start < position:
                continue
            node = self._first.get(word.group(0).casefold())
            if node is None:
                continue  # most words start no name: one lookup each
            for entry in self._candidates(node, text, word.end()):
                start = word_start - entry.lead
                if start < position:
                    continue
                end = entry.match_at(text, start)
                if end is not None:
                    yield Match(start, end, entry.term)
                    position = end
                    break

    @staticmethod
    def _candidates(node: _Node, text: str, end: int) -> list[_Name]:
        """Names that start with this word and go on as the text goes on, longest first."""
        path = [node]
        while node.following:
            word = _WORD.search(text, end)
            node = node.following.get(word.group(0).casefold()) if word else None
            if node is None:
                break
            path.append(node)
            end = word.end()
        return sorted((name for step in path for name in step.names), key=lambda name: name.length, reverse=True)

    def terms_in(self, text: str) -> set[str]:
        return {match.term.id for match in self.matches(text)}
