"""How a slip's selection reads to the user, in their language ("Real Madrid to win", "Más de 2.5 goles")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sports.domain import Fixture

SELECTION_LABELS = {
    "en": {"home": "{home} to win", "draw": "Draw", "away": "{away} to win", "home_or_draw": "{home} or draw",
           "away_or_draw": "{away} or draw", "home_or_away": "{home} or {away}", "over": "Over {line} goals",
           "under": "Under {line} goals", "yes": "Both teams to score: yes", "no": "Both teams to score: no"},
    "es": {"home": "Gana {home}", "draw": "Empate", "away": "Gana {away}", "home_or_draw": "{home} o empate",
           "away_or_draw": "{away} o empate", "home_or_away": "{home} o {away}", "over": "Más de {line} goles",
           "under": "Menos de {line} goles", "yes": "Ambos marcan: sí", "no": "Ambos marcan: no"},
    "pt_br": {"home": "Vitória do {home}", "draw": "Empate", "away": "Vitória do {away}",
              "home_or_draw": "{home} ou empate", "away_or_draw": "{away} ou empate",
              "home_or_away": "{home} ou {away}", "over": "Mais de {line} gols", "under": "Menos de {line} gols",
              "yes": "Ambas marcam: sim", "no": "Ambas marcam: não"},
}


def selection_label(selection: str, fixture: Fixture, *, line: str | None = None, language: str = "en") -> str:
    template = SELECTION_LABELS.get(language, SELECTION_LABELS["en"]).get(selection, selection)
    return template.format(home=fixture.home.name_in(language), away=fixture.away.name_in(language),
                           line=line or "")
