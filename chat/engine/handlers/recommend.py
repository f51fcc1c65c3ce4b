"""Picks for a stake and a risk level, within the user's own limits."""

from __future__ import annotations

import re
from decimal import Decimal

from chat import experiments

from .. import tools
from ..answer import _RISK, RISK_NAMES, suggestions, t
from ..formatting import fmt_money, fmt_odds, stake_problem
from ..turn import Turn
from .common import ask_which_club, fixtures_in_window, named_as_a_match, no_match_in_window, tool_failure

# "a safe bet for 50", "una apuesta segura para 30", "uma dica pra 40": in a request for ideas, a bare
# number after "for" is the stake the ideas are for (not odds, goals, days, times or a count of picks).
_FOR_STAKE = re.compile(
    r"\b(?:for|para|pra|with|con|com)\s+(?:(?:a|an|about|around|unos|uns|like)\s+)?(?P<num>\d+(?:[.,]\d{1,2})?)"
    r"(?![\w.,:/%])(?!\s*(?:goals?|goles|gols|points?|puntos|pontos|minutes?|minutos|mins?|days?|d[ií]as|horas"
    r"|hours?|am|pm|h\b|x\b|teams?|equipos|times|matches|partidos|jogos|games|legs?|selections?|selecciones"
    r"|picks?|bets?|apuestas|apostas|odds|cuotas|semanas?|weeks?|de\s+\w+|st\b|nd\b|rd\b|th\b))",
    re.IGNORECASE,
)


def stated_stake(message: str) -> Decimal | None:
    found = _FOR_STAKE.search(message)
    return Decimal(found.group("num").replace(",", ".")) if found else None


def recommend(turn: Turn) -> tuple[str, list[str]]:
    slots, language = turn.slots, turn.language
    link = turn.link()
    if link is not None and link.is_self_excluded:
        return t("excluded", language), suggestions("excluded", language)
    if slots.teams and not turn.slots_from_memory:
        asked = ask_which_club(turn, meeting=False)  # "who should I back, Madrid or Sevilla?": which Madrid
        if asked is not None:
            return asked
    one_match = named_as_a_match(turn)  # "a bet for Liverpool vs Chelsea": that match's prices only
    if one_match and not fixtures_in_window(turn, *slots.teams):
        return no_match_in_window(turn, *slots.teams)  # "who do I back in the derby?": none on; never other matches
    risk = next((level for level, pattern in _RISK.items() if pattern.search(turn.ctx.message)), None)
    risk = risk or (slots.risk if slots.risk in tools.RISK_LEVELS else None)
    if risk is None and turn.context.get("last_intent") == "betting_recommendation":
        risk = turn.context.get("risk")  # "what if I bet 50 instead?" keeps the risk level
    risk = risk or (link.risk_appetite if link is not None else None) or "medium"
    stake = slots.amount if slots.amount is not None else stated_stake(turn.ctx.message)
    if stake is None and link is not None and link.default_stake:
        stake = link.default_stake
    problem = stake_problem(stake, language)
    if problem:
        return problem, suggestions("generic", language)
    if stake is None:
        stake = Decimal(str(turn.context["stake"])) if turn.context.get("stake") else Decimal("10")
    currency = slots.currency or (link.currency if link is not None else None)
    cur = f" {currency}" if currency else ""
    limit_note = None
    if link is not None and link.daily_stake_limit is not None and stake > link.daily_stake_limit:
        stake = link.daily_stake_limit  # never suggest more than the user's own daily limit
        limit_note = t("limit_note", language, limit=fmt_money(stake) + cur)
    team = slots.teams[0] if slots.teams and not turn.slots_from_memory else None
    result = turn.tool("recommend_bets", stake=str(stake), risk_level=risk, team=team,
                       opponent=slots.teams[1] if one_match else None, tournament=slots.tournament,
                       date_from=slots.date_from, date_to=slots.date_to, sport_id=slots.sport_id)
    if "error" in result:
        return tool_failure(result, language), suggestions("generic", language)
    slots.amount = stake
    lines = [t("rec_head", language, stake=fmt_money(result["stake"]) + cur,
               risk=RISK_NAMES.get(language, RISK_NAMES["en"])[result["risk_level"]])]
    picks = result["picks"]
    if not picks:
        lines.append(t("rec_none", language))
    for pick in picks:
        fixture = pick["fixture"]
        turn.shown.append({"id": fixture["id"], "home": fixture["home"], "away": fixture["away"],  # "the second one"
                           "sport_id": fixture.get("sport_id"), "market": pick["market"],
                           "selection": pick["selection"]})
        lines.append("• " + t("rec_line", language, label=pick["label"],
                              match=f"{fixture['home']} vs {fixture['away']}",
                              when=turn.when(fixture["start_time"]),
                              odds=fmt_odds(pick["odds"]), prob=pick["implied_probability"],
                              fair=pick["fair_probability"], stake=fmt_money(pick["stake"]) + cur,
                              returns=fmt_money(pick["returns"]) + cur))
    lines += experiments.recommendation_lines(picks, metadata=turn.ctx.metadata, language=language)
    if limit_note:
        lines.append(limit_note)
    if picks:  # every language says how the picks were made (the "detailed" variant adds nothing more)
        lines.append(experiments.detail_line("betting_recommendation", language))
    lines.append(t("risk_note", language))
    match = None
    if picks:
        turn.remember_fixture(picks[0]["fixture"])
        match = f"{picks[0]['fixture']['home']} vs {picks[0]['fixture']['away']}"
    other_risk = {"en": ("Riskier options", "Lower-risk options"), "es": ("Opciones más arriesgadas",
                  "Opciones de menor riesgo"), "pt_br": ("Opções mais arriscadas", "Opções de menor risco")}
    riskier, safer = other_risk.get(language, other_risk["en"])
    turn.context["risk"] = result["risk_level"]
    return "\n".join(lines), suggestions("recommendation", language, match=match,
                                         other_risk=riskier if result["risk_level"] == "low" else safer)
