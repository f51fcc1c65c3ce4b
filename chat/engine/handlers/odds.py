"""Odds of one fixture, per market, with the sport's unit for totals."""

from __future__ import annotations

from betting.labels import total_unit

from .. import lines_offered, sport_markets
from ..answer import _PROBABILITY, suggestions, t
from ..formatting import fmt_odds, market_name
from ..market_guard import asked_in_market
from ..turn import Turn
from .common import (
    ask_which_club,
    ask_which_match,
    ask_which_of,
    fixture_filters,
    fixtures_in_window,
    for_each_team,
    no_fixture,
    no_match_in_window,
    only_match_in_window,
    resolve_fixture_args,
    two_teams_listed,
)


def odds(turn: Turn) -> tuple[str, list[str]]:
    foreign = sport_markets.asked_of(turn)  # "btts", "the draw", "over 2.5 goals": a market some sport never has
    if foreign is not None and foreign.words and not _asked_in_market(turn):
        foreign = None  # "the Knicks never win corners, their odds?": the match's odds are asked
    if foreign is None and _asked_in_market(turn):  # "corner odds for Madrid vs Betis": not offered, asked; never
        return market_not_offered(turn)  # the 1X2 instead
    if len(turn.slots.teams) >= 4 and not turn.slots_from_memory:
        return several_matches(turn)
    # "odds for Madrid": which one; "Lakers vs Spurs": the Spurs that play the Lakers; "compare odds for Madrid and
    # Barcelona" lists two sides that need not meet: which Madrid, not the one that happens to play Barcelona
    asked = ask_which_club(turn, meeting=not two_teams_listed(turn))
    if asked is not None:
        return asked
    if foreign is not None:  # "both teams to score for the Lakers game": basketball has none, asked, nothing priced
        args = resolve_fixture_args(turn)
        asked = sport_markets.ask(turn, foreign, fixture_filters(turn, args) if args else None, stake=False)
        if asked is not None:
            return asked
        if _asked_in_market(turn):
            return market_not_offered(turn)
    if two_teams_listed(turn) and not fixtures_in_window(turn, *turn.slots.teams):
        return for_each_team(turn, list(turn.slots.teams), odds)  # "odds for Barcelona and Real Madrid": both
    args = resolve_fixture_args(turn)
    if args is None and (only := only_match_in_window(turn)) is not None:
        # "odds for today's Serie A game": the one there is; "and tomorrow?" then asks of the competition, no club
        result = turn.tool("get_odds", fixture_id=only["id"], market=turn.slots.market)
        if "error" in result:
            return no_fixture(turn, result)
        text, actions = render_odds(turn, result, turn.slots.market)
        turn.slots.teams, turn.named = [], []
        return text, actions
    if args is None:
        return ask_which_match(turn)
    market = turn.slots.market
    # "Bucks on the 14th": the match on that date, not the next one; "and the odds on the 11th?" after a
    # schedule: the team in focus on that date, not the match in focus.
    team = args.get("team") or next(iter(turn.slots.teams), None) or turn.context.get("focus_team") \
        or turn.context.get("query_team")
    if turn.slots.date_from and team:
        opponent = args.get("opponent")
        dated = fixtures_in_window(turn, team, opponent)
        if not dated:
            return no_match_in_window(turn, team, opponent)
        if len(dated) > 1 and args.get("fixture_id") not in {f["id"] for f in dated}:
            return ask_which_of(turn, team, dated)  # "Fritz this weekend": which of its matches, never all priced
        if args.get("fixture_id") not in {f["id"] for f in dated}:
            args = {"fixture_id": dated[0]["id"]}
    result = turn.tool("get_odds", market=market, **fixture_filters(turn, args))
    if "error" in result:
        return no_fixture(turn, result)
    if market in lines_offered.LINED and turn.slots.line is not None:
        # a line said that the match does not offer: a question, no price (the board only looked up)
        asked = lines_offered.ask_odds(turn, result, market=market)
        if asked is not None:
            return asked
    return render_odds(turn, result, market)


def _asked_in_market(turn: Turn) -> bool:
    """The odds are asked in a market we do not offer (`market_guard.asked_in_market`: in the request's clause)."""
    market = turn.slots.unsupported_market
    return bool(market) and asked_in_market(turn.ctx.message, market)


def market_not_offered(turn: Turn) -> tuple[str, list[str]]:
    """Odds asked in a market no fixture of ours has (corners, cards, scorers, exact score): say so and ask which of
    the markets on offer, the clubs named kept in the frame for the reply ("the over/under then"); no price is shown
    in its place (docs/betting.md, markets not read)."""
    language, teams = turn.language, list(turn.slots.teams)
    if teams:
        turn.context["asked"] = "which_market"  # "X to win then" continues these odds (frame_cues.py)
    text = t("odds_unsupported", language, market=turn.slots.unsupported_market)
    match = " vs ".join(teams[:2]) if len(teams) >= 2 else None
    return text, suggestions("odds_unsupported", language, match=match, team=teams[0] if teams else None)


