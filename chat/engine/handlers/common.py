"""Shared by the handlers: which fixture a turn means, and what to say when there is none."""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbet_project.errors import ChatBetError
from sports.aliases import TEAM_ALIASES
from sports.nicknames import DERBY_NICKNAMES
from sports.text import match_key, name_key

from .. import match_asked, names_asked, sport_markets
from ..answer import suggestions, t
from ..formatting import fmt_range, has_draw
from ..nlu.written import written_choice
from ..tool_support import fixture_services
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


def fixture_filters(turn: Turn, args: dict) -> dict:
    """`args` (a team, maybe an opponent) with the tournament and sport this message named: "Leverkusen in the
    Champions League" is never their league match. A fixture id is already one match."""
    if "fixture_id" in args or turn.slots_from_memory:
        return args
    slots = turn.slots
    return {**args, **({"tournament": slots.tournament} if slots.tournament else {}),
            **({"sport_id": slots.sport_id} if slots.sport_id else {})}


def only_match_in_window(turn: Turn) -> dict | None:
    """"today's Serie A game", "the NBA game tonight": the one match of the competition (or sport) in the window said,
    or None when there is none or several (then which one is asked)."""
    slots = turn.slots
    if slots.teams or not slots.date_from or not (slots.tournament or slots.sport_id):
        return None
    found = turn.tool("find_fixtures", tournament=slots.tournament, sport_id=slots.sport_id, date_from=slots.date_from,
                      date_to=slots.date_to, limit=2).get("fixtures") or []
    return found[0] if len(found) == 1 else None


def ask_which_match(turn: Turn) -> tuple[str, list[str]]:
    """No match said: ask which, with a few of the competition's matches when one was named ("odds in the Premier
    League"), and plainly "not covered" for a competition we don't have ("cuotas de la liga mx")."""
    slots = turn.slots
    window = {"date_from": slots.date_from, "date_to": slots.date_to} if slots.date_from else {}
    # the draw asked about ("10 on the draw"): only matches that can end in one (never tennis), a few more looked at
    draw = slots.selection == "draw" and slots.market in (None, "1x2")
    limit = 12 if draw else 3
    found = turn.tool("find_fixtures", limit=limit, tournament=slots.tournament, **window)  # that day's, when said
    if window and not found.get("fixtures") and not found.get("unknown_tournament"):
        found = turn.tool("find_fixtures", limit=limit, tournament=slots.tournament)
    if found.get("unknown_tournament"):
        return tournament_not_covered(turn, found)
    upcoming = [f for f in found.get("fixtures") or [] if not draw or has_draw(f.get("sport_id"))][:3]
    match_asked.keep(turn, upcoming)  # "the second one" next continues this request (its stake) on that match
    lines = [t("which_match", turn.language), *(turn.fixture_line(f) for f in upcoming)]
    if match_asked.ASKED in turn.context:  # a tap on a match picks it: the request kept (stake, side) goes on
        actions = [f"{f['home']} vs {f['away']}" for f in upcoming]
    else:
        actions = [suggestions("schedule", turn.language, match=f"{f['home']} vs {f['away']}", team=f["home"])[0]
                   for f in upcoming]
    return "\n".join(lines), (actions or suggestions("generic", turn.language))[:4] if len(actions) >= 2 \
        else suggestions("generic", turn.language)


def ask_which_of(turn: Turn, team: str, fixtures: list[dict], *, sided: bool = True) -> tuple[str, list[str]]:
    """`team` has more than one match in the window said ("odds for Zverev this weekend", "10 on Rublev on the
    weekend"): which one, each listed (up to five) and a tap away, the request kept for the reply that picks one
    (`match_asked`; `sided`: a stake on the team itself, not on its match as a whole). Never one priced on a guess,
    nor all of them in place of an answer."""
    shown = fixtures[:5]
    match_asked.keep(turn, shown, team=team, sided=sided)
    lines = [t("bet_which_fixture", turn.language, team=team), *map(turn.fixture_line, shown)]
    return "\n".join(lines), [f"{f['home']} vs {f['away']}" for f in shown[:4]]


