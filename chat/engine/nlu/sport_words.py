"""What a market request says that ties it to one sport: the unit of a total ("over 2.5 goals", "más de 220 puntos"),
a three-way result ("1x2") or a market word only one sport has ("corners", "first set", "third quarter").

Why: a market a sport never has is asked about from the sport alone (chat/engine/sport_markets.py), never priced as
another market of that match; these readers only say what the message names (folded text), not what the match has.
"""

from __future__ import annotations

import re

_UNITS = {
    "goals": r"goals?|goles|gol|gols|golos",
    "points": r"points?|puntos|pontos|pts",
    "games": r"games|juegos",
    "sets": r"sets",
}
_UNIT = "|".join(_UNITS.values())
_DIRECTION = (r"over|under|o|u|mas de|menos de|mais de|arriba de|abajo de|por encima de|por debajo de|encima de"
              r"|debajo de|acima de|abaixo de|more than|less than|fewer than|at least")
_TOTAL_UNIT = re.compile(
    # a line and its unit: "over 2.5 goals", "más de 220,5 puntos totales", "under 21.5 total games"
    rf"\b(?:{_DIRECTION})\s?\d{{1,3}}(?:[.,]\d)?\s(?:total\s|totales\s|totais\s)?(?P<u1>{_UNIT})\b"
    # the market with its unit: "total goals", "goles totales", "total de pontos", "points line", "over/under goals"
    rf"|\b(?:totals?|total de|over\s?/\s?under(?: de| of| in)?|over under(?: de| of| in)?|mas\s?/\s?menos(?: de)?"
    rf"|mais\s?/\s?menos(?: de)?|linea de|linha de|altas y bajas de)\s(?P<u2>{_UNIT})\b"
    rf"|\b(?P<u3>{_UNIT})\s(?:totales|totais|total|line|lines)\b"
)
_THREE_WAY = re.compile(r"\b(?:1x2|1 x 2|three[ -]way|3[ -]way|tres vias|tres resultados|tres opcoes)\b")
# The market words of `nlu.markets._UNSUPPORTED` that only one sport has, by the sport's alias (`SPORT_MARKETS`).
_SPORT_WORDS = {
    "football": re.compile(
        r"\b(?:corners?|corner kicks?|tiros? de esquina|saques? de esquina|escanteios?|(?:yellow |red )?cards?"
        r"|bookings?|tarjetas?|amarillas|rojas|cartoes|cartao|fouls?|faltas|offsides?|fueras? de juego"
        r"|impedimentos?|penalt(?:y|ies)|penales|penal|penaltis?|scorers?|scores? first|first goal|next goal"
        r"|last goal|goleador(?:es)?|artilheiros?|primer gol|primeiro gol|hat[ -]?tricks?|clean sheet|to nil"
        r"|valla invicta|porteria a cero|arco en cero|goals?|goles|gols?)\b"),
    "tennis": re.compile(r"\b(?:sets?|set betting|set score|tie ?breaks?|aces|double faults)\b"),
    "basketball": re.compile(r"\b(?:quarters?|cuartos?|quartos?|rebounds?|rebotes)\b"),
}


def said_total_unit(folded: str) -> str | None:
    """The unit the message counts a total in ("goals", "points", "games", "sets"), when it says one next to the
    total or its line; None otherwise (the line alone, "over 2.5", has no unit said)."""
    m = _TOTAL_UNIT.search(folded)
    if m is None:
        return None
    word = m.group("u1") or m.group("u2") or m.group("u3")
    return next((key for key, words in _UNITS.items() if re.fullmatch(words, word)), None)


def says_three_way(folded: str) -> bool:
    """"1x2", "three-way", "tres vías": the result with a draw as a third way, named as such."""
    return bool(_THREE_WAY.search(folded))


def sport_of_market_words(words: str) -> str | None:
    """The one sport a market named but not read ("corners", "first set", "third quarter") belongs to; None when
    it is not one sport's ("exact score", "second half")."""
    return next((sport for sport, pattern in _SPORT_WORDS.items() if pattern.search(words)), None)
