"""Greetings, help, out of scope, and the question back for a name we could not resolve."""

from __future__ import annotations

from ..answer import _BYE, _THANKS, suggestions, t
from ..turn import Turn


def which_team(turn: Turn) -> tuple[str, list[str]]:
    """A name we could not resolve: offer the closest catalogue teams, never another match's odds."""
    text, candidates = turn.unresolved
    language = turn.language
    turn.slots.teams = []
    turn.context.pop("fixture_id", None)  # a follow-up must not land on the previous match either
    names = {"en": " or ", "es": " o ", "pt_br": " ou "}[language].join(candidates)
    odds = {"en": "Odds for {}", "es": "Cuotas de {}", "pt_br": "Odds de {}"}
    when = {"en": "When does {} play?", "es": "¿Cuándo juega {}?", "pt_br": "Quando joga o {}?"}
    ask = (odds if turn.intent in ("odds_information", "bet_simulation", "place_bet", "betting_recommendation")
           else when)[language]
    actions = [ask.format(name) for name in candidates][:4]
    extras = [extra for extra in suggestions("generic", language) if extra not in actions]
    actions += extras[:max(0, 2 - len(actions))]
    if not candidates:  # nothing near it in the catalogue: say so, never another team
        return t("not_covered", language, text=text), actions
    return t("which_team", language, text=text, names=names), actions


def greeting(turn: Turn) -> tuple[str, list[str]]:
    if _THANKS.search(turn.ctx.message):
        return t("thanks", turn.language), suggestions("greeting", turn.language)
    if _BYE.search(turn.ctx.message):
        return t("bye", turn.language), suggestions("greeting", turn.language)
    actions = suggestions("greeting", turn.language)
    link = turn.link()
    if link is not None and link.favourite_teams:  # the user's own teams first
        ask = {"en": "When does {} play?", "es": "¿Cuándo juega {}?", "pt_br": "Quando joga o {}?"}
        actions = [ask.get(turn.language, ask["en"]).format(link.favourite_teams[0]), *actions][:4]
    return t("greeting", turn.language), actions


def help_answer(turn: Turn) -> tuple[str, list[str]]:
    upcoming = turn.tool("find_fixtures", limit=1).get("fixtures") or []
    home, away = (upcoming[0]["home"], upcoming[0]["away"]) if upcoming else (None, None)
    team = (turn.context.get("teams") or [home])[0]
    return t("help", turn.language), suggestions("help", turn.language, team=team, home=home, away=away)


def out_of_scope(turn: Turn) -> tuple[str, list[str]]:
    turn.intent = turn.intent if turn.intent == "out_of_scope" else "out_of_scope"
    return t("out_of_scope", turn.language), suggestions("generic", turn.language)
