"""What a stake would return at real prices (single, given odds, or a combo)."""

from __future__ import annotations

import re

from betting.errors import text as betting_text
from chatbet_project.errors import ChatBetError
from sports.domain import MARKET_SELECTIONS

from .. import combo, combo_asked, currency_asked, lines_offered, match_asked, sport_markets
from ..answer import _ODDS_GIVEN, suggestions, t
from ..formatting import alt_stake, each_of, either, fmt_money, fmt_odds, has_draw, stake_problem
from ..nlu.stance import is_hypothetical
from ..nlu.text import fold
from ..tool_support import fixture_dict, fixture_services
from ..turn import Turn
from .common import (
    SIDELESS_MARKETS,
    ask_which_club,
    ask_which_match,
    ask_which_of,
    fixture_filters,
    fixtures_in_window,
    no_fixture,
    no_market,
    no_match_in_window,
    resolve_fixture_args,
    selection_of,
    side_of,
    tool_failure,
)
from .references import ask_reference

_COMBO_WORD = re.compile(r"combo|parlay|acca|accumulator|combinad|m[uú]ltipl|acumulad", re.I)


def simulate(turn: Turn) -> tuple[str, list[str]]:
    slots, language = turn.slots, turn.language
    asked = ask_which_club(turn)  # "what if I put 10 on the Spurs?": which Spurs, never one on a guess
    if asked is not None:
        return asked
    foreign = sport_markets.asked_of(turn)
    if foreign is not None and foreign.market != "draw" and not turn.combo_legs \
            and not _COMBO_WORD.search(turn.ctx.message):
        # "10 on both teams to score in the Lakers game": basketball has none; which of its markets, nothing priced
        # (the draw in tennis is asked below: which side, the stake kept)
        args = resolve_fixture_args(turn)
        asked = sport_markets.ask(turn, foreign, fixture_filters(turn, args) if args else None, stake=True)
        if asked is not None:
            return asked
    given_odds = _ODDS_GIVEN.search(turn.ctx.message)
    if slots.amount is None:
        team = slots.selection_team or (slots.teams[0] if slots.teams else (turn.context.get("teams") or [None])[0])
        if team is None:
            upcoming = turn.tool("find_fixtures", limit=1).get("fixtures") or []
            team = upcoming[0]["home"] if upcoming else "…"
            # no match said either: "barcelona vs atletico, 10 euros" next goes on with what this one said (the draw)
            match_asked.keep(turn, [], open_ask=True)
        return t("need_stake", language, team=team), suggestions("generic", language)
    problem = stake_problem(slots.amount, language)
    if problem:
        return problem, suggestions("generic", language)
    if len(slots.amount_choices) > 1 and not turn.combo_legs:  # "a 10 or 20 acca": which stake, never the first
        if _COMBO_WORD.search(turn.ctx.message) and slots.teams:
            combo_asked.keep(turn, combo.combo_legs(turn.ctx.message, now=turn.ctx.now, timezone=turn.tz,
                                                    language=language), stake=False)
        amounts = either([fmt_money(value) for value in slots.amount_choices], language)
        return t("stake_which", language, amounts=amounts), [fmt_money(v) for v in slots.amount_choices[:3]]
    if not currency_asked.settle_from_account(turn):
        return currency_asked.ask(turn)  # "20 mil pesos": which pesos, never Colombian ones on a guess
    link = turn.link() if slots.currency else None
    if (link is not None and slots.currency.upper() != (link.currency or "").upper()
            and not is_hypothetical(fold(turn.ctx.message))):
        # "20 euros al Flamengo" from a USD account: a stake, not a question about one; ask in the account's
        # currency rather than work in another one (a question, "what if I bet 20 euros", is still answered)
        return betting_text("currency_mismatch", language, asked=slots.currency.upper(), currency=link.currency), \
            suggestions("generic", language)
    currency = f" {slots.currency}" if slots.currency else ""
    if given_odds and not slots.teams:
        result = turn.tool("simulate_bet", stake=str(slots.amount), odds=given_odds.group(1).replace(",", "."))
        if "error" in result:
            return tool_failure(result, language), suggestions("generic", language)
        text = t("sim_single", language, stake=fmt_money(result["stake"]) + currency,
                 label={"en": "that selection", "es": "esa selección", "pt_br": "essa seleção"}[language],
                 odds=fmt_odds(result["odds"]), returns=fmt_money(result["returns"]) + currency,
                 profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"])
        return f"{text} {t('sim_note', language)}", suggestions(
            "simulation", language, alt=alt_stake(slots.amount), match=None)
    if turn.combo_legs or (_COMBO_WORD.search(turn.ctx.message) and (slots.teams or slots.unknown_teams)):
        # never one leg alone; the legs continued from "what on each match?" when this message answers it
        read = turn.combo_legs or combo.combo_legs(turn.ctx.message, now=turn.ctx.now, timezone=turn.tz,
                                                   language=language)
        unsaid = [leg for leg in read if not leg.market_said or leg.team is None]
        if len(read) >= 2 and unsaid:
            combo_asked.keep(turn, read)  # the answer ("both to win") continues this accumulator
        if len(read) < 2 or unsaid:  # "a 10 parlay with Real Madrid and Barcelona": what on each match is asked,
            names = each_of([leg.team or leg.text for leg in (unsaid or read)], language)  # as for a real one
            return t("combo_which_market", language, teams=names), suggestions("generic", language)
        legs = []
        for leg in read[:5]:
            found = turn.tool("find_fixtures", team=leg.team, limit=1).get("fixtures") or []
            if not found:
                slots.teams = [leg.team]
                return no_fixture(turn, {"error": "not_found"})
            selection = leg.selection or selection_of(found[0], market=leg.market or "1x2", team=leg.selection_team,
                                                      negated=leg.selection_negated)
            if selection is None:
                return t("combo_which_market", language, teams=leg.team), suggestions("generic", language)
            legs.append({"team": leg.team, "fixture_id": found[0]["id"], "market": leg.market or "1x2",
                         "selection": selection})
        result = turn.tool("simulate_bet", stake=str(slots.amount), legs=legs)
        if "error" in result:
            return no_fixture(turn, result)
        text = t("sim_combo", language, n=len(result["legs"]), odds=fmt_odds(result["odds"]),
                 stake=fmt_money(result["stake"]) + currency, returns=fmt_money(result["returns"]) + currency,
                 profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"])
        legs_text = [f"• {leg['label']} ({leg['fixture']['home']} vs {leg['fixture']['away']}) "
                     f"{fmt_odds(leg['odds'])}" for leg in result["legs"]]
        first = result["legs"][0]["fixture"]
        return "\n".join([text, *legs_text, t("sim_note", language)]), suggestions(
            "simulation", language, alt=alt_stake(slots.amount), match=f"{first['home']} vs {first['away']}")
    if slots.unsupported_market:  # "the first set", "corners", "2-1": never priced as the match winner
        if slots.teams:
            turn.context["asked"] = "which_market"  # "over 2.5 then" continues this simulation (frame_cues.py)
        return t("market_unsupported", language, market=slots.unsupported_market), suggestions("generic", language)
    args = resolve_fixture_args(turn)
    if args is None:
        return ask_which_match(turn)
    if slots.date_from and "team" in args:  # "10 on Arsenal to win on Tuesday": that day's match, not the next one
        dated = fixtures_in_window(turn, args["team"], args.get("opponent"))
        if not dated:
            return no_match_in_window(turn, args["team"], args.get("opponent"))
        if len(dated) > 1:  # two matches that day: which one, never the first on a guess (the stake kept)
            return ask_which_of(turn, args["team"], dated, sided=not _side_not_said(turn))
        args = {"fixture_id": dated[0]["id"]}
        turn.remember_fixture(dated[0])  # that day's match in focus: its result asked of it below, no look-up again
    if slots.selection == "draw" and slots.market in (None, "1x2"):  # "10 on the draw in Sinner's match"
        fixture = _fixture_of(turn, args)
        if fixture is not None and not has_draw(fixture.get("sport_id")):  # tennis: said so and asked, never priced
            turn.remember_fixture(fixture)
            turn.question = "which_side_draw_none"
            return ask_reference(turn)
    if _side_not_said(turn):
        asked = _ask_which_result(turn, args)
        if asked is not None:
            return asked
    odds = turn.tool("get_odds", **fixture_filters(turn, args))
    if "error" in odds:
        return no_fixture(turn, odds)
    fixture = odds["fixture"]
    if slots.market and slots.market not in odds["markets"]:  # never the stake on another market in its place
        return no_market(fixture, slots.market, language)
    market = slots.market or "1x2"
    selection = slots.selection
    line = slots.line if market in lines_offered.LINED else None  # a line said is the one priced, never swapped
    if selection is None and (turn.pick_shown or market in SIDELESS_MARKETS):
        asked = lines_offered.ask(turn, odds, market=market, selection=None, line=line)
        if asked is not None:  # "10 on over/under 3.5" where 2.5 is offered: which side of 2.5, or nothing
            return asked
        if turn.pick_shown:  # "10 on that" after the over/under odds: which side, the stake kept
            return lines_offered.ask_side(turn, odds, market)
    if market in SIDELESS_MARKETS and selection is None:  # "10 on over/under 1.5": a team is no side; show each
        return _every_side(turn, fixture, market)
    if selection is None and market != "1x2" and not (slots.selection_team or slots.teams):
        return _every_side(turn, fixture, market)  # "the handicap then" (no team said): each side, never the home one
    if selection is None and market == "handicap" and not slots.selection_team:
        return _every_side(turn, fixture, market)  # "10 on the handicap in X vs Y": the match named, no side of it
    if selection == "draw" and "draw" not in (odds["markets"].get(market) or {}).get("selections", {}):
        turn.remember_fixture(fixture)  # "10 on the draw" in a match without one: which side, never the home one
        turn.question = "which_side"
        return ask_reference(turn)
    if selection is None or selection not in (odds["markets"].get(market) or {}).get("selections", {}):
        team = slots.selection_team or (slots.teams[0] if slots.teams else None)
        if market == "double_chance" or slots.selection_negated:
            selection = selection_of(fixture, market=market, team=team, negated=slots.selection_negated)
            if selection is None:  # "won't win" said of a team not in this match: never back the opposite
                return t("bet_which_market", language), suggestions("generic", language)
        else:
            selection = side_of(fixture, team) or turn.context.get("selection") or "home"
        if selection not in (odds["markets"].get(market) or {}).get("selections", {}):
            market, selection = "1x2", side_of(fixture, team) or "home"
    asked = lines_offered.ask(turn, odds, market=market, selection=selection, line=line)
    if asked is not None:  # "10 on over 1.5" where 2.5 is offered: simulate Over 2.5?, never run on it unasked
        return asked
    result = turn.tool("simulate_bet", stake=str(slots.amount), fixture_id=fixture["id"], market=market,
                       selection=selection, line=line if market in lines_offered.LINED else None)
    if "error" in result:
        return tool_failure(result, language), suggestions("generic", language)
    turn.remember_fixture(fixture)
    slots.market, slots.selection = market, selection
    match = f"{fixture['home']} vs {fixture['away']}"
    label = result["label"] if match in result["label"] else f"{result['label']} ({match})"  # which match, always
    text = t("sim_single", language, stake=fmt_money(result["stake"]) + currency, label=label,
             odds=fmt_odds(result["odds"]), returns=fmt_money(result["returns"]) + currency,
             profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"])
    return f"{text} {t('sim_note', language)}", suggestions(
        "simulation", language, alt=alt_stake(slots.amount), match=f"{fixture['home']} vs {fixture['away']}")


# A stake on a match as a whole: "10 on the Barcelona match", "al partido del Betis", "no jogo do Bahia".
_ON_THE_MATCH = re.compile(
    r"\d(?:[\d.,]*)(?: \w+){0,3}? (?:on|in|at|al|a|en|no|na|ao|em|pro|pra|para|pelo) "
    r"(?:(?:the|that|this|el|ese|este|o|esse|a) )?(?:\w+ ){0,2}?"
    r"(?:match|game|fixture|partido|juego|encuentro|jogo|partida|confronto)\b")


def _side_not_said(turn: Turn) -> bool:
    """A stake on a fixture with no result said: both its teams ("10 on Liverpool vs Chelsea") or the match itself
    ("10 al partido del Barcelona"). A stake on one team ("10 on Arsenal") is that team to win (docs/betting.md), also
    with its opponent said as such ("20 on Newcastle ... against Arsenal": the NLU's `selection_team`)."""
    slots = turn.slots
    if slots.selection is not None or slots.selection_team is not None or slots.selection_negated \
            or slots.market not in (None, "1x2") or turn.slots_from_memory:
        return False
    return len(slots.teams) >= 2 or bool(_ON_THE_MATCH.search(fold(turn.ctx.message)))


def _ask_which_result(turn: Turn, args: dict) -> tuple[str, list[str]] | None:
    """"On which result of {match}?", the match found without pricing anything; the answer ("the draw",
    "Chelsea") continues this simulation with its stake (frame `which_side`). None: no such match (said so below)."""
    fixture = _fixture_of(turn, args)
    if fixture is None:
        return None
    turn.remember_fixture(fixture)
    turn.question = "which_side"
    return ask_reference(turn)


def _fixture_of(turn: Turn, args: dict) -> dict | None:
    """The match a stake is on, found without pricing anything (None: no such match, said so when priced)."""
    context = turn.context
    if "fixture_id" in args and args["fixture_id"] == context.get("fixture_id") and context.get("fixture_teams"):
        home, away = context["fixture_teams"][:2]  # the match in focus ("and 10 on the draw?" after its odds)
        return {"id": context["fixture_id"], "home": home, "away": away, "sport_id": context.get("fixture_sport")}
    if "fixture_id" in args:  # a match chosen from a list or named before: looked up by its id, however far off
        try:
            return fixture_dict(fixture_services().get_fixture(fixture_id=str(args["fixture_id"])), turn.language)
        except ChatBetError:
            return None
    matches = fixtures_in_window(turn, args["team"], args.get("opponent")) if turn.slots.date_from else \
        _upcoming(turn, args["team"], args.get("opponent"))
    return matches[0] if matches else None


def _upcoming(turn: Turn, team: str, opponent: str | None) -> list[dict]:
    """The team's next matches (against `opponent` when given) in the competition and sport said."""
    slots = turn.slots
    scope = {key: value for key, value in (("tournament", slots.tournament), ("sport_id", slots.sport_id)) if value}
    fixtures = turn.tool("find_fixtures", team=team, limit=20, **scope).get("fixtures") or []
    if opponent:
        fixtures = [f for f in fixtures if opponent.casefold() in (f["home"].casefold(), f["away"].casefold())]
    return fixtures


def _every_side(turn: Turn, fixture: dict, market: str) -> tuple[str, list[str]]:
    """A stake on a market said without its side ("what if I bet 10 on over/under 1.5?"): what each side would
    return at its real price, rather than one side guessed (it once fell back to the home team's win)."""
    slots, language = turn.slots, turn.language
    currency = f" {slots.currency}" if slots.currency else ""
    lines = []
    for selection in MARKET_SELECTIONS[market]:
        result = turn.tool("simulate_bet", stake=str(slots.amount), fixture_id=fixture["id"], market=market,
                           selection=selection)  # the label says the line on offer
        if "error" in result:
            return tool_failure(result, language), suggestions("generic", language)
        lines.append(t("sim_single", language, stake=fmt_money(result["stake"]) + currency, label=result["label"],
                       odds=fmt_odds(result["odds"]), returns=fmt_money(result["returns"]) + currency,
                       profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"]))
    turn.remember_fixture(fixture)
    slots.market = market
    return "\n".join([*lines, t("sim_note", language)]), suggestions(
        "simulation", language, alt=alt_stake(slots.amount), match=f"{fixture['home']} vs {fixture['away']}")
