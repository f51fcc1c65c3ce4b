"""A model's single-team tool call on a name several clubs share: asked about, never answered for its guess.

Why: the offline engine asks "which Madrid?" before it looks anything up (handlers/common.ask_which_club), and a
model's accumulator leg is asked about by `bet_choice.club_choices`; a model's `get_odds(team="Madrid")`, or its
`team="Real Madrid"` when the user only said "Madrid", went straight to the first catalogue reading. Here the user's
own words decide: the shared name they used (or the model passed) and the rest of what the call says (the opponent,
the competition, the sport) narrow the clubs; more than one left is a question back, in the user's language.
"""

from __future__ import annotations

from datetime import timedelta

from chatbet_project.errors import ChatBetError
from sports.services.fixtures import find_fixtures, get_fixture

from .answer import t
from .formatting import either
from .nlu import extract_entities
from .nlu.names import get_index
from .nlu.text import name_key
from .nlu.written import written_choice
from .tool_support import resolve_team

# For the model, when the team it passed is a name several catalogue clubs answer to.
ASK_CLUB_ODDS = ("Nothing was looked up: that name fits more than one club. Ask the user which club they mean (the "
                 "message says it, in their language); never choose one for them.")


def _candidates(ctx, team: str) -> tuple[str, list[str]] | None:
    """(the name as the user or model said it, the clubs it can mean) when `team` is, or stands for, a shared name."""
    choices = get_index().choices.get(name_key(team), ())
    if len(choices) > 1:
        return team, list(choices)
    message = getattr(ctx, "message", "") or ""
    if not message:
        return None
    entities, _, _ = extract_entities(message, now=ctx.now, timezone=getattr(ctx, "timezone", None) or "UTC",
                                      language_hint=getattr(ctx, "language", None))
    resolved = resolve_team(team)
    for picked, candidates in entities.team_choices.items():
        if len(candidates) > 1 and (resolved in candidates or team in candidates) and picked in entities.teams:
            return written_choice(message, picked), list(candidates)
    return None


def shared_club_question(ctx, *, team: str | None, opponent: str | None = None, tournament: str | None = None,
                         sport_id: str | None = None) -> dict | None:
    """The tool result asking which club, when `team` is a shared name the call does not settle; None otherwise. Only
    a model's calls come here (llm/toolbox.py): the offline engine settled or asked before calling."""
    if not team:
        return None
    found = _candidates(ctx, team)
    if found is None:
        return None
    return _which_club(ctx, *found, opponent=opponent, tournament=tournament, sport_id=sport_id)


def _which_club(ctx, written: str, candidates: list[str], *, opponent: str | None, tournament: str | None,
                sport_id: str | None = None) -> dict | None:
    """The question for a shared name (`written`, meaning one of `candidates`), unless the opponent, competition or
    sport the call names leave one club with a match."""
    scope = {"date_from": ctx.now - timedelta(hours=3), "tournament": tournament or None,
             "sport_id": str(sport_id) if sport_id not in (None, "") else None, "limit": 20}
    against = {f.id for f in find_fixtures(team=resolve_team(opponent), **scope)} if opponent else None
    fitting = [club for club in candidates
               if (ids := {f.id for f in find_fixtures(team=club, **scope)}) and (against is None or ids & against)]
    if len(fitting) == 1:
        return None
    language = getattr(ctx, "language", "en")
    names = either((fitting or candidates)[:5], language)
    return {"error": "team_ambiguous", "message": t("which_club", language, text=written, names=names),
            "ask_user": ASK_CLUB_ODDS}


def shared_club_for_fixture(ctx, *, fixture_id) -> dict | None:
    """The same question when a model acts on a match it picked by id (after `find_fixtures(team="Madrid")`, say) for
    a message that names a shared club the message does not settle, and the match is one of that name's clubs': the
    model chose the club, the user did not. None when the message settles it (the opponent, the competition) or names
    no shared club, or the match is none of them."""
    message = getattr(ctx, "message", "") or ""
    if not message or fixture_id in (None, ""):
        return None
    entities, _, _ = extract_entities(message, now=ctx.now, timezone=getattr(ctx, "timezone", None) or "UTC",
                                      language_hint=getattr(ctx, "language", None))
    shared = [(picked, candidates) for picked, candidates in entities.team_choices.items()
              if len(candidates) > 1 and picked in entities.teams]
    if not shared:
        return None
    try:
        fixture = get_fixture(fixture_id=str(fixture_id))
    except ChatBetError:
        return None  # the tool itself says the match is unknown
    playing = {fixture.home.name, fixture.away.name}
    for picked, candidates in shared:
        if not playing & set(candidates):
            continue
        others = [team for team in entities.teams if team != picked]
        asked = _which_club(ctx, written_choice(message, picked), list(candidates),
                            opponent=others[0] if others else None, tournament=entities.tournament)
        if asked is not None:
            return asked
    return None
