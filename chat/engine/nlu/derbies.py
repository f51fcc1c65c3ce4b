"""A derby said by its own name ("gre-nal", "derby della madonnina", "north london derby"): both of its clubs.

The names live in `sports.nicknames.DERBY_NICKNAMES` next to the clubs' nicknames; a derby is read only when the
catalogue has both clubs (the name index resolves their spellings). The generic "el clásico" / "o clássico" is no
name of the table: the dialogue reads the bare word itself (chat/engine/frame.py), and a qualified one ("el clásico de
la liga mx", "o clássico paulista") is no derby the table knows.
"""

from __future__ import annotations

from sports.nicknames import DERBY_NICKNAMES

from .text import Token, name_key

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
            if clubs is None:
                continue
            start, end = tokens[i].start, tokens[i + n - 1].end
            middle = tokens[i + n // 2].start if n > 1 else (start + end) // 2
            found += [(clubs[0], start, middle), (clubs[1], middle, end)]
            for j in range(i, i + n):
                used[j] = True
    return sorted(found, key=lambda club: club[1])
