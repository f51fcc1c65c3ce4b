"""Sport mentions: "football matches today", "partidos de fútbol", "jogos de basquete", "NBA games".

The sports come from the catalogue (`sports.services.catalogue.list_sports`: id, alias and localized
names), plus a few everyday synonyms the catalogue doesn't carry ("soccer", "NBA", "basket") that
point at a catalogue alias. The table is rebuilt at most every `TTL` seconds; if the catalogue is
unreachable the last table (or none) is used, so understanding never fails on it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

from sports.services.catalogue import list_sports

from .prefilter import Cue, prefiltered
from .text import SpanSet, fold

logger = logging.getLogger(__name__)

TTL = 300.0
# Synonym -> catalogue sport alias. Only used when a sport with that alias exists.
SYNONYMS: dict[str, str] = {
    "soccer": "football", "futbol": "football", "futebol": "football", "fútbol": "football",
    "basket": "basketball", "basquet": "basketball", "basquetbol": "basketball",
    "baloncesto": "basketball", "basquete": "basketball", "basquetebol": "basketball",
    "tenis": "tennis", "tennis": "tennis",
}


@dataclass(frozen=True)
class SportMention:
    sport_id: str
    name: str  # the catalogue's (English) name
    start: int
    end: int


_lock = threading.Lock()
_table: dict[str, tuple[str, str]] = {}
_pattern: Cue | None = None
_expires = 0.0


def _build() -> None:
    global _table, _pattern, _expires

    table: dict[str, tuple[str, str]] = {}
    by_alias: dict[str, tuple[str, str]] = {}
    for sport in list_sports():
        entry = (str(sport.id), sport.name)
        by_alias[fold(sport.alias)] = entry
        for word in (sport.alias, sport.name, *sport.names.values()):
            if word:
                table[fold(word)] = entry
    for word, alias in SYNONYMS.items():
        if fold(alias) in by_alias:
            table.setdefault(fold(word), by_alias[fold(alias)])
    keys = sorted(table, key=len, reverse=True)
    _table = table
    _pattern = prefiltered(re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b")) if keys else None
    _expires = time.monotonic() + TTL


def _current() -> tuple[dict[str, tuple[str, str]], Cue | None]:
    global _expires
    if time.monotonic() >= _expires:
        with _lock:
            if time.monotonic() >= _expires:
                try:
                    _build()
                except Exception:  # the catalogue is down: keep the old table, ask again later
                    logger.warning("sport names unavailable; keeping the last table", exc_info=True)
                    _expires = time.monotonic() + 30.0
    return _table, _pattern


def clear() -> None:
    global _expires
    _expires = 0.0


def find_sport(folded: str, *, taken: SpanSet) -> SportMention | None:
    """The first sport named in the (folded) message whose words no other entity claimed."""
    table, pattern = _current()
    if pattern is None:
        return None
    for m in pattern.finditer(folded):
        if taken.overlaps(*m.span()):
            continue
        sport_id, name = table[m.group(0)]
        taken.add(*m.span())
        return SportMention(sport_id, name, m.start(), m.end())
    return None


# Sports (and leagues of other sports) the catalogue has no market for. Matched on folded text; the
# user's own word is what the answer names ("No cubro béisbol"). "Boxing Day" is a Premier League date.
# A sport is also named by its events: the cycling grand tours ("Tour de France" is not the ATP Tour nor a
# "France"; "vuelta"/"giro" alone are everyday words, "partido de vuelta" a second leg), motor races.
_UNCOVERED = re.compile(
    r"\b(?:tour de (?:france|francia|franca)|giro d\W?italia|giro de italia|(?<=the )giro|vuelta (?:a|de) espana|"
    r"vuelta ciclista|(?<=the )vuelta|le mans|indy ?500|indycar|rally|rallies|dakar|moto ?gp|superbike|"
    r"cricket|criquet|criquete|ipl|formula (?:1|one|uno|um)|f1|grand prix|gran premio|grande premio|"
    r"mma|ufc|boxing(?! day)|boxeo|boxe|nfl|super ?bowl|american football|futbol americano|futebol americano|"
    r"baseball|beisbol|beisebol|mlb|ice hockey|hockey|hoquei|nhl|golf|pga|rugby|volleyball|voleibol|volei|"
    r"handball|balonmano|handebol|cycling|ciclismo|darts|dardos|snooker|e-?sports|wnba|ncaa|motogp|nascar|"
    r"table tennis|ping pong|badminton)\b"
)
_UNCOVERED = prefiltered(_UNCOVERED)  # searched in every message: only when it has a word a match starts on


def find_uncovered_sport(text: str) -> str | None:
    """The sport or league of another sport the message names and we do not cover ("cricket", "F1",
    "¿tienen béisbol?", "NFL", "the Tour de France"), in the user's own spelling; None when it names none, or also
    names a sport we do cover outside that phrase ("fútbol americano" is not football; "football or cricket?" is)."""
    found = uncovered_sport_span(fold(text))
    return text[found[0] : found[1]] if found else None


def uncovered_sport_span(folded: str) -> tuple[int, int] | None:
    """Where `find_uncovered_sport` found its phrase in the folded text (the fold keeps every position)."""
    found = _UNCOVERED.search(folded)
    if found is None:
        return None
    rest = folded[: found.start()] + " " * (found.end() - found.start()) + folded[found.end() :]
    if find_sport(rest, taken=SpanSet()) is not None:
        return None
    return found.span()
