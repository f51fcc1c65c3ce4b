"""Shared by the handlers: which fixture a turn means, and what to say when there is none."""

from __future__ import annotations

from ..answer import suggestions, t
from ..turn import Turn


def resolve_fixture_args(turn: Turn) -> dict | None:
    slots = turn.slots
    if slots.teams:
        args = {"team": slots.teams[0]}
        if len(slots.teams) > 1:
            args["opponent"] = slots.teams[1]
        if turn.slots_from_memory and turn.context.get("fixture_id"):
            return {"fixture_id": turn.context["fixture_id"]}
        return args
    if turn.context.get("fixture_id"):
        return {"fixture_id": turn.context["fixture_id"]}
    return None


def ask_which_match(turn: Turn) -> tuple[str, list[str]]:
    upcoming = turn.tool("find_fixtures", limit=3).get("fixtures") or []
    lines = [t("which_match", turn.language), *(turn.fixture_line(f) for f in upcoming)]
    actions = [suggestions("schedule", turn.language, match=f"{f['home']} vs {f['away']}", team=f["home"])[0]
               for f in upcoming]
    return "\n".join(lines), (actions or suggestions("generic", turn.language))[:4] if len(actions) >= 2 \
        else suggestions("generic", turn.language)


def no_fixture(turn: Turn, result: dict) -> tuple[str, list[str]]:
    """No match for that team: say so (in the user's language), and offer the nearest fixtures."""
    language = turn.language
    if result.get("error") not in ("not_found", "fixture_not_found"):
        return t("tool_error", language, message=result.get("message", "")), suggestions("generic", language)
    teams = " vs ".join(turn.slots.teams[:2])
    team_part = ({"en": " for ", "es": " de ", "pt_br": " do "}[language] + teams) if teams else ""
    message = t("no_fixtures", language, team=team_part, when="")
    upcoming: list[dict] = []
    for team in turn.slots.teams[:2]:  # the nearest matches of the teams asked about
        for fixture in turn.tool("find_fixtures", team=team, limit=2).get("fixtures") or []:
            if fixture["id"] not in {f["id"] for f in upcoming}:
                upcoming.append(fixture)
    if not upcoming:
        upcoming = turn.tool("find_fixtures", limit=3).get("fixtures") or []
    upcoming = sorted(upcoming, key=lambda f: f["start_time"])[:3]
    lines = [message]
    if upcoming:
        lines.append(t("nearest", turn.language))
        lines += [turn.fixture_line(f) for f in upcoming]
        first = upcoming[0]
        team = turn.slots.teams[0] if turn.slots.teams else first["home"]
        return "\n".join(lines), suggestions("schedule", turn.language, match=f"{first['home']} vs {first['away']}",
                                             team=team)
    return "\n".join(lines), suggestions("generic", turn.language)


def side_of(fixture: dict, team: str | None) -> str | None:
    if not team:
        return None
    key = team.casefold()
    if key == fixture["home"].casefold():
        return "home"
    if key == fixture["away"].casefold():
        return "away"
    return None
