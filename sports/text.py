"""The one text fold: how names and messages are compared (the catalogue's matching and the NLU both).

`fold` lower-cases and strips accents one character at a time, so the folded text is exactly as
long as the original: a span found in the folded text cuts the same phrase out of the original
("mañana" ↔ "manana"). `name_key` and `match_key` build lookup keys on it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT_MAP = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower()[:1] or char


@lru_cache(maxsize=2048)
def fold(text: str) -> str:
    """Lower-case, accent-free, same length as `text` (one output char per input char). Memoised: a turn folds
    its message ~18 times (safety cues, NLU, follow-ups, dispatch), and the catalogue folds the same names."""
    text = text.translate(_PUNCT_MAP)
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


_NAME_JUNK = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """The lookup key of a team/tournament name or alias: folded words joined by single spaces."""
    return _NAME_JUNK.sub(" ", fold(name)).strip()


_ARTICLES = {"el", "la", "los", "las", "the", "o", "os", "a", "as", "il", "le", "les", "lo", "de", "do", "da"}


def match_key(text: str) -> str:
    """The catalogue's fuzzy-matching key: `name_key` with "&" read as "and", "ß" as "ss" and no
    leading article: "¡El Barça!" → "barca"."""
    words = name_key(fold(text or "").replace("&", " and ").replace("ß", "ss")).split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)
