"""A derby said by its own name ("gre-nal", "el clásico", "derby della madonnina"): both of its clubs.

The names live in `sports.nicknames.DERBY_NICKNAMES` next to the clubs' nicknames; a derby is read only when the
catalogue has both clubs (the name index resolves their spellings). A generic word in the table ("clasico") is not
read when a qualifier says it is another derby ("el clásico de la liga mx", "o clássico paulista") or when it
points back at a match already talked about ("this derby", "nesse clássico"); the dialogue reads the bare "el
clásico" itself (chat/engine/frame.py).
"""

from __future__ import annotations

from sports.nicknames import DERBY_NICKNAMES

from .places import PLACE_WORDS
from .text import Token, name_key

# keys that are the generic word: qualified or pointed at, they are another derby or the one in focus
_GENERIC = frozenset({"clasico", "classico", "el clasico", "o classico", "the clasico"})
_POINTING = frozenset("this that ese esa este esta aquel esse essa nesse nessa neste nesta desse deste".split())
_OF = frozenset("de del da do dos das of in en em no na".split())
# "el clásico de este domingo", "o clássico de amanhã": a date, not another derby
_WHEN = frozenset("este esta hoy hoje manana amanha domingo sabado viernes sexta semana finde fim tonight today "
                  "tomorrow this next proximo proxima".split())
# regional adjectives that make "clásico" another derby ("paulista", "carioca", "paisa", "regio")
_REGIONAL = frozenset("paulista carioca mineiro gaucho baiano paranaense pernambucano catarinense nordestino paisa "
                      "capitalino vallecaucano regio regiomontano tapatio nacional joven moderno mx".split())

_cache: tuple[int, dict[str, tuple[str, str]]] | None = None


def derby_table(exact: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """derby key -> (first club, second club), for the derbies whose two clubs the name index `exact` has."""
    global _cache
    if _cache is not None and _cache[0] == id(exact):
        return _cache[1]
    table: dict[str, tuple[str, str]] = {}
    for (first, second), nicknames in DERBY_NICKNAMES.items():
        clubs = []
        for spellings in (first, second):
            owner = next((exact[name_key(s)] for s in spellings if name_key(s) in exact), None)
            if owner is None or owner[0] != "team":
                break
            clubs.append(owner[1])
        if len(clubs) == 2 and clubs[0] != clubs[1]:
            for nickname in nicknames:
                table[name_key(nickname)] = (clubs[0], clubs[1])
    _cache = (id(exact), table)
    return table


def _qualified(i: int, n: int, tokens: list[Token]) -> bool:
    """The generic derby word at tokens[i:i+n] qualified as another derby or pointing at one talked about."""
    before = tokens[i - 1].text if i > 0 else None
    after = [t.text for t in tokens[i + n : i + n + 2]]
    if before in _POINTING:
        return True
    if not after:
        return False
    if after[0] in _REGIONAL or after[0] in PLACE_WORDS:
        return True
    return after[0] in _OF and (len(after) < 2 or after[1] not in _WHEN)


def find_derbies(tokens: list[Token], used: list[bool], exact: dict[str, tuple[str, str]]
                 ) -> list[tuple[str, int, int]]:
    """(club, start, end) of both clubs of each derby named, each on a part of its words ("gre" Grêmio, "nal"
    Internacional; one word is cut in two), in message order; marks their tokens used."""
    table = derby_table(exact)
    if not table:
        return []
    words = [t.text for t in tokens]
    found = []
    for n in range(min(4, len(tokens)), 0, -1):
        for i in range(len(tokens) - n + 1):
            if any(used[i : i + n]):
                continue
            key = " ".join(words[i : i + n])
            clubs = table.get(key)
            if clubs is None or (key in _GENERIC and _qualified(i, n, tokens)):
                continue
            start, end = tokens[i].start, tokens[i + n - 1].end
            middle = tokens[i + n // 2].start if n > 1 else (start + end) // 2
            found += [(clubs[0], start, middle), (clubs[1], middle, end)]
            for j in range(i, i + n):
                used[j] = True
    return sorted(found, key=lambda club: club[1])
