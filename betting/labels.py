"""How a slip's selection reads to the user, in their language ("Real Madrid to win", "Más de 2.5 goles")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from betting.errors import text

if TYPE_CHECKING:
    from betting.models import BetSlip
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


# Markets whose home/away selections are not "to win": a handicap backs a side with its line, a half-time result
# is the score at the break.
MARKET_LABELS = {
    "handicap": {"en": {"home": "{home} {line} (handicap)", "away": "{away} {line} (handicap)"},
                 "es": {"home": "{home} {line} (hándicap)", "away": "{away} {line} (hándicap)"},
                 "pt_br": {"home": "{home} {line} (handicap)", "away": "{away} {line} (handicap)"}},
    "half_time_result": {"en": {"home": "{home} ahead at half-time", "draw": "Draw at half-time",
                                "away": "{away} ahead at half-time"},
                         "es": {"home": "{home} gana al descanso", "draw": "Empate al descanso",
                                "away": "{away} gana al descanso"},
                         "pt_br": {"home": "{home} vence no intervalo", "draw": "Empate no intervalo",
                                   "away": "{away} vence no intervalo"}},
}


def selection_label(selection: str, fixture: Fixture, *, line: str | None = None, language: str = "en",
                    market: str | None = None) -> str:
    """How the selection reads; `market` picks the handicap / half-time wording of home and away."""
    template = SELECTION_LABELS.get(language, SELECTION_LABELS["en"]).get(selection, selection)
    by_market = MARKET_LABELS.get(market or "", {})
    template = by_market.get(language, by_market.get("en", {})).get(selection, template)
    return template.format(home=fixture.home.name_in(language), away=fixture.away.name_in(language),
                           line=line or "")


# Where a slip stands, as the web chat's slip card says it (the slip's language). Refusals and failures the user
# just caused come with their own sentence (the REST error body); these are the sentences of the state itself.
STATE_TEXTS = {
    "proposed": {"en": "Waiting for your confirmation: nothing is charged until you confirm.",
                 "es": "Esperando tu confirmación: no se cobra nada hasta que confirmes.",
                 "pt_br": "Aguardando sua confirmação: nada é cobrado até você confirmar."},
    "confirmed": {"en": "Confirmed; being placed with the bookmaker.",
                  "es": "Confirmada; colocándose en la casa de apuestas.",
                  "pt_br": "Confirmada; sendo feita na casa de apostas."},
    "placing": {"en": "Confirmed; being placed with the bookmaker.",
                "es": "Confirmada; colocándose en la casa de apuestas.",
                "pt_br": "Confirmada; sendo feita na casa de apostas."},
    "placed": {"en": "Placed: {stake} {currency} on {label} at {odds}. Potential return {win} {currency}. "
                     "Reference: {ref}.",
               "es": "Colocada: {stake} {currency} a {label} con cuota {odds}. Retorno potencial {win} {currency}. "
                     "Referencia: {ref}.",
               "pt_br": "Feita: {stake} {currency} em {label} com odd {odds}. Retorno potencial {win} {currency}. "
                        "Referência: {ref}."},
    "refused": {"en": "Not placed: the bet was refused, and nothing was charged.",
                "es": "No se colocó: la apuesta fue rechazada y no se cobró nada.",
                "pt_br": "Não foi feita: a aposta foi recusada e nada foi cobrado."},
}


TOTALS_NAME = {"en": "over/under", "es": "más/menos", "pt_br": "mais/menos"}


def line_wording(market: str, selection: str, fixture: Fixture, *, language: str) -> tuple[str, Callable]:
    """What a line belongs to ("over/under", "Arsenal (handicap)") and how its numbers read ("2.5", "-0.5")."""
    if market == "over_under":
        return TOTALS_NAME.get(language, TOTALS_NAME["en"]), lambda value: f"{float(value):g}"
    label = " ".join(selection_label(selection, fixture, line="", language=language, market=market).split())
    return label, lambda value: f"{float(value):+g}" if float(value) else "0"


def describe_slip(slip: BetSlip) -> str:
    """One sentence on where the slip stands, in the slip's language (the slip card's status line)."""
    language = slip.language if slip.language in ("en", "es", "pt_br") else "en"
    if slip.state == "outcome_unknown":
        return text("bet_outcome_unknown", language)
    if slip.state == "expired":
        return text("slip_expired", language)
    if slip.state == "cancelled":
        return text("slip_cancelled", language)
    template = STATE_TEXTS.get(slip.state, STATE_TEXTS["refused"])
    return template[language].format(stake=f"{slip.stake:.2f}", currency=slip.currency, label=slip.label or
                                     slip.selection, odds=f"{slip.odds:.2f}", win=f"{slip.possible_win:.2f}",
                                     ref=slip.upstream_bet_id or "-")