def no_market(fixture: dict, market: str, language: str) -> tuple[str, list[str]]:
    """A market this match does not have (its sport may): which of the others, nothing priced in its place."""
    match = f"{fixture['home']} vs {fixture['away']}"
    asked = sport_markets.no_market_question(fixture.get("sport_id"), market=market, match=match, language=language)
    return asked or (t("no_market", language, match=match), suggestions("generic", language))


def tournament_not_covered(turn: Turn, result: dict) -> tuple[str, list[str]]:
    """"I don't have Liga MX matches", then the competitions we cover (a find_fixtures result that says so)."""
    language = turn.language
    names = [item["name"] for item in result.get("tournaments") or []]
    text = t("unknown_tournament", language, tournament=turn.slots.tournament, names=", ".join(names))
    actions = [t("more_in", language, tournament=name) for name in names[:2]]
    return text, (actions + suggestions("generic", language))[:3]


def no_fixture(turn: Turn, result: dict) -> tuple[str, list[str]]:
    """No match for that team: say so (in the user's language), and offer the nearest fixtures."""
    language = turn.language
    if result.get("error") not in ("not_found", "fixture_not_found"):
        return tool_failure(result, language), suggestions("generic", language)
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


def fixtures_in_window(turn: Turn, team: str, opponent: str | None = None) -> list[dict]:
    """The team's fixtures (against `opponent` when given) within the date window this message said, in the
    competition and sport it named."""
    slots = turn.slots
    scope = {key: value for key, value in (("tournament", slots.tournament), ("sport_id", slots.sport_id)) if value}
    found = turn.tool("find_fixtures", team=team, date_from=slots.date_from, date_to=slots.date_to, limit=20, **scope)
    fixtures = found.get("fixtures") or []
    if opponent:
        wanted = opponent.casefold()
        fixtures = [f for f in fixtures if wanted in (f["home"].casefold(), f["away"].casefold())]
    return fixtures


def no_match_in_window(turn: Turn, team: str, opponent: str | None = None) -> tuple[str, list[str]]:
    """Nothing on the date said ("Bucks on the 15th", "Flamengo x Palmeiras"): say so, then the nearest
    matches of the teams asked about (any date), never another day's match presented as the one asked."""
    language = turn.language
    when = fmt_range(turn.slots.date_from, turn.slots.date_to, tz=turn.tz, language=language)
    if opponent:
        lines = [t("no_such_match", language, match=f"{team} vs {opponent}", when=when)]
    else:
        lines = [t("no_match_then", language, team=team, when=when)]
    upcoming: list[dict] = []
    for name in (team, opponent) if opponent else (team,):
        for fixture in turn.tool("find_fixtures", team=name, limit=2).get("fixtures") or []:
            if fixture["id"] not in {f["id"] for f in upcoming}:
                upcoming.append(fixture)
    upcoming.sort(key=lambda f: f["start_time"])
    if not upcoming:
        lines.append(t("no_alternatives", language))
        return "\n".join(lines), suggestions("generic", language)
    lines += [t("nearest", language), *(turn.fixture_line(f) for f in upcoming)]
    if turn.intent in match_asked.KEPT_INTENTS and not opponent:
        # a price or a stake asked of that day: which of these, the request kept ("the Saturday one then" goes on)
        match_asked.keep(turn, upcoming, team=team)
        lines.append(t("nearest_which", language))
    first = upcoming[0]
    turn.remember_fixture(first)
    return "\n".join(lines), suggestions("schedule", language, match=f"{first['home']} vs {first['away']}", team=team)


# Two names joined as a match ("Flamengo x Palmeiras", "Arsenal vs Napoli", "Betis contra el Sevilla") or as
# a list ("Flamengo y Palmeiras", "Barcelona and Real Madrid", "do Flamengo e do Palmeiras").
_AS_MATCH = re.compile(r"(?:^|\s)(?:vs?\.?|x|versus|against|contra|[-–—])(?:\s|$)|\bagainst\b|\bcontra\b", re.I)
_AS_LIST = re.compile(r"\s(?:and|y|e|&|plus|also|tambien|también|tambem|também)\s", re.I)


def for_each_team(turn: Turn, teams: list[str], answer: Callable[[Turn], tuple[str, list[str]]]
                  ) -> tuple[str, list[str]]:
    """`answer` for each team on its own, one after the other ("odds for Barcelona and Real Madrid"); the
    suggestions of the first answer that has any."""
    parts, actions = [], []
    for team in teams:
        turn.slots.teams = [team]
        text, suggested = answer(turn)
        parts.append(text)
        actions = actions or suggested
    turn.slots.teams = teams
    return "\n\n".join(parts), actions


