"""Text from data becomes inert Markdown: no HTML, no links, no formatting it did not ask for."""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup

# Inline characters Python-Markdown gives meaning to; all are in its backslash-escape list
# (the tables extension adds "|"). "<" and "&" become entities instead.
_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
# Anything `fragment` would change; most labels and IDs have none, and skip the substitutions.
_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]|<>&]")
# What would start a block (heading, list, quote) at the beginning of a line.
_BLOCK_START = re.compile(r"^(?:(#|[-+](?=\s))|(\d+)(\.\s))")


def inline(value: object) -> Markup:
    """One line of plain text, safe anywhere in Markdown, including a table cell."""
    if isinstance(value, Markup):
        return value
    return _inline_text(value if type(value) is str else str(value))


@lru_cache(maxsize=1 << 18)  # the same labels and titles are printed on many pages: 460,000 times, 120,000 texts at 100x
def _inline_text(text: str) -> Markup:
    return fragment(" ".join(text.split()), line_start=True)


def fragment(text: str, line_start: bool = False) -> Markup:
    """A piece of one line, escaped as `inline` but keeping its spaces; block markers only matter at a line's start."""
    if _ANY_SPECIAL.search(text):
        text = _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return Markup(_BLOCK_START.sub(_escape_block_start, text) if line_start else text)


def _escape_block_start(match: re.Match[str]) -> str:
    marker, digits, dot = match.groups()
    return f"\\{marker}" if marker else f"{digits}\\{dot}"


def paragraphs(value: str) -> Markup:
    """Plain text with blank-line paragraphs; each paragraph escaped as `inline`."""
    blocks = [block for block in re.split(r"\n\s*\n", value.strip()) if block.strip()]
    return Markup("\n\n".join(inline(block) for block in blocks))


def blockquote(text: str, attribution: str) -> Markup:
    """A quote kept line for line, with its attribution beneath."""
    lines = [inline(line) for line in text.strip().splitlines() if line.strip()]
    body = "  \n> ".join(lines)
    return Markup(f"> {body}\n>\n> — {inline(attribution)}")


def front_matter_value(value: str) -> Markup:
    """A YAML scalar for page front matter: JSON strings are valid YAML."""
    return Markup(json.dumps(" ".join(value.split()), ensure_ascii=False))