def several_matches(turn: Turn) -> tuple[str, list[str]]:
    """"Compare odds for Bayern vs Liverpool and Chelsea vs Monaco": each match asked about, in order
    (the teams come in pairs), never only the first."""
    teams, market = list(turn.slots.teams), turn.slots.market
    parts, actions = [], []
    for home, away in zip(teams[0:6:2], teams[1:6:2], strict=False):
        turn.slots.teams = [home, away]
        result = turn.tool("get_odds", team=home, opponent=away, market=market)
        if "error" in result:
            text, suggested = no_fixture(turn, result)
        else:
            text, suggested = render_odds(turn, result, market)
            turn.shown.append({key: result["fixture"].get(key) for key in ("id", "home", "away", "sport_id")})
        parts.append(text)
        actions = actions or suggested
    turn.slots.teams = teams
    return "\n\n".join(parts), actions


def render_odds(turn: Turn, result: dict, market: str | None) -> tuple[str, list[str]]:
    language = turn.language
    fixture = result["fixture"]
    turn.remember_fixture(fixture)
    focus = focus_team(turn, fixture)
    turn.slots.teams = [focus, fixture["away"] if focus == fixture["home"] else fixture["home"]]
    match = f"{fixture['home']} vs {fixture['away']}"
    lines = [t("odds_head", language, match=match, tournament=fixture["tournament"],
               when=turn.when(fixture["start_time"]))]
    if result["status"] != "active":
        lines.append(t("suspended", language))
    markets = result["markets"]
    if market and market not in markets:  # the sport has it, this match not: which of its others, none priced
        asked = sport_markets.no_market_question(fixture.get("sport_id"), market=market, match=match,
                                                 language=language)
        if asked is not None:
            return "\n".join([*lines, asked[0]]), asked[1]
        lines.append(t("no_market", language, match=match))
    elif turn.slots.selection == "draw" and "draw" not in (markets.get("1x2") or {}).get("selections", {"draw": 0}):
        lines.append(t("no_draw_price", language, match=match))  # tennis, basketball: never the winner as the draw
    keys = [market] if market in markets else [k for k in ("1x2", "over_under", "btts") if k in markets]
    note = lines_offered.odds_note(turn, result, market) if market in markets else None
    if note:  # "odds for over 3.5" where 2.5 is offered: said so, the prices below are of the line on offer
        lines.append(note)
    for key in keys:
        lines.append(market_line(turn, key, markets[key], fixture))
    if _PROBABILITY.search(turn.ctx.message):
        key = keys[0] if keys else None
        if key:
            parts = [
                f"{short_label(sel, fixture, price.get('line'), language)} {price['implied_probability']}%"
                for sel, price in markets[key]["selections"].items() if price.get("implied_probability")
            ]
            lines.append(f"• {t('implied', language)}: " + " · ".join(parts))
    if result.get("stale"):
        lines.append(t("stale", language, age=int(result.get("age_seconds") or 0)))
    favourite = fixture["home"]
    main = markets.get("1x2")
    if main:
        sel = main["selections"]
        if "away" in sel and "home" in sel and sel["away"]["odds"] < sel["home"]["odds"]:
            favourite = fixture["away"]
    return "\n".join(lines), suggestions("odds", language, team=favourite, home=fixture["home"],
                                         away=fixture["away"])


def market_line(turn: Turn, key: str, market: dict, fixture: dict) -> str:
    language = turn.language
    parts = []
    for selection, price in market["selections"].items():
        label = short_label(selection, fixture, price.get("line"), language)
        parts.append(f"{label} {fmt_odds(price['odds'])}")
    line = f"• {market_name(key, language, selections=market['selections'])}: " + " · ".join(parts)
    if market.get("margin_percent") is not None:
        line += f" ({t('margin', language, margin=market['margin_percent'])})"
    return line


def short_label(selection: str, fixture: dict, line: str | None, language: str) -> str:
    names = {
        "home": fixture["home"], "away": fixture["away"],
        "draw": {"en": "Draw", "es": "Empate", "pt_br": "Empate"}[language],
        "over": f"{ {'en': 'Over', 'es': 'Más de', 'pt_br': 'Mais de'}[language]} {line or ''}".strip(),
        "under": f"{ {'en': 'Under', 'es': 'Menos de', 'pt_br': 'Menos de'}[language]} {line or ''}".strip(),
        "yes": {"en": "Yes", "es": "Sí", "pt_br": "Sim"}[language],
        "no": {"en": "No", "es": "No", "pt_br": "Não"}[language],
        "home_or_draw": f"{fixture['home']}/X", "away_or_draw": f"X/{fixture['away']}",
        "home_or_away": f"{fixture['home']}/{fixture['away']}",
    }
    label = names.get(selection, selection)
    if selection in ("over", "under") and line:
        unit = total_unit(fixture.get("sport_id"), language)
        label = f"{label} {unit}" if unit else label
    if selection in ("home", "away") and line:
        label = f"{label} ({line})"
    return label


def focus_team(turn: Turn, fixture: dict) -> str:
    """The side of this fixture the user has been asking about (else the home team)."""
    for team in [*turn.slots.teams, turn.context.get("query_team"), *(turn.context.get("teams") or [])]:
        if team and team.casefold() in (fixture["home"].casefold(), fixture["away"].casefold()):
            return fixture["home"] if team.casefold() == fixture["home"].casefold() else fixture["away"]
    return fixture["home"]
