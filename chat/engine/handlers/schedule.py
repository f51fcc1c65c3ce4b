"""Fixtures: a team's, a tournament's, a day's, live ones; and the tournament list."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from ..answer import suggestions, t
from ..formatting import fmt_range
from ..frame_cues import AFTER_FIXTURE
from ..turn import Turn
from .common import (
    ask_which_club,
    fixtures_in_window,
    for_each_team,
    no_match_in_window,
    tool_failure,
    tournament_not_covered,
    two_teams_listed,
)


def schedule(turn: Turn) -> tuple[str, list[str]]:
    slots = turn.slots
    if len(slots.teams) == 1 and not turn.slots_from_memory and _DERBY.search(turn.ctx.message):
        return derby(turn, slots.teams[0])  # "the Madrid derby": the clubs that share the name, against each other
    asked = ask_which_club(turn)  # "when does Madrid play?": which Madrid, unless the words decide it
    if asked is not None:
        return asked
    if len(slots.teams) == 2 and not turn.slots_from_memory:
        return two_teams(turn)
    return team_schedule(turn)


_DERBY = re.compile(r"\b(?:derby|derbi|cl[aá]sico|classico|clássico)\b", re.IGNORECASE)
_GENERIC = frozenset("fc cf ac as sc cd ud rc club real city united athletic atletico atlético sporting "
                     "deportivo de la del do da the".split())


def derby(turn: Turn, team: str) -> tuple[str, list[str]]:
    """"the Madrid derby": the team's matches against a club of the same city (a shared name word); when
    there is none in the window, say so, then the team's own matches."""
    words = {w for w in team.casefold().split() if w not in _GENERIC and len(w) > 2}
    found = turn.tool("find_fixtures", team=team, date_from=turn.slots.date_from, date_to=turn.slots.date_to,
                      limit=20).get("fixtures") or []
    for fixture in found:
        other = fixture["away"] if fixture["home"].casefold() == team.casefold() else fixture["home"]
        if words & set(other.casefold().split()):
            turn.slots.teams = [team, other]
            return two_teams(turn)
    when = fmt_range(turn.slots.date_from, turn.slots.date_to, tz=turn.tz, language=turn.language)
    text, actions = team_schedule(turn)
    return t("no_derby", turn.language, team=team, when=when) + "\n" + text, actions


def two_teams(turn: Turn) -> tuple[str, list[str]]:
    """"Flamengo x Palmeiras quando?": their match (in the window said); when there is none, say so first and
    then each team's own matches. "partidos del Flamengo y del Palmeiras": each team's matches."""
    teams = list(turn.slots.teams)
    if two_teams_listed(turn):
        return for_each_team(turn, teams, team_schedule)
    together = fixtures_in_window(turn, teams[0], teams[1])
    if not together:
        return no_match_in_window(turn, teams[0], teams[1])
    language = turn.language
    match = f"{teams[0]} vs {teams[1]}"
    when = fmt_range(turn.slots.date_from, turn.slots.date_to, tz=turn.tz, language=language)
    team_part = {"en": " for ", "es": " de ", "pt_br": " de "}[language] + match
    lines = [t("fixtures_for", language, team=team_part, when=when), *(turn.fixture_line(f) for f in together[:5])]
    first = together[0]
    turn.remember_fixture(first)
    turn.context["query_team"] = teams[0]
    return "\n".join(lines), suggestions("schedule", language, match=f"{first['home']} vs {first['away']}",
                                          team=teams[0])


