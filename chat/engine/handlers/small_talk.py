"""Greetings, help, out of scope, and the question back for a name we could not resolve."""

from __future__ import annotations

import re

from sports.services.catalogue import list_sports

from ..answer import _BYE, _THANKS, suggestions, t
from ..formatting import either
from ..nlu.text import fold
from ..phrases import ODDS_CHIPS
from ..turn import Turn
from ..unknown_names import as_a_name


def which_team(turn: Turn) -> tuple[str, list[str]]:
    """A name we could not resolve: offer the closest catalogue teams, never another match's odds."""
    text, candidates = turn.unresolved
    text = as_a_name(text)  # "boca juniors" is said back as the club's name: "Boca Juniors"
    language = turn.language
    if turn.slots.teams and turn.slots.unknown_teams and turn.intent != "team_comparison":
        # "celtic to beat rangers": the match named isn't ours ("compare Sporting Cristal and Chelsea" names no match)
        return _opponent_not_covered(turn, turn.slots.teams[0], text, candidates)
    turn.slots.teams = []
    turn.context.pop("fixture_id", None)  # a follow-up must not land on the previous match either
    names = either(candidates, language)
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


def _opponent_not_covered(turn: Turn, team: str, text: str, candidates: list[str]) -> tuple[str, list[str]]:
    """A club of ours named against one we don't cover: that match isn't ours, said so; the closest names and the
    club's real next match as suggestions (odds only), never a price, simulation or slip on that next match."""
    language = turn.language
    turn.slots.teams = []
    turn.context.pop("fixture_id", None)  # a follow-up must not land on another match either
    folded = fold(turn.ctx.message)
    first, second = (text, team) if -1 < folded.find(fold(text)) < folded.find(fold(team)) else (team, text)
    match = f"{first} {'x' if language == 'pt_br' else 'vs'} {second}"  # as named: "Rangers FC vs Celtic"
    lines = [t("opponent_not_covered", language, text=text, match=match)]
    if candidates:
        lines.append(t("opponent_closest", language, names=either(candidates, language)))
    odds = ODDS_CHIPS.read(language)
    actions = [str(odds["team"]).format(team=name) for name in candidates][:2]
    upcoming = turn.tool("find_fixtures", team=team, limit=1).get("fixtures") or []
    if upcoming:
        first = upcoming[0]
        lines += [t("next_match_of", language, team=team), turn.fixture_line(first)]
        actions.append(str(odds["match"]).format(match=f"{first['home']} vs {first['away']}"))
    actions += [extra for extra in suggestions("generic", language) if extra not in actions][:max(0, 2 - len(actions))]
    return "\n".join(lines), actions


# An acknowledgement, the whole message ("ok nice", "cool thanks", "vale, genial", "show, valeu", "perfeito"): the
# user took the answer in; nothing is asked (a simulation or a bet never follows from it). A bare "yes"/"sí"/"sim" is
# not one: it answers a question (a bet waiting is confirmed before this is read).
_ACK_WORDS = (r"ok|okay|okey|okk+|k|kk+|nice|cool|great|perfect|sweet|awesome|got it|gotcha|alright|all right|fine"
              r"|good|brilliant|lovely|noted|understood|i see|vale|genial|perfecto|bien|muy bien|bueno|listo|entendido"
              r"|chevere|bacano|buenisimo|excelente|beleza|blz|show|massa|top|legal|otimo|perfeito|entendi|certo"
              r"|tranquilo|suave|joia|boa|thanks|thank you|thx|cheers|gracias|obrigad[oa]|valeu|vlw")
_ACKNOWLEDGEMENT = re.compile(rf"^\W*(?:{_ACK_WORDS})(?:\W+(?:{_ACK_WORDS}|then|so|mate|man|bro|parce|mano|cara))*"
                              r"\W*$")


def is_acknowledgement(message: str) -> bool:
    """The message only takes the last answer in ("ok nice", "cool thanks", "vale genial"): see `_ACKNOWLEDGEMENT`."""
    return bool(_ACKNOWLEDGEMENT.match(fold(message)))


def acknowledged(turn: Turn) -> tuple[str, list[str]]:
    """Nothing asked: say so briefly and offer the next things to ask (never a simulation's question)."""
    turn.intent = "greeting"
    key = "thanks" if _THANKS.search(turn.ctx.message) else "acknowledged"
    return t(key, turn.language), suggestions("generic", turn.language)


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


def not_covered(turn: Turn, sport: str) -> tuple[str, list[str]]:
    """A sport we have no markets for ("cricket", "F1", "¿tienen béisbol?"): say so, and name what we cover
    (the catalogue's sports in the user's language; a sport with a single competition names it: "NBA")."""
    language = turn.language
    turn.intent = "tournament_info"
    tournaments = turn.tool("list_tournaments").get("tournaments") or []
    by_sport: dict[str, list[str]] = {}
    for item in tournaments:
        by_sport.setdefault(str(item.get("sport_id")), []).append(item["name"])
    covered = []
    for sport_row in list_sports():
        names = by_sport.get(str(sport_row.id))
        if not names:
            continue
        label = sport_row.name_in(language).lower()
        covered.append(f"{label} ({names[0]})" if len(names) == 1 else label)
    joined = covered[0] if len(covered) == 1 else (
        ", ".join(covered[:-1]) + {"en": " and ", "es": " y ", "pt_br": " e "}[language] + covered[-1])
    actions = [t("more_in", language, tournament=names[0]) for names in list(by_sport.values())[:2]]
    return t("not_covered_sport", language, sport=sport.strip(), covered=joined), \
        (actions + suggestions("generic", language))[:3]