def named_as_a_match(turn: Turn) -> bool:
    """The message names two teams as one match: joined as a match ("Arsenal vs Spurs") or by their derby's name
    ("the north london derby", "o gre-nal"), not as a list nor from memory."""
    if len(turn.slots.teams) != 2 or turn.slots_from_memory or two_teams_listed(turn):
        return False
    said = f" {name_key(turn.ctx.message)} "
    return bool(_AS_MATCH.search(turn.ctx.message)) or any(
        f" {name_key(nickname)} " in said for nicknames in DERBY_NICKNAMES.values() for nickname in nicknames)


def two_teams_listed(turn: Turn) -> bool:
    """The message names two teams as a list, not as one match: each gets its own answer."""
    message = turn.ctx.message
    return len(turn.slots.teams) == 2 and not turn.slots_from_memory and (
        turn.listed or (bool(_AS_LIST.search(message)) and not _AS_MATCH.search(message)))


# Tool errors whose message is already a sentence meant for the user (in their language); any other error's
# message is a tool's validation detail ("selection: away is not offered in double_chance (...)") and is never shown.
_USER_SENTENCE_ERRORS = frozenset({"login_required", "no_chatbet_account", "odds_suspended", "upstream_unavailable",
                                   "tool_failed"})


def tool_failure(result: dict, language: str) -> str:
    """What the user reads when a tool said no: a sentence in their language, never a tool's internal text."""
    code = result.get("error")
    # the schema's refusal of a value the user gave ("cuota: debe ser al menos 1.01") names the field in their words
    said_by_user = code == "invalid_argument" and result.get("field") in ("odds", "stake")
    if (code in _USER_SENTENCE_ERRORS or said_by_user) and result.get("message"):
        return t("tool_error", language, message=result["message"])
    if code in ("market_unavailable", "selection_unavailable"):
        return t("selection_not_offered", language)
    return t("tool_failed", language)


def side_of(fixture: dict, team: str | None) -> str | None:
    """"home" or "away": the side of `fixture` (a tool's fixture dict, named in the user's language) that `team`
    names by any of its catalogue names, translations ("Bayern Múnich") and aliases included. None when it names
    neither side, or both ("Madrid" in Real Madrid vs Atlético Madrid: never a guess)."""
    if not team:
        return None
    key = name_key(team)
    keys = {key, name_key(TEAM_ALIASES.get(match_key(team), ""))} - {""}
    shown = [side for side in ("home", "away") if name_key(fixture[side]) == key]
    if len(shown) == 1:
        return shown[0]
    try:
        found = fixture_services().get_fixture(fixture_id=str(fixture["id"]))
    except (ChatBetError, KeyError):
        return None
    clubs = (("home", found.home), ("away", found.away))
    names = {side: {name_key(name) for name in (club.name, *club.names.values())} for side, club in clubs}
    if all(any(f" {key} " in f" {name} " for name in names[side]) for side in names):
        return None  # a word of both clubs' names
    sides = [side for side in names if keys & names[side]]
    return sides[0] if len(sides) == 1 else None


SIDELESS_MARKETS = ("over_under", "btts")  # markets whose selections are no team's side: one is never "home"


def selection_of(fixture: dict, *, market: str, team: str | None, negated: bool = False) -> str | None:
    """The selection key for "<team> to win" in `market`: home/away for a result market; for double chance the
    team or the draw ("Napoli won't lose" -> Napoli's side or draw) and, negated ("Arsenal won't win"), the other
    team or the draw. None when the team does not play in that fixture."""
    side = side_of(fixture, team)
    if side is None:
        return None
    if market == "double_chance":
        if negated:
            side = "away" if side == "home" else "home"
        return f"{side}_or_draw"
    return None if negated else side


