"""Finding glossary terms in text in one pass, however many terms there are.

Names are kept in a trie of their words; at each word of the text only the names that start
with it and go on as the text does are tried, longest first. Time grows with the length of the
text, not with the number of terms, nor with how many names share their first words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from eckb.load.models import Term

# A word as the boundaries see it: a name never starts or ends next to a letter, digit or hyphen,
# so a hyphenated run ("Self-Directed", "HSCP-x7") is one word and names are keyed by it exactly.
_WORD = re.compile(r"[\w-]+")
_PATTERN_FROM = 16
"""How many different first words of names make compiling them into one pattern worth it."""


def names_of(term: Term) -> list[str]:
    return [term.title, *term.aliases, *([term.expansion] if term.expansion else [])]


def is_acronym(name: str) -> bool:
    letters = list(filter(str.isalpha, name))  # filter and map over builtins: no Python step per character
    return bool(letters) and sum(map(str.isupper, letters)) >= max(2, len(letters) // 2)


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
                    key = word.casefold()
                    node = following.get(key) or following.setdefault(key, _Node())  # a node only for a new word
                    following = node.following
                exact = is_acronym(name)
                node.names.append(_Name(name if exact else name.lower(), exact, name.index(words[0]), len(name), term))
        _longest_first(self._first.values())
        # The words that start a name, as one pattern the regular-expression engine looks for itself:
        # most words of a text start none, and are passed over without a step of Python each. For a
        # few names (one term's, say) compiling the pattern costs more than it saves.
        self._starts = (re.compile(rf"(?<![\w-])(?:{_trie_pattern(self._first)})(?![\w-])")
                        if len(self._first) >= _PATTERN_FROM else None)

    def __bool__(self) -> bool:
        return bool(self._first)

    def matches(self, text: str) -> Iterator[Match]:
        """Every term use in `text`, left to right, longest name first, never overlapping."""
        position = 0
        for word_start, word_end, word in self._first_words(text):
            if word_start < position:
                continue
            node = self._first.get(word)
            if node is None:
                continue
            for entry in self._candidates(node, text, word_end):
                start = word_start - entry.lead
                if start < position:
                    continue
                end = entry.match_at(text, start)
                if end is not None:
                    yield Match(start, end, entry.term)
                    position = end
                    break

    def _first_words(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Where each word that may start a name begins and ends, and the word case-folded."""
        folded = text.casefold()
        if self._starts is not None:
            if len(folded) == len(text):  # every character folded to one, so positions in both agree
                return ((hit.start(), hit.end(), hit.group(0)) for hit in self._starts.finditer(folded))
        elif not any(word in folded for word in self._first):  # a few names, none of whose first words is even in the text
            return iter(())
        # A few names, or folding lengthened a character ("ß" -> "ss"): word by word, each folded on its own.
        return ((word.start(), word.end(), word.group(0).casefold()) for word in _WORD.finditer(text))

    @staticmethod
    def _candidates(node: _Node, text: str, end: int) -> list[_Name]:
        """Names that start with this word and go on as the text goes on, longest first."""
        if not node.following:  # most names are one word
            return node.names
        path = [node]
        step: _Node | None = node
        while step is not None and step.following:
            word = _WORD.search(text, end)
            step = step.following.get(word.group(0).casefold()) if word else None
            if step is not None:
                path.append(step)
                end = word.end()
        if len(path) == 1:
            return node.names
        return sorted((name for step in path for name in step.names), key=lambda name: name.length, reverse=True)

    def terms_in(self, text: str) -> set[str]:
        return {match.term.id for match in self.matches(text)}


def _longest_first(nodes: Iterable[_Node]) -> None:
    """Each node's names sorted longest first (in the order given where lengths tie), once."""
    for node in nodes:
        node.names.sort(key=lambda name: name.length, reverse=True)
        _longest_first(node.following.values())


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, shaped as a trie: at each character only the
    branches that go on as the text does are tried, however many words there are."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)
