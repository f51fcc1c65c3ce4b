"""Past events a message mentions beside its request: "after last Sunday's win", "después de la victoria del
domingo", "depois daquela vitória". They say why the user asks, not what: their day is no date of the request
and their result word ("win", "victoria", "vitória") no market of it, so the extractors never read them.
"""

from __future__ import annotations

import re

# An event whose result is known: it has happened. Heads: "after/since/following", "después de/tras/desde",
# "depois de/após/desde"; then (determiners, a day's possessive, an adjective) the result noun; then what places it
# ("on Sunday", "del domingo", "contra o Bahia", "last week").
_EN = (r"\b(?:after|since|following)\s+"
       r"(?:(?:the|that|this|their|our|his|her|its|last|a|an|such|big|great|huge)\s+){0,3}"
       r"(?:[a-z]+'s\s+)?(?:[a-z0-9-]+\s+)?(?:wins?|victory|loss|defeat|thrashing|beating|comeback|result|draw|upset)\b"
       r"(?:\s+(?:on|last|against|vs|over|to|at|in|of|this|the)\s+(?:the\s+)?[a-z']+){0,2}")
_ES = (r"\b(?:(?:despues|luego)\s+de(?:l)?|tras|desde)\s+(?:(?:la|el|esa|ese|aquella|aquel|nuestra|su|tremenda|gran"
       r"|ultima|ultimo)\s+){0,2}(?:[a-z0-9-]+\s+)?(?:victoria|derrota|goleada|triunfo|empate|remontada|resultado|paliza)\b"
       r"(?:\s+(?:del|de|el|contra|ante|en|la|pasado|pasada)\s+(?:la\s+|el\s+)?[a-z]+){0,2}")
_PT = (r"\b(?:depois|apos|desde)\s+(?:(?:d[aoe]s?|daquel[ae]s?|dess[ae]s?|dest[ae]s?|naquel[ae]|a|o|uma|um|aquel[ae]"
       r"|grande|baita|ultim[ao])\s+){0,3}(?:[0-9-]+\s+)?(?:vitoria|derrota|goleada|virada|empate|resultado|lavada|triunfo)\b"
       r"(?:\s+(?:de|do|da|no|na|contra|sobre|em|passad[ao])\s+(?:o\s+|a\s+)?[a-z]+){0,2}")
_PAST_EVENT = re.compile("|".join((_EN, _ES, _PT)))
# "last Sunday's win", "Saturday's defeat": the day's possessive before a result noun, with no head.
_DAYS_RESULT = re.compile(r"\b(?:last\s+)?[a-z]+day's\s+(?:[a-z]+\s+)?"
                          r"(?:win|victory|loss|defeat|draw|result|thrashing)\b")


def past_event_spans(folded: str) -> list[tuple[int, int]]:
    """Where the folded message mentions an event that already happened (never its request)."""
    return [m.span() for pattern in (_PAST_EVENT, _DAYS_RESULT) for m in pattern.finditer(folded)]


def without_spans(folded: str, spans: list[tuple[int, int]]) -> str:
    """`folded` with `spans` blanked (same length: every other position still points at the same character)."""
    for start, end in spans:
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded
