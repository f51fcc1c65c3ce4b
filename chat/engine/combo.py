"""Reading an accumulator request: which legs (team, market, selection) a message names, one phrase per leg.

"combo: 10 on Real Madrid to win and Arsenal to win", "acumulada de 10: gana el Real Madrid y empate en el
Sevilla", "múltipla de 10 com vitória do Flamengo e vitória do Palmeiras". The message is cut at the leg
separators ("," "and" "y" "e" "+" ...) and each piece goes through the same entity extraction as a whole
message, so a leg's market is read exactly as a single bet's is. Nothing is guessed here: a piece that names
a team but no market keeps `market=None` and `selection=None`, and the engine asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .nlu import extract_entities
from .nlu.stance import is_hypothetical
from .nlu.text import fold

_WORDS = r"(?:combo|parlay|acca|accumulator|acumulada|combinada|multipla)s?"
_COMBO_START = re.compile(rf"^\W*{_WORDS}\b")
_COMBO_ANYWHERE = re.compile(rf"\b{_WORDS}\b")
# Between legs. A comma before a digit is a decimal comma ("más de 2,5 goles"), not a separator; "&" is part of
# team names ("Brighton & Hove Albion").
_SEPARATORS = re.compile(r"\s*(?:,(?!\d)|;|\+|\b(?:and|y|e|with|con|com|plus)\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class LegAsk:
    """One leg as the user said it: the team it is about (and the opponent, when named), and the market and
    selection when the words determine them (`selection_team`: "Arsenal to win" backs Arsenal, side unknown)."""

    text: str
    team: str | None
    opponent: str | None
    market: str | None
    selection: str | None
    selection_team: str | None
    line: float | None = None  # "over 2.5": the line named, checked against the one on offer
    selection_negated: bool = False  # "Arsenal won't win": against `selection_team` (double chance)
    team_choices: tuple[str, ...] = ()  # "Madrid", "Spurs": every catalogue club the name fits (asked, never guessed)

    @property
    def market_said(self) -> bool:
        return self.selection is not None or self.selection_team is not None


def wants_combo_slip(message: str, *, wants_real_bet: bool) -> bool:
    """A request for a real accumulator: an explicit "place a combo ..." or a message that starts with the
    accumulator word ("combo: 10 on ...", "acumulada de 10 ..."), unless it asks about one hypothetically."""
    folded = fold(message)
    if not _COMBO_ANYWHERE.search(folded):
        return False
    return wants_real_bet or (bool(_COMBO_START.match(folded)) and not is_hypothetical(folded))


def combo_legs(message: str, *, now: datetime, timezone: str, language: str) -> list[LegAsk]:
    """The legs a message names, in order. Pieces naming neither a team nor a market ("combo: 10") are
    not legs; a piece naming a market or selection but no team is one (its match unknown: `team=None`, asked),
    never dropped from the slip."""
    legs = []
    for piece in _SEPARATORS.split(message):
        if not piece or not piece.strip():
            continue
        entities, _, _ = extract_entities(piece, now=now, timezone=timezone, language_hint=language)
        teams = list(entities.teams)
        if not teams and entities.selection is None and entities.market is None:
            continue
        selection = entities.selection
        if entities.market == "btts" and selection is None:  # a leg states its pick: "both teams to score" is yes
            selection = "yes"
        legs.append(LegAsk(text=piece.strip(), team=teams[0] if teams else None,
                           opponent=teams[1] if len(teams) > 1 else None, market=entities.market,
                           selection=selection, selection_team=entities.selection_team,
                           line=entities.line, selection_negated=entities.selection_negated,
                           team_choices=tuple(entities.team_choices.get(teams[0]) or ()) if teams else ()))
    return legs
