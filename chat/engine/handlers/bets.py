"""Real bets, singles and accumulators: prepare one and ask; place it only on the next turn's explicit yes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from betting.errors import TEXTS as BETTING_REFUSALS
from betting.errors import text as betting_text
from betting.labels import line_wording, render_selection
from betting.services import fixture_choice

from .. import combo, currency_asked, lines_offered, match_asked, names_asked, sport_markets, tools
from ..answer import suggestions, t
from ..bet_choice import choice_item, moment, ordinal_of, stated_dict
from ..formatting import bet_summary, each_of, either, fmt_money, fmt_odds, fmt_range, match_of, stake_problem
from ..nlu.text import fold
from ..nlu.written import written_choice
from ..tool_support import fixture_dict, resolve_team
from ..turn import Turn
from .common import (
    SIDELESS_MARKETS,
    fitting_teams,
    fixture_filters,
    no_fixture,
    no_market,
    resolve_fixture_args,
    selection_of,
    settle_team_choices,
    side_of,
    tool_failure,
)


def _refusal(result: dict, language: str) -> tuple[str, list[str]] | None:
    """The answer when `place_bet` refused (its sentence is already in the user's language) or failed."""
    if result.get("error") in BETTING_REFUSALS:
        return result["message"], suggestions("generic", language)
    if "error" in result:
        return tool_failure(result, language), suggestions("generic", language)
    return None

def real_bet_gate(turn: Turn) -> tuple[str, list[str]] | None:
    """Why no real bet can be prepared from this turn (login, link, self-exclusion, currency, stake), or None."""
    language, identity = turn.language, turn.ctx.identity
    turn.intent = "place_bet"
    turn.confidence = max(turn.confidence, 0.8)
    what = t("place_bets", language)
    if identity is None or not identity.is_authenticated:
        return t("login", language, what=what), suggestions("generic", language)
    link = turn.link()
    if link is None:
        return t("link", language, what=what), suggestions("generic", language)
    if link.is_self_excluded:
        return t("excluded", language), suggestions("excluded", language)
    slots = turn.slots
    # each question below asks for the stake again: a bare "20" next is it (`real_bet_followup`)
    turn.stake_asked = True
    if slots.pesos_unsaid and not currency_asked.settle_from_account(turn):  # pesos, and an account in another
        return betting_text("currency_mismatch", language, asked="pesos", currency=link.currency), \
            suggestions("generic", language)
    if slots.currency and slots.currency.upper() != (link.currency or "").upper():  # never relabel money
        return betting_text("currency_mismatch", language, asked=slots.currency.upper(), currency=link.currency), \
            suggestions("generic", language)
    problem = stake_problem(slots.amount, language)
    if problem:
        return problem, suggestions("generic", language)
    if slots.amount_ambiguous:  # real money: ask rather than guess which separator the dot was
        return _which_stake(turn)
    turn.stake_asked = False
    return None


def nothing_to_bet_on(turn: Turn) -> bool:
    """A real-bet request that names nothing to bet on and has nothing in the conversation to refer to ("put 10 on
    it" as a first message, "place a bet"): no team, match, competition or pick said, no match in focus."""
    slots, context = turn.slots, turn.context
    return not (slots.teams or slots.tournament or slots.selection or slots.selection_team or slots.market
                or context.get("fixture_id") or context.get("teams"))


def ask_what_to_bet_on(turn: Turn) -> tuple[str, list[str]]:
    """The question back for a real bet that says no match nor pick, in the user's language; a guest (or an
    account not linked) is told in the same answer that real bets need a login: asked, never given a slip nor a
    simulation in place of the real bet. Nothing is prepared."""
    language = turn.language
    refused = real_bet_gate(turn)
    stake = turn.slots.amount
    if refused and not _needs_login(turn):  # self-excluded, a stake or currency refused: that answer alone
        return refused
    if refused and stake is not None:  # a guest's "bet 25": a what-if, so "on X vs Y, over 2.5" next simulates it
        match_asked.keep(turn, [], intent="bet_simulation", open_ask=True)
    question = t("bet_what", language, stake=fmt_money(stake)) if stake is not None else t("bet_what_any", language)
    return (f"{question} {refused[0]}" if refused else question), suggestions("generic", language)


def _needs_login(turn: Turn) -> bool:
    identity = turn.ctx.identity
    return identity is None or not identity.is_authenticated or turn.link() is None


def place_combo(turn: Turn, *, asked: dict | None = None) -> tuple[str, list[str]]:
    """Prepare a real accumulator (one leg per match) and ask for confirmation; nothing is placed in this
    turn. A leg whose market is unsaid, or whose team plays more than once in the window, is asked about; the
    answer to "which match?" ("the second one") continues this accumulator (`asked`: the question's frame, the
    request's words and the matches picked so far) on the match picked."""
    refused = real_bet_gate(turn)
    if refused:
        return refused
    language = turn.language
    message = asked["message"] if asked else turn.ctx.message
    picked = dict(asked.get("picked") or {}) if asked else {}
    if asked and asked.get("leg") is not None and turn.bet_chosen:
        picked[str(asked["leg"])] = turn.bet_chosen[0]
    clubs = dict(asked.get("clubs") or {}) if asked else {}  # the club said for a leg on a shared name
    if asked and asked.get("club_leg") is not None:
        club = club_picked(turn, asked.get("club_choices") or [])
        if club:
            clubs[str(asked["club_leg"])] = club
    legs = combo.combo_legs(message, now=turn.ctx.now, timezone=turn.tz, language=language)
    if len(legs) < 2 or turn.slots.amount is None:
        return t("combo_need_legs", language), suggestions("generic", language)
    unsaid = [leg for leg in legs if not leg.market_said or leg.team is None]
    if unsaid:  # "acumulada de 10 con Real Madrid y Barcelona": never assume the match winner
        names = each_of([leg.team or leg.text for leg in unsaid], language)
        return t("combo_which_market", language, teams=names), suggestions("generic", language)
    legs, asked_club = _settle_leg_clubs(turn, legs, said=clubs)
    if asked_club:  # "combo: 10 on Madrid to win and ...": which club, never a guess; the answer continues it
        index, choices = asked_club
        _ask_combo_leg(turn, leg=None, team=legs[index].team, message=message, picked=picked,
                       clubs=clubs, club_leg=index, club_choices=choices)
        return t("combo_which_team", language, names=either(choices[:5], language)), choices[:4]
    chosen = []
    for index, leg in enumerate(legs):
        if leg.opponent:
            found = turn.tool("get_odds", team=leg.team, opponent=leg.opponent)
            if "error" in found:
                return no_fixture(turn, found)
            fixture = found["fixture"]
        else:
            choices = fixtures_of(turn, leg.team)
            fixture = next((c for c in choices if c["id"] == picked.get(str(index))), None)
            if fixture is None and len(choices) > 1:  # the team plays more than one match in that window: ask which
                _ask_combo_leg(turn, leg=index, team=leg.team, message=message, picked=picked)
                lines = [t("bet_which_fixture", language, team=leg.team), *map(turn.fixture_line, choices)]
                return "\n".join(lines), suggestions("generic", language)
            if not choices:
                turn.slots.teams = [leg.team]
                return no_fixture(turn, {"error": "not_found"})
            fixture = fixture or choices[0]
        selection = leg.selection or selection_of(fixture, market=leg.market or "1x2", team=leg.selection_team,
                                                  negated=leg.selection_negated)
        if selection is None:
            return t("combo_which_market", language, teams=leg.team), suggestions("generic", language)
        market = leg.market or "1x2"
        line = leg.line if market in ("over_under", "handicap") else None  # a line named is checked, not swapped
        chosen.append({"fixture_id": fixture["id"], "market": market, "selection": selection,
                       **({"line": line} if line is not None else {})})
    named = [name for leg in legs for name in (leg.team, leg.opponent)]
    turn.bet_chosen = list(picked.values())  # the matches the user picked from the lists shown
    state_what_was_said(turn, teams=[name for name in named if name], legs=legs_said(legs, picked=picked))
    result = turn.tool("place_bet", legs=chosen, stake=str(turn.slots.amount))
    refused = _refusal(result, language)
    if refused:
        return refused
    return bet_summary(result["bet"], language=language, tz=turn.tz), suggestions("confirm", language)


def legs_said(legs: list[combo.LegAsk], *, picked: dict) -> list[dict]:
    """Each leg as the words said it, for the betting service to hold the slip to (never the legs this engine
    resolved: a leg whose club, market or side the words did not say is refused, as a model's would be): its club
    (and the match picked from a list for it), the market and selection said, the side backed."""
    return [{"team": leg.selection_team or leg.team, "fixture_id": picked.get(str(index)), "market": leg.market,
             "selection": leg.selection, "selection_team": leg.selection_team,
             "selection_negated": leg.selection_negated} for index, leg in enumerate(legs)]


def _settle_leg_clubs(turn: Turn, legs: list[combo.LegAsk], *, said: dict
                      ) -> tuple[list[combo.LegAsk], tuple[int, list[str]] | None]:
    """Each leg on the club its words name: a name several clubs share ("Madrid", "Spurs", "City") is the club the
    user named for it when asked (`said`, by leg), else settled by the leg's opponent and the competition, sport and
    day said, else (index, clubs) to ask which (`combo_which_team`). Real money never goes on a guessed club."""
    settled = []
    for index, leg in enumerate(legs):
        if len(leg.team_choices) > 1:
            club = said.get(str(index))
            if club not in leg.team_choices:
                fitting = fitting_teams(turn, leg.team_choices, others=[leg.opponent] if leg.opponent else [])
                if len(fitting) != 1:
                    return legs, (index, list(fitting or leg.team_choices))
                club = fitting[0]
            if club != leg.team:
                leg = dataclasses.replace(leg, team=club, selection_team=club if leg.selection_team == leg.team
                                          else leg.selection_team)
        settled.append(leg)
    return settled, None


def club_picked(turn: Turn, choices: list[str]) -> str | None:
    """The club an answer to "which club?" names ("Atlético Madrid", "o Real Madrid") or picks by its place in the
    question ("the first one"); None when it determines none (asked again)."""
    named = [team for team in turn.slots.teams if team in choices]
    if len(set(named)) == 1:
        return named[0]
    place = ordinal_of(fold(turn.ctx.message))
    if place is not None and not named and -len(choices) <= (place - 1 if place > 0 else place) < len(choices):
        return choices[place - 1 if place > 0 else place]
    return None


def _ask_combo_leg(turn: Turn, *, leg: int | None, team: str, message: str, picked: dict, clubs: dict | None = None,
                   club_leg: int | None = None, club_choices: list[str] | None = None) -> None:
    """Keep the accumulator asked about for one turn (`real_bet` with its `combo`): the answer picking one of the
    listed matches ("the second one", "el segundo"), or the club of a leg on a shared name (`club_leg`,
    `club_choices`: "Atlético Madrid", "the first one"), continues it with the same legs and stake."""
    slots = turn.slots
    turn.context["real_bet"] = {
        "teams": [team], "selection_team": None, "market": None, "selection": None, "line": None,
        "selection_negated": False, "date_from": slots.date_from, "date_to": slots.date_to,
        "amount": str(slots.amount), "currency": slots.currency, "amount_ambiguous": False,
        "tournament": slots.tournament, "sport_id": slots.sport_id, "fixture_id": None, "choices": turn.bet_choices,
        "combo": {"message": message, "leg": leg, "picked": picked, "clubs": clubs or {}, "club_leg": club_leg,
                  "club_choices": club_choices or []}}


def asked_combo(turn: Turn) -> dict | None:
    """The accumulator the last answer asked "which match?" about, when this message answers it."""
    memory = turn.ctx.memory
    return ((memory.context.get("real_bet") if memory is not None else None) or {}).get("combo")


def place_bet(turn: Turn) -> tuple[str, list[str]]:
    """Prepare a real bet and ask for confirmation; nothing is placed in this turn. What it has so far is kept
    for one turn (`real_bet`): the answer to its question ("10 dólares", "que gane el Barcelona", "make it 35")
    continues this real bet (`frame.apply_followups`), never a simulation."""
    answer = ask_what_to_bet_on(turn) if nothing_to_bet_on(turn) else _prepare_bet(turn)
    asked = turn.ctx.metadata.get("real_bet") or {}  # the betting service asked which match (`place_bet` tool)
    turn.bet_choices = turn.bet_choices or asked.get("choices") or []
    link = turn.link()
    if link is not None and not link.is_self_excluded:
        slots = turn.slots
        turn.context["real_bet"] = {
            "teams": list(slots.teams[:2]), "selection_team": slots.selection_team, "market": slots.market,
            "selection": slots.selection, "line": slots.line, "date_from": slots.date_from,
            "date_to": slots.date_to, "amount": str(slots.amount) if slots.amount is not None else None,
            "currency": slots.currency, "amount_ambiguous": slots.amount_ambiguous,
            "selection_negated": slots.selection_negated, "tournament": slots.tournament, "sport_id": slots.sport_id,
            "fixture_id": (turn.ctx.metadata.get("pending_bet") or {}).get("fixture_id")
            or (turn.bet_chosen[0] if len(turn.bet_chosen) == 1 else None),  # the match picked, its market asked
            "stake_asked": turn.stake_asked,  # "how much?" asked: a bare "20" next is the stake
            "choices": turn.bet_choices}  # the matches asked about: "the second one" picks one
    return answer


def _which_stake(turn: Turn) -> tuple[str, list[str]]:
    """"1.500": a thousand and a half, or one and a half? Asked in the user's language, never guessed with money."""
    amount, language = turn.slots.amount, turn.language
    whole = str(amount.quantize(Decimal(1)))
    small = format((amount / 1000).normalize(), "f").replace(".", ",")
    return t("stake_ambiguous", language, whole=whole, small=small), suggestions("generic", language)


def _open_question(turn: Turn) -> tuple[str, list[str]] | None:
    """What a real bet from someone who must log in first leaves open (which club, which pesos, which thousands, how
    much, which match, which result), asked beside the login note, so it is never read as a bet understood; None when
    the words determine the bet. Nothing is priced: no odds are looked up for it."""
    slots, language = turn.slots, turn.language
    asked = which_team(turn)
    if asked or (slots.unsupported_market and sport_markets.asked_of(turn) is None):
        return asked or (t("market_unsupported", language, market=slots.unsupported_market),
                         suggestions("generic", language))
    if slots.pesos_unsaid:
        return t("which_pesos", language), [t(key, language) for key in currency_asked.CHIPS]
    if slots.amount_ambiguous and slots.amount is not None:
        return _which_stake(turn)
    args = resolve_fixture_args(turn)
    if args is None:
        return None
    if slots.amount is None:
        return _ask_stake(turn), suggestions("generic", language)
    several = "fixture_id" not in args and "opponent" not in args and args.get("team") \
        and len(choices := fixtures_of(turn, args["team"])) > 1
    if several:
        return ask_which_fixture(turn, args["team"], choices)
    if slots.market is None and slots.selection is None:
        return sport_markets.which_market(turn, fixture_filters(turn, args)) \
            or (t("bet_which_market", language), suggestions("generic", language))
    if slots.market == "handicap" and slots.selection is None and not slots.selection_team:
        return t("which_handicap", language), suggestions("generic", language)  # the handicap, on no side said
    return None


def _ask_stake(turn: Turn) -> str:
    """How much, naming the pick only when it is a club to win ("on Arsenal"); a draw, a total, a bet against a club
    or any other market is not "on" the club whose match it is, so the question names none."""
    slots, team = turn.slots, turn.slots.selection_team  # a club the words pick, not only the match's ("against X")
    if team and slots.market in (None, "1x2") and slots.selection in (None, "home", "away") \
            and not slots.selection_negated:
        return t("bet_stake", turn.language, team=team)
    return t("bet_stake_pick", turn.language)


def _prepare_bet(turn: Turn) -> tuple[str, list[str]]:
    refused = real_bet_gate(turn)
    if refused and _needs_login(turn) and (asked := _open_question(turn)) is not None:
        return f"{asked[0]} {refused[0]}", asked[1]  # "which Real? ... log in first": asked, never a slip
    if refused:
        return refused
    language, slots = turn.language, turn.slots
    foreign = sport_markets.asked_of(turn)  # "btts", "the draw", "over 2.5 goals": a market some sport never has
    if slots.unsupported_market and foreign is None:  # "the first set", "corners", "2-1", "by 2 goals": ask, never
        return t("market_unsupported", language, market=slots.unsupported_market), \
            suggestions("generic", language)  # the match winner
    if slots.amount_choices:  # "tengo 16, apuesta 10 ... y 20": which number is the stake?
        turn.stake_asked = True
        return t("stake_which", language, amounts=_either(slots.amount_choices, language)), \
            suggestions("generic", language)
    asked = which_team(turn)
    if asked:
        return asked
    args = resolve_fixture_args(turn)
    if foreign is not None:  # "bet 10 on btts in the Knicks game": basketball has none; which of its markets
        asked = sport_markets.ask(turn, foreign, fixture_filters(turn, args) if args else None, stake=True)
        if asked is not None:
            return asked
        if slots.unsupported_market:
            return t("market_unsupported", language, market=slots.unsupported_market), \
                suggestions("generic", language)
    if args is None:
        return t("bet_need", language), suggestions("generic", language)
    if "fixture_id" not in args and "opponent" in args:  # a match named by its two teams: it exists, before
        found = turn.tool("get_odds", **fixture_filters(turn, args))
        if "error" in found:
            return no_fixture(turn, found)
        if not in_window(turn, found["fixture"]):
            return no_match_then(turn, args["team"])
        args = {"fixture_id": found["fixture"]["id"]}
        # the stake or the pick is asked ("aposta 10 no celtic contra o arsenal": no such match, said now)
    if slots.amount is None:  # "bet on Arsenal to win": the match and the pick are said, the stake is asked
        turn.stake_asked = True
        if not (slots.selection_team or args.get("team") or slots.teams or turn.context.get("fixture_label")):
            return ask_what_to_bet_on(turn)  # nothing named to put it on: what, and how much (never "stake on ?")
        return _ask_stake(turn), suggestions("generic", language)
    if slots.market is None and slots.selection is None:  # "bet 10 on Arsenal": never assume the match winner
        if "fixture_id" not in args and args.get("team") \
                and len(choices := fixtures_of(turn, args["team"])) > 1:  # several matches: which one first, never
            return ask_which_fixture(turn, args["team"], choices)  # "in that match" of four
        return sport_markets.which_market(turn, fixture_filters(turn, args)) \
            or (t("bet_which_market", language), suggestions("generic", language))
    if "fixture_id" not in args:
        choices = fixtures_of(turn, args["team"])
        if len(choices) > 1:  # the team plays more than one match in that window: ask which
            return ask_which_fixture(turn, args["team"], choices)
        if choices:
            args = {"fixture_id": choices[0]["id"]}
        elif slots.date_from:  # no match in the window said: say so, never move the money to another day
            return no_match_then(turn, args["team"])
        else:
            return no_fixture(turn, {"error": "not_found"})
    selection = slots.selection
    market = slots.market or "1x2"
    if selection is None:
        team = slots.selection_team or (slots.teams[0] if slots.teams else None)
        if market == "handicap" and slots.selection_team is None:
            team = None  # "-0.5" said of a bet on the draw, "the handicap in São Paulo's game": which side is asked
        odds = turn.tool("get_odds", **args)
        if "error" in odds:
            return no_fixture(turn, odds)
        if market not in odds["markets"]:  # "Arsenal or draw" where double chance is not offered: which one
            return no_market(odds["fixture"], market, language)
        if market in SIDELESS_MARKETS:  # "10 on over/under 2.5 in the Sevilla game": a team is no side of it
            asked = lines_offered.ask(turn, odds, market=market, selection=None, line=slots.line)
            return asked or ask_which_selection(odds, market=market, line=slots.line, language=language)
        if market == "double_chance" or slots.selection_negated:
            selection = selection_of(odds["fixture"], market=market, team=team, negated=slots.selection_negated)
        else:
            selection = side_of(odds["fixture"], team)
        if selection is None and team is None and market in odds["markets"]:  # "the winner then": which side
            return ask_which_selection(odds, market=market, line=slots.line, language=language)
        if selection is None:
            return t("bet_need", language), suggestions("generic", language)
    line = slots.line if market in lines_offered.LINED else None  # a line named is checked, not swapped
    if line is not None:  # "bet 10 on over 1.5" where 2.5 is offered: bet on Over 2.5?, nothing prepared unasked
        odds = turn.tool("get_odds", **args)
        asked = lines_offered.ask(turn, odds, market=market, selection=selection, line=line) \
            if "error" not in odds else None
        if asked is not None:
            return asked
    state_what_was_said(turn, fixture_id=args["fixture_id"], market=market, selection=selection)
    result = turn.tool("place_bet", fixture_id=args["fixture_id"], market=market, selection=selection,
                       stake=str(slots.amount), **({"line": line} if line is not None else {}))
    refused = _refusal(result, language)
    if refused:
        return refused
    bet = result["bet"]
    fixture = bet["fixture"]
    turn.remember_fixture(fixture)
    slots.market, slots.selection = market, selection
    return bet_summary(bet, language=language, tz=turn.tz), suggestions("confirm", language)


def ask_which_selection(odds: dict, *, market: str, line, language: str) -> tuple[str, list[str]]:
    """A market said without its side ("over/under 2.5", "both teams to score"): ask which, the market's
    selections as the choices. Real money never goes on a side the user did not say."""
    fixture = odds["fixture"]
    prices = (odds["markets"].get(market) or {}).get("selections", {})
    offered = next((price["line"] for price in prices.values() if price.get("line") not in (None, "")), None)
    lines = {float(price["line"]) for price in prices.values() if price.get("line") not in (None, "")}
    if line is not None and offered is not None and float(line) not in lines:  # never another line
        name, number = line_wording(market, "over", None, language=language, sport_id=fixture.get("sport_id"))
        return betting_text("line_not_offered", language, asked=number(line), offered=number(offered),
                            label=name), suggestions("generic", language)
    labels = [render_selection(key, home=fixture["home"], away=fixture["away"], sport_id=fixture.get("sport_id"),
                               line=str(price.get("line") or ""), language=language, market=market)
              for key, price in prices.items()]
    return t("bet_which_selection", language, match=f"{fixture['home']} vs {fixture['away']}",
             options=either(labels, language)), labels[:4]


def _either(values: list[str], language: str) -> str:
    return either([fmt_money(v) for v in values], language)


def which_team(turn: Turn) -> tuple[str, list[str]] | None:
    """A short name that fits several clubs ("Spurs", "Real", "Atlético") and the rest of the message does not
    decide: ask which, the candidates as suggestions. Real money never goes on a guessed club."""
    unsettled = settle_team_choices(turn)
    if unsettled is None:
        return None
    slots = turn.slots
    picked = next((name for name, candidates in slots.team_choices.items()
                   if name in slots.teams[:2] and set(unsettled) <= set(candidates)), None)
    if picked is not None and len(unsettled) > 1:  # the reply ("Atlético Madrid", "the 2nd") continues this bet
        names_asked.ask_which(turn, written_choice(turn.ctx.message, picked), list(unsettled),
                              others=[team for team in slots.teams[:2] if team != picked])
    return t("which_of_teams", turn.language, names=", ".join(unsettled[:5])), unsettled[:4]


def fixtures_of(turn: Turn, team: str) -> list[dict]:
    """The team's matches a bet could mean, in the tournament and sport said (the betting service's rule: those
    in the asked window, else those on its next match day)."""
    slots = turn.slots
    found = fixture_choice.bet_fixtures(team=resolve_team(team), date_from=moment(slots.date_from),
                                        date_to=moment(slots.date_to), now=turn.ctx.now, tz=turn.tz,
                                        tournament=slots.tournament, sport_id=slots.sport_id)
    turn.bet_choices = [choice_item(f, turn.language) for f in found] if len(found) > 1 else []
    return [fixture_dict(f, turn.language) for f in found]


def ask_which_fixture(turn: Turn, team: str, choices: list[dict]) -> tuple[str, list[str]]:
    """The team has more than one match a bet could mean: list them and ask; the answer continues the bet."""
    lines = [t("bet_which_fixture", turn.language, team=team), *(turn.fixture_line(f) for f in choices)]
    return "\n".join(lines), suggestions("generic", turn.language)


def state_what_was_said(turn: Turn, *, fixture_id: str | None = None, teams: list[str] | None = None,
                        market: str | None = None, selection: str | None = None,
                        legs: list[dict] | None = None) -> None:
    """What the user said about the match, for the betting service to hold the slip to (`bet_stated`): the teams
    and window of the bet, and the match the user picked (from the list, the slip shown, or the match in focus
    when no day was said); for an accumulator, each leg's match and pick as read from the words (`legs`)."""
    slots = turn.slots
    chosen = list(turn.bet_chosen)
    if fixture_id and turn.slots_from_memory and not slots.date_from:
        chosen.append(fixture_id)
    turn.ctx.metadata["bet_stated"] = stated_dict(teams=teams or slots.teams[:2], date_from=slots.date_from,
                                                  date_to=slots.date_to, chosen=chosen, stake=slots.amount,
                                                  currency=slots.currency, market=market, selection=selection,
                                                  tournament=slots.tournament, sport_id=slots.sport_id,
                                                  legs=legs)


def in_window(turn: Turn, fixture: dict) -> bool:
    """Whether the fixture starts within the date window this message said (no window: any day)."""
    return fixture_choice.in_window(moment(fixture["start_time"]), date_from=moment(turn.slots.date_from),
                                    date_to=moment(turn.slots.date_to))


def no_match_then(turn: Turn, team: str) -> tuple[str, list[str]]:
    """The team has no match in the window said: say it and show its next one; nothing is prepared."""
    language = turn.language
    when = fmt_range(turn.slots.date_from, turn.slots.date_to, tz=turn.tz, language=language)
    lines = [t("bet_no_match_then", language, team=team, when=when)]
    upcoming = turn.tool("find_fixtures", team=team, limit=2).get("fixtures") or []
    if upcoming:
        lines += [t("nearest", language), *(turn.fixture_line(f) for f in upcoming)]
    return "\n".join(lines), suggestions("generic", language)


def confirm_bet(turn: Turn, pending: dict) -> tuple[str, list[str]]:
    language = turn.language
    turn.intent = "bet_confirmation"
    turn.confidence = 1.0
    legs = pending.get("legs") or []
    if len(legs) > 1:  # an accumulator: the same legs and stake as shown, confirmed as one slip
        result = turn.tool("place_bet", stake=pending["stake"], legs=[
            {"fixture_id": leg["fixture_id"], "market": leg["market"], "selection": leg["selection"]}
            for leg in legs])
    else:
        result = turn.tool("place_bet", fixture_id=pending["fixture_id"], market=pending["market"],
                           selection=pending["selection"], stake=pending["stake"])
    if result.get("error") == "already_confirmed":  # another message of the user's confirmed it first
        return t("bet_already_confirmed", language), suggestions("generic", language)
    if result.get("error") == "bet_outcome_unknown":  # may be placed: never invite a retry
        return t("bet_outcome_unknown", language, label=pending.get("label") or pending.get("selection"),
                 match=match_of(pending), stake=fmt_money(pending["stake"]), cur=pending.get("currency") or ""), \
            suggestions("generic", language)
    refused = _refusal(result, language)
    if refused:
        return refused
    bet = result["bet"]
    fixture = bet["fixture"]
    if result["status"] != "placed":  # not an explicit yes, or the price moved against the user: ask again
        summary = bet_summary(bet, language=language, tz=turn.tz)
        message = turn.ctx.message.strip()
        if result.get("price_moved"):  # the new price, and the same question again
            summary = result["message"] + " " + summary
        elif not tools.is_explicit_confirmation(message):  # a bare "yes"/"ok"/"sí": say why it is shown again
            summary = t("need_exact_phrase", language, said=message[:30]) + " " + summary
        return summary, suggestions("confirm", language)
    if len(bet.get("legs") or []) > 1:
        each = "; ".join(f"{leg['label']} ({match_of(leg)})" for leg in bet["legs"])
        return t("combo_placed", language, n=len(bet["legs"]), legs=each,
                 odds=fmt_odds(bet["odds"]), stake=fmt_money(bet["stake"]), cur=bet["currency"],
                 win=fmt_money(bet["possible_win"]), ref=result.get("upstream_bet_id") or "-"), \
            suggestions("generic", language)
    return t("bet_placed", language, label=bet["label"], match=f"{fixture['home']} vs {fixture['away']}",
             odds=fmt_odds(bet["odds"]), stake=fmt_money(bet["stake"]), cur=bet["currency"],
             win=fmt_money(bet["possible_win"]), ref=result.get("upstream_bet_id") or "-"), \
        suggestions("generic", language)


def cancel_waiting(turn: Turn) -> tuple[str, list[str]]:
    """"cancel" when no slip is remembered for a yes (the talk moved on since it was shown): the slip still waiting
    in this conversation is cancelled (a "cancel" can only ever stop money, never spend it); in no other
    conversation. With none waiting, say so: never a simulation or another answer read into "cancel"."""
    language = turn.language
    turn.intent, turn.confidence = "bet_confirmation", 1.0
    if not tools.cancel_waiting_slips(ctx=turn.ctx):
        return t("nothing_pending", language), suggestions("generic", language)
    return t("bet_cancelled", language), suggestions("generic", language)
