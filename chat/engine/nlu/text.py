"""Text helpers shared by every extractor: tokens, claimed spans, and the fold they work on.

`fold` and `name_key` are `sports.text`'s (one fold for the catalogue and the NLU): the folded text
is exactly as long as the original, which is how `date_text` keeps the user's own spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sports.text import fold, name_key

__all__ = ["SpanSet", "Token", "fold", "name_key", "tokenize"]


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

    def spans(self) -> list[tuple[int, int]]:
        return list(self._spans)
