"""Odds of one fixture, per market, with the sport's unit for totals."""

from __future__ import annotations

from betting.labels import total_unit

from ..answer import _PROBABILITY, suggestions, t
from ..formatting import fmt_odds, market_name
from ..turn import Turn
from .common import ask_which_match, fixture_filters, no_fixture, resolve_fixture_args, settle_team_choices


def odds(turn: Turn) -> tuple[str, list[str]]:
    if len(turn.slots.teams) >= 4 and not turn.slots_from_memory:
        return several_matches(turn)
    settle_team_choices(turn)  # "Lakers vs Spurs": the Spurs that play the Lakers
    args = resolve_fixture_args(turn)
    if args is None:
        return ask_which_match(turn)
    market = turn.slots.market
    result = turn.tool("get_odds", market=market, **fixture_filters(turn, args))
    if "error" in result:
        return no_fixture(turn, result)
    return render_odds(turn, result, market)


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
    if market and market not in markets:
        lines.append(t("no_market", language, match=match))
    keys = [market] if market in markets else [k for k in ("1x2", "over_under", "btts") if k in markets]
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