def team_schedule(turn: Turn) -> tuple[str, list[str]]:
    slots, language = turn.slots, turn.language
    team = slots.teams[0] if slots.teams else None
    live = slots.live or None
    after = turn.context.pop(AFTER_FIXTURE, None)  # "and after that?": the matches after the one in focus
    result = turn.tool("find_fixtures", team=team, tournament=slots.tournament, date_from=slots.date_from,
                       date_to=slots.date_to, live=live, sport_id=slots.sport_id, limit=10 if after else 5)
    if "error" in result:
        return tool_failure(result, language), suggestions("generic", language)
    if after:
        ids = [fixture["id"] for fixture in result["fixtures"]]
        skipped = ids.index(after) + 1 if after in ids else 0
        result["fixtures"] = result["fixtures"][skipped:][:5]
        result["total"] = max(len(result["fixtures"]), (result.get("total") or len(ids)) - skipped)
    query_team = result["query"].get("team")
    turn.context["query_team"] = query_team
    turn.context["tournament"] = slots.tournament  # what "and tomorrow?" narrows to next
    team_part = ({"en": " for ", "es": " de ", "pt_br": " do "}[language] + query_team) if query_team else ""
    if slots.tournament and not query_team:
        team_part = {"en": " in ", "es": " de ", "pt_br": " do "}[language] + slots.tournament
    when = fmt_range(slots.date_from, slots.date_to, tz=turn.tz, language=language)
    fixtures = result["fixtures"]
    if fixtures:
        playing = [f for f in fixtures if f.get("status") == "live"]
        coming = [f for f in fixtures if f.get("status") != "live"]
        lines = []
        if playing:  # live matches get their own heading: they are not "upcoming"
            lines += [t("live_now", language), *(turn.fixture_line(f) for f in playing)]
        if coming and not live:
            lines += [t("fixtures_for", language, team=team_part, when=when),
                      *(turn.fixture_line(f) for f in coming)]
        first = fixtures[0]
        turn.remember_fixture(first)
        if query_team:
            slots.teams = [query_team, *[x for x in slots.teams if x != query_team]]
        focus = query_team or first["home"]
        actions = suggestions("schedule", language, match=f"{first['home']} vs {first['away']}", team=focus)
        total = result.get("total") or len(fixtures)
        if total > len(fixtures):
            if slots.tournament:  # already one tournament: only a narrower date shows the rest
                lines.append(t("showing_by_date", language, shown=len(fixtures), total=total))
            else:
                more = t("more_in", language, tournament=first["tournament"])
                lines.append(t("showing_some", language, shown=len(fixtures), total=total, more=more))
                actions = [more, *[a for a in actions if a != more]][:4]
        return "\n".join(lines), actions
    if result.get("unknown_tournament"):
        return tournament_not_covered(turn, result)
    lines = [t("no_live", language) if live and not query_team else
             t("no_fixtures", language, team=team_part, when=when)]
    alternatives = result.get("alternatives") or []
    playing = [f for f in alternatives if f.get("status") == "live"] if _window_has_now(turn) else []
    if playing:  # "NBA games tonight" while two are being played: never "none" above a live list
        lines = [t("live_now", language), *(turn.fixture_line(f) for f in playing)]
        alternatives = [f for f in alternatives if f not in playing]
    if alternatives:
        lines.append(t("nearest", language))
        lines += [turn.fixture_line(f) for f in alternatives]
    if playing or alternatives:
        first = playing[0] if playing else alternatives[0]
        turn.remember_fixture(first)
        return "\n".join(lines), suggestions("schedule", language, match=f"{first['home']} vs {first['away']}",
                                             team=query_team or first["home"])
    lines.append(t("no_alternatives", language))
    return "\n".join(lines), suggestions("generic", language)


def _window_has_now(turn: Turn) -> bool:
    """The asked window is today's ("tonight" asked at 04:30, "today", no date): a match being played now
    belongs in the answer, not under "none"."""
    slots, now = turn.slots, turn.ctx.now
    if not slots.date_from:
        return True
    zone = ZoneInfo(turn.tz)
    start = datetime.fromisoformat(slots.date_from.replace("Z", "+00:00"))
    end = datetime.fromisoformat(slots.date_to.replace("Z", "+00:00")) if slots.date_to else None
    today = start.astimezone(zone).date() == now.astimezone(zone).date()
    return (start <= now or today) and (end is None or now < end)


def tournaments(turn: Turn) -> tuple[str, list[str]]:
    if turn.slots.tournament:
        return schedule(turn)
    slots = turn.slots
    window = {"date_from": slots.date_from, "date_to": slots.date_to} if slots.date_from else {}
    result = turn.tool("list_tournaments", **window)  # "which leagues play on sunday?": that day's, only
    if "error" in result:
        return tool_failure(result, turn.language), suggestions("generic", turn.language)
    names = ", ".join(item["name"] for item in result["tournaments"][:15])
    first = result["tournaments"][0]["name"] if result["tournaments"] else None
    actions = [f"{ {'en': 'Matches in', 'es': 'Partidos de', 'pt_br': 'Jogos do'}[turn.language]} {first}"] \
        if first else []
    actions = (actions + suggestions("generic", turn.language))[:3]
    if not window:
        return t("tournaments", turn.language, names=names), actions
    when = fmt_range(slots.date_from, slots.date_to, tz=turn.tz, language=turn.language)
    if not names:
        return t("no_tournaments_then", turn.language, when=when), actions
    return t("tournaments_then", turn.language, when=when, names=names), actions
