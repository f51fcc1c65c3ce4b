"""Text normalisation shared by every extractor.

`fold` lower-cases and strips accents one character at a time, so the folded text is exactly as
long as the original: a span found in the folded text cuts the same phrase out of the original
("mañana" ↔ "manana"), which is how `date_text` keeps the user's own spelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PUNCT_MAP = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower()[:1] or char


def fold(text: str) -> str:
    """Lower-case, accent-free, same length as `text` (one output char per input char)."""
    text = text.translate(_PUNCT_MAP)
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


_NAME_JUNK = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """The lookup key of a team/tournament name or alias: folded words joined by single spaces."""
    return _NAME_JUNK.sub(" ", fold(name)).strip()


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # folded
    start: int
    end: int


_WORD = re.compile(r"[a-z0-9]+")


def tokenize(folded: str) -> list[Token]:
    """Word tokens of folded text (letters and digits), with their character spans."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]


class SpanSet:
    """Character ranges already claimed by an extractor, so a number is read only once
    (the 28 of "28/11" is not also an amount, the 2.5 of "over 2.5" is not a stake)."""

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._spans)
