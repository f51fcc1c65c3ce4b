"""The answer guard: a model's sentence reaches the user only if its numbers come from this turn's data.

Every number in the model's text (odds, stakes, returns, balances, percentages, dates, times) must
be one that a tool result of this turn, the user's own words, the conversation so far or the
server's prompt (preferences, "now") contains. Formatting differences are allowed: 2.5 = 2.50,
1,000 = 1.000 = 1000, 2,50 (es/pt) = 2.5, 45% = 0.45, a percentage rounded to fewer decimals
(36.4% or 36% for 36.36), and times shown in the user's time zone for a UTC time in a result.
Bare whole numbers up to 10 ("3 matches", "1. FC Köln") are not checked: too common to prove
anything — unless money or a price is next to them ("odds 3", "5 USD", "$8"), where a small
whole number is exactly the kind a model invents. A sentence that repeats a run of words from the
system prompt's rules is refused too (the prompt's private context never leaks, whatever the user asked).

Streaming consequence: text cannot reach the user before it is checked, so the engine holds each
sentence until it ends (`.`, `!`, `?`, a line break, or the end of the reply), checks it, then
sends it whole. The user sees the answer sentence by sentence instead of word by word; the first
sentence arrives as soon as the model finished writing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from .toolbox import numbers_in

# A number as written in text: 1,000.50 / 1.000,50 / 2,5 / 45 / 45 % (not inside a word: 1X2, U21, v1).
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(\s?%)?(?![\w])")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n\s*")
UNCHECKED_UP_TO = 10
# What makes a small whole number a price or an amount (then it is checked like any other number).
_MONEY_BEFORE = re.compile(r"(?:odds?|cuotas?|momio|@|[$€£]|r\$|usd|eur|brl|cop|mxn|ars|stake|apuesta|aposta)\s*:?\s*$",
                           re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:x\b|[$€£]|usd|eur|brl|cop|mxn|ars|dollars?|d[oó]lares|euros?|reais|reales|pesos)",
                          re.IGNORECASE)
LEAK_RUN = 8  # this many words in a row from the prompt's rules = a leak


def readings(token: str) -> list[tuple[Decimal, int]]:
    """The values a written number may mean, with the decimals it was written with."""
    out: list[tuple[Decimal, int]] = []
    separators = [i for i, ch in enumerate(token) if ch in ".,"]

    def add(text: str) -> None:
        try:
            value = Decimal(text)
        except InvalidOperation:
            return
        decimals = len(text.split(".")[1]) if "." in text else 0
        if (value, decimals) not in out:
            out.append((value, decimals))

    if not separators:
        add(token)
        return out
    last = token[separators[-1]]
    head, tail = token[:separators[-1]], token[separators[-1] + 1:]
    add(re.sub(r"[.,]", "", head) + "." + tail)  # the last separator is the decimal point
    if len(tail) == 3 and all(token[i] == last for i in separators):
        add(re.sub(r"[.,]", "", token))  # every separator groups thousands (1,000 / 1.000.000)
    return out


@dataclass
class Facts:
    """The numbers the turn may quote, and the prompt's rules text that must not be repeated."""

    timezone: str = "UTC"
    known: set[Decimal] = field(default_factory=set)
    rules_words: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, value: Any) -> None:
        for number in numbers_in(value):
            self.known.add(Decimal(str(number)))
        for text in _strings(value):
            for stamp in _ISO_TIME.findall(text):
                self.add_time(stamp)

    def add_time(self, stamp: str | datetime) -> None:
        """A moment, also as the user reads it: local date and time, 12-hour clock."""
        try:
            moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            local = moment.astimezone(ZoneInfo(self.timezone)) if moment.tzinfo else moment
        except (ValueError, KeyError):
            return
        for part in (local.year, local.month, local.day, local.hour, local.minute, local.hour % 12 or 12):
            self.known.add(Decimal(part))

    def add_rules(self, text: str) -> None:
        words = _words(text)
        self.rules_words.update(tuple(words[i:i + LEAK_RUN]) for i in range(len(words) - LEAK_RUN + 1))

    def grounded(self, value: Decimal, decimals: int, percent: bool) -> bool:
        for known in self.known:
            for candidate in (known, known * 100, known / 100):
                if candidate == value:
                    return True
                if decimals and round(candidate, decimals) == value:
                    return True  # quoted with fewer decimals than the data (36.4 for 36.36)
                if percent and not decimals and round(candidate) == value:
                    return True  # a whole percentage (36% for 36.36%)
        return False

    def ungrounded(self, text: str) -> list[str]:
        """The numbers in `text` that none of the facts support, as written."""
        missing = []
        for match in _NUMBER.finditer(text):
            token, percent = match.group(1), bool(match.group(2))
            options = readings(token)
            if (not percent and any(d == 0 and v <= UNCHECKED_UP_TO for v, d in options) and len(options) == 1
                    and not _MONEY_BEFORE.search(text[max(0, match.start() - 16):match.start()])
                    and not _MONEY_AFTER.search(text[match.end():match.end() + 10])):
                continue
            if not any(self.grounded(value, decimals, percent) for value, decimals in options):
                missing.append(match.group(0).strip())
        return missing

    def leaks(self, text: str) -> bool:
        words = _words(text)
        return any(tuple(words[i:i + LEAK_RUN]) in self.rules_words for i in range(len(words) - LEAK_RUN + 1))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def split_sentences(buffer: str) -> tuple[list[str], str]:
    """Complete sentences at the start of `buffer` (each with the whitespace after it), and the rest.
    A sentence ends at `.`, `!`, `?` or `…` followed by whitespace (so 2.50 is not an end), or a line break."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(buffer):
        sentences.append(buffer[start:match.end()])
        start = match.end()
    return sentences, buffer[start:]