def settle_team_choices(turn: Turn, *, meeting: bool = True) -> list[str] | None:
    """A nickname several teams answer to ("Spurs", "Madrid"): keep the one the rest of the message decides (the
    opponent, the tournament, the sport, the date said) in the slots. Returns the candidates still open (the
    first such name), or None when every name is settled. `meeting`: the teams named play each other (odds of
    "Madrid vs Barcelona"); a comparison or a tip names sides that need not meet, so the other side decides nothing."""
    slots = turn.slots
    if turn.slots_from_memory:
        return None
    focus = set(turn.context.get("fixture_teams") or [])
    # The match in focus decides only for its own club ("and Madrid's next game?" after asking about Madrid–Betis),
    # never for the opponent of the club just asked about: "cuotas del barcelona" then "y del madrid?" names another
    # club than Barcelona's opponent Atlético Madrid, whose odds were just shown (asked which Madrid); "¿y si apuesto 10
    # al Madrid?" there stakes on a side of that match: Atlético Madrid.
    asked_about = turn.context.get("focus_team")
    for picked, candidates in list(slots.team_choices.items())[:2]:
        if picked not in slots.teams[:2]:
            continue
        others = [team for team in slots.teams[:2] if team != picked] if meeting else []
        in_focus = [] if real_money(turn) else [name for name in candidates if name in focus]  # "and Madrid's next
        # game?" after Madrid–Betis (a real bet: never the match in focus, `fitting_teams`)
        if len(in_focus) == 1 and asked_about in focus and in_focus[0] != asked_about \
                and turn.intent not in names_asked.ON_A_SIDE:  # a stake on a side of it: that side, either one
            in_focus = []  # only the opponent of the club just asked about: another club is meant, or asked
        fitting = in_focus if len(in_focus) == 1 else fitting_teams(turn, candidates, others=others)
        if len(fitting) != 1:
            return fitting or candidates
        slots.teams = [fitting[0] if team == picked else team for team in slots.teams]
        if slots.selection_team == picked:
            slots.selection_team = fitting[0]
    return None


def ask_which_club(turn: Turn, *, meeting: bool = True) -> tuple[str, list[str]] | None:
    """"odds for Madrid", "cuotas del Real", "the spurs game": a name several clubs are called by that nothing else
    said decides (the opponent, competition, sport or day said, the match in focus). Ask which, the candidates as
    suggestions (`names_asked`: the reply, "Atlético", "the NBA one", "the second", continues this request); never
    one of them on a guess. None when every name is settled (the slots then hold the club that fits)."""
    unsettled = settle_team_choices(turn, meeting=meeting)
    slots = turn.slots
    picked = next((name for name, candidates in slots.team_choices.items()
                   if name in slots.teams[:2] and set(unsettled or ()) <= set(candidates)), None)
    if not unsettled or len(unsettled) < 2 or picked is None:
        return None
    others = [team for team in slots.teams[:2] if team != picked]
    names_asked.ask_which(turn, written_choice(turn.ctx.message, picked), list(unsettled), others=others,
                          listed=two_teams_listed(turn))
    return names_asked.answer(turn)


def real_money(turn: Turn) -> bool:
    """The turn prepares a real bet (a slip to confirm), not a simulation or a question."""
    return bool(turn.slots.wants_real_bet or turn.real_bet or turn.intent == "place_bet")


def fitting_teams(turn: Turn, candidates, *, others: list[str]) -> list[str]:
    """The clubs a shared name could mean ("Madrid") that have a match fitting what else was said. A real bet never
    rests on a shared name: only the match the user named (its opponent) settles it; the day, competition or sport
    said do not ("10 on Madrid to win on Sunday" is asked, never Atlético because only it plays on Sunday)."""
    if real_money(turn) and not others:
        return list(candidates)
    return [name for name in candidates if _plays_here(turn, name, others)]


def _plays_here(turn: Turn, team: str, others: list[str]) -> bool:
    """Whether `team` has a match that fits what else the message said (opponent, tournament, sport, date)."""
    slots = turn.slots
    window = {"date_from": slots.date_from, "date_to": slots.date_to}
    filters = {"tournament": slots.tournament, "sport_id": slots.sport_id}
    if others:
        found = turn.tool("find_fixtures", team=team, limit=20, **window, **filters).get("fixtures") or []
        against = turn.tool("find_fixtures", team=others[0], limit=20, **window, **filters).get("fixtures") or []
        return bool({f["id"] for f in found} & {f["id"] for f in against})
    return bool(turn.tool("find_fixtures", team=team, limit=1, **window, **filters).get("fixtures"))
