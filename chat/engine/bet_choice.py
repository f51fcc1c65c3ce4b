"""Which match a real bet is on, from the user's words: the chat's half of `betting.services.fixture_choice`.

The betting service owns the rule (a match the user's words did not determine is never bet on); the chat only
says what the words were: `stated_of` turns this turn (the offline engine's resolved slots, or for a model's call
the message and the question it answers) into the service's `Stated`; `pick_choice` reads which of the matches
listed for a real bet an answer picks ("the second one", "el del Leeds", "o de sábado"); `ambiguous_frame` keeps
that list for the next turn when the service asked which.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from betting.errors import BettingRefusal
from betting.services.fixture_choice import FixtureAmbiguous, Stated, StatedLeg
from sports.services.fixtures import find_fixtures

from .answer import t
from .combo import combo_legs
from .formatting import either
from .nlu import understand
from .nlu.markets import WIN_WORDS
from .nlu.text import fold
from .slots import slots_from

# "the second one", "el segundo", "o último": a place in the last list shown (matched on folded text).
ORDINAL_WORDS = {
    "first": 1, "1st": 1, "primero": 1, "primera": 1, "primer": 1, "primeiro": 1, "primeira": 1,
    "second": 2, "2nd": 2, "segundo": 2, "segunda": 2,
    "third": 3, "3rd": 3, "tercero": 3, "tercera": 3, "tercer": 3, "terceiro": 3, "terceira": 3,
    "fourth": 4, "4th": 4, "cuarto": 4, "cuarta": 4, "quarto": 4, "quarta": 4,
    "fifth": 5, "5th": 5, "quinto": 5, "quinta": 5,
    "last": -1, "ultimo": -1, "ultima": -1,
    "penultimate": -2, "penultimo": -2, "penultima": -2,
}
ORDINAL = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b(?![-\w])(?!\s+(?:half|tiempo|tempo|set|sets|goal|"
                     r"goals|gol|goles|gols|time|vez|division|divisao|round|ronda|rodada|bet|apuesta|aposta))")
# "to win", "que gane", "pra vencer": the answer to which market, naming no team (matched on folded text).
WIN_ALONE = re.compile(rf"^\W*(?:(?:to|the|a|que|la|el|na|o|pra|para|it|he|they)\W+){{0,2}}{WIN_WORDS}\W*$")
PT_WEEKDAY = re.compile(r"\b(?:de|na|nesta|esta|essa|proxima|ate|para|toda)\s+(?:segunda|terca|quarta|quinta|sexta)$")


# "the middle one", "o do meio", "el del medio": the middle of the list shown (one only when the list is odd). The noun
# is said ("the middle" alone is the whole message), and no "of"/"de" follows it: "the middle of the game", "o do meio
# de campo" and "el del medio de la tabla" are the middle of something else, no place in the list.
_MIDDLE = re.compile(r"\b(?:(?:the )?middle (?:one|match|game)|(?:o|a|jogo|partida) do meio"
                     r"|(?:el|la|partido|juego) (?:del|de en) medio)\b(?!\s+(?:of|de|da|do|del|das|dos)\b)"
                     r"|^\W*(?:(?:and|e|y) )?(?:the )?middle\W*$")


def middle_of(text: str, count: int) -> int | None:
    """The place "the middle one" names in a list of `count` (2 of 3), 0 when it names none (an even list), None when
    the folded message does not say it."""
    if not _MIDDLE.search(text):
        return None
    return count // 2 + 1 if count % 2 and count >= 3 else 0


def ordinal_of(text: str) -> int | None:
    """The place a folded message names ("the second one": 2, "el último": -1), or None."""
    found = ORDINAL.search(text)
    if found is None or PT_WEEKDAY.search(text[: found.end()]):  # "jogos de segunda": Monday, not the second
        return None
    return ORDINAL_WORDS[found.group(1)]


def wins_alone(message: str, *, teams: list[str]) -> str | None:
    """The team an answer like "to win" / "que gane" backs: the bet's one team (`teams`), else None."""
    return teams[0] if len(teams) == 1 and WIN_ALONE.match(fold(message)) else None


def choice_item(fixture, language: str) -> dict:
    """A match listed for the user to choose from, as the dialogue frame keeps it."""
    sides = [fixture.home, fixture.away]
    return {"id": fixture.id, "home": fixture.home.name_in(language), "away": fixture.away.name_in(language),
            "sides": [name for side in sides for name in (side.name, *side.names.values())],
            "start_time": fixture.start_time.isoformat()}


def moment(value) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def pick_choice(message: str, *, teams: list[str], date_from, date_to, choices: list[dict], own: list[str],
                tz: str = "UTC", tournament: str | None = None) -> tuple[bool, dict | None]:
    """(referred, choice): whether the message refers to one of the matches listed for a real bet, and the one
    it determines (None when it refers but does not determine one: the list is shown again, nothing guessed).

    A place in the list ("the second one"), a team that plays in only one of them ("the Leeds one"; the bet's own
    team, `own`, picks nothing), the competition of only one of them ("o da Champions", where the list says its
    competition), or a day ("the one on Saturday": in the window said, else the same weekday)."""
    words = len(message.split())
    if words > 6 or (words > 3 and "?" in message):  # an answer picking from a list is short, not a new question
        return False, None
    number = ordinal_of(fold(message))
    if number is not None:
        if number > len(choices):
            return True, None
        return True, choices[number - 1 if number > 0 else -1]
    owned = {name.casefold() for name in own}
    other = [team.casefold() for team in teams if team.casefold() not in owned]
    if other:
        hits = [c for c in choices if all(team in {s.casefold() for s in c.get("sides") or []} for team in other)]
        return True, hits[0] if len(hits) == 1 else None
    if tournament and any(c.get("tournament") for c in choices):
        hits = [c for c in choices if (c.get("tournament") or "").casefold() == tournament.casefold()]
        return True, hits[0] if len(hits) == 1 else None
    if date_from is None and date_to is None:
        return False, None
    inside = on_the_day(choices, date_from=date_from, date_to=date_to, tz=tz)
    return True, inside[0] if len(inside) == 1 else None


def on_the_day(choices: list[dict], *, date_from, date_to, tz: str = "UTC") -> list[dict]:
    """The listed matches a day said refers to: those in its window, else (one day said) those on the same weekday
    ("the one on Saturday" when the list's Saturday is next week's). Empty: the day is a new one, not the list's."""
    start, end = moment(date_from), moment(date_to)
    inside = [c for c in choices if (start is None or moment(c["start_time"]) >= start)
              and (end is None or moment(c["start_time"]) < end)]
    if not inside and start is not None and (end is None or end - start <= timedelta(days=1)):
        zone = ZoneInfo(tz)
        inside = [c for c in choices if moment(c["start_time"]).astimezone(zone).weekday()
                  == start.astimezone(zone).weekday()]
    return inside


LEG_FIELDS = ("team", "fixture_id", "market", "selection", "selection_team", "selection_negated")


def stated_dict(*, teams, date_from, date_to, chosen, stake=None, currency=None, market=None, selection=None,
                selection_team=None, selection_negated=False, tournament=None, sport_id=None,
                legs: list[dict] | None = None) -> dict:
    """What the words said of a real bet, as the turn's metadata and the dialogue frame keep it (`legs`: an
    accumulator's, each `{team, fixture_id, market, selection, selection_team, selection_negated}`)."""
    return {"teams": [team for team in teams if team], "date_from": date_from, "date_to": date_to,
            "chosen": [str(fixture_id) for fixture_id in chosen if fixture_id],
            "stake": str(stake) if stake is not None else None, "currency": currency, "market": market,
            "selection": selection, "selection_team": selection_team, "selection_negated": bool(selection_negated),
            "tournament": tournament, "sport_id": sport_id,
            "legs": [{name: leg.get(name) for name in LEG_FIELDS} for leg in legs or []]}


def legs_said(ctx, **scope) -> list[dict]:
    """An accumulator's legs as this message says them ("combo: 10 on Real Madrid to win and Arsenal or draw"):
    each leg's team and, when the words determine them, its market and selection (`combo.combo_legs`). A name
    several clubs share is the one club that fits the rest of the words (`scope`: the window, competition and sport
    said), else the first catalogue reading, which `club_choices` asks about before anything is proposed."""
    legs = []
    for leg in _legs_of(ctx):
        club = _clubs_fitting(ctx, leg, **scope)
        team = club[0] if len(club) == 1 else leg.team
        backed = team if leg.selection_team and leg.selection_team == leg.team else leg.selection_team
        legs.append({"team": team, "market": leg.market, "selection": leg.selection, "selection_team": backed,
                     "selection_negated": leg.selection_negated})
    return legs


def club_choices(ctx, stated: Stated) -> list[str] | None:
    """The clubs an accumulator leg's shared name ("Madrid", "Spurs", "City") could mean when the rest of the words
    (the leg's opponent, the competition, sport and day said) do not settle it; None when every leg's club is said.
    Real money never goes on the club a model chose for the user."""
    scope = {"date_from": stated.date_from, "date_to": stated.date_to, "tournament": stated.tournament,
             "sport_id": stated.sport_id}
    for leg in _legs_of(ctx):
        fitting = _clubs_fitting(ctx, leg, **scope)
        if len(fitting) > 1:
            return fitting
    return None


def _legs_of(ctx) -> list:
    return combo_legs(ctx.message, now=ctx.now, timezone=getattr(ctx, "timezone", None) or "UTC",
                      language=getattr(ctx, "language", "en"))


def _clubs_fitting(ctx, leg, *, date_from=None, date_to=None, tournament=None, sport_id=None) -> list[str]:
    """The clubs a leg's shared name could mean that have a match fitting the words (against the leg's opponent,
    in the window, competition and sport said); every candidate when none fits. [] for a name of one club."""
    if len(leg.team_choices) < 2:
        return []
    start = moment(date_from) or ctx.now - timedelta(hours=3)
    scope = {"date_from": start, "date_to": moment(date_to), "tournament": tournament or None,
             "sport_id": sport_id or None, "limit": 20}
    against = {f.id for f in find_fixtures(team=leg.opponent, **scope)} if leg.opponent else None
    fitting = [club for club in leg.team_choices
               if (ids := {f.id for f in find_fixtures(team=club, **scope)}) and (against is None or ids & against)]
    return fitting or list(leg.team_choices)


def stated_of(ctx, *, shown: dict | None = None, combo: bool = False) -> Stated:
    """What the user said about the match of the bet this turn proposes. The offline engine resolved it already
    (`metadata["bet_stated"]`); for a model's call, this message's own words and the real-bet question it may
    answer (the frame's `real_bet`): a model's choice is held to the same words as the offline engine's.
    `shown`: the slip waiting for a yes, proposed again as it is ("ok" is not the exact phrase): the stake and pick
    it was proposed with were said then, and hold where this message says none. `combo`: the call is an
    accumulator, whose legs the words must say too."""
    given = (getattr(ctx, "metadata", None) or {}).get("bet_stated")
    if given is None:
        given = _stated_by_message(ctx, combo=combo)
    if shown:
        given = {**given, "stake": given.get("stake") or shown.get("stake"),
                 "market": given.get("market") or shown.get("market"),
                 "selection": given.get("selection") or shown.get("selection")}
    memory = getattr(ctx, "memory", None)
    waiting = shown or (memory.context.get("pending_bet") if memory is not None else None) or {}
    if combo and not given.get("legs") and len(waiting.get("legs") or []) > 1:  # "make it 12": the legs of the slip
        given = {**given, "legs": [{"fixture_id": leg.get("fixture_id"), "market": leg.get("market"),  # waiting for
                                    "selection": leg.get("selection")} for leg in waiting["legs"]]}  # a yes were said
    return Stated(teams=tuple(given["teams"]), date_from=moment(given["date_from"]), date_to=moment(given["date_to"]),
                  chosen=tuple(given["chosen"]), stake=Decimal(given["stake"]) if given.get("stake") else None,
                  currency=given.get("currency"), market=given.get("market"), selection=given.get("selection"),
                  selection_team=given.get("selection_team"),
                  selection_negated=bool(given.get("selection_negated")), tournament=given.get("tournament"),
                  sport_id=given.get("sport_id"),
                  legs=tuple(StatedLeg(**{name: leg.get(name) for name in LEG_FIELDS if leg.get(name) is not None})
                             for leg in given.get("legs") or []))


def _stated_by_message(ctx, *, combo: bool = False) -> dict:
    tz = getattr(ctx, "timezone", None) or "UTC"
    understanding = understand(ctx.message, now=ctx.now, timezone=tz, language_hint=getattr(ctx, "language", "en"))
    slots = slots_from(understanding.entities)
    memory = getattr(ctx, "memory", None)
    real = (memory.context.get("real_bet") if memory is not None else None) or {}
    teams, date_from, date_to, chosen = list(slots.teams), slots.date_from, slots.date_to, []
    if real.get("choices"):
        referred, choice = pick_choice(ctx.message, teams=teams, date_from=date_from, date_to=date_to,
                                       choices=real["choices"], own=real.get("teams") or [], tz=tz)
        if referred:
            teams, date_from, date_to = [], None, None
            chosen = [choice["id"]] if choice else []
    terms = {"stake": slots.amount, "currency": slots.currency, "market": slots.market,
             "selection": slots.selection, "selection_team": slots.selection_team,
             "selection_negated": slots.selection_negated}
    if real and not (slots.teams or slots.market or slots.selection):  # "to win": the bet's one team wins
        team = wins_alone(ctx.message, teams=list(real.get("teams") or []))
        if team:
            terms.update(market="1x2", selection_team=team)
    if real:  # the question this message answers: what was said before it still holds
        teams = teams or list(real.get("teams") or [])
        if not (date_from or date_to):
            date_from, date_to = real.get("date_from"), real.get("date_to")
        chosen += [real["fixture_id"]] if real.get("fixture_id") else []
        if terms["stake"] is None:
            terms["stake"], terms["currency"] = real.get("amount"), terms["currency"] or real.get("currency")
        if not (terms["market"] or terms["selection"] or terms["selection_team"]):
            terms.update(market=real.get("market"), selection=real.get("selection"),
                         selection_team=real.get("selection_team"),
                         selection_negated=bool(real.get("selection_negated")))
    scope = {"date_from": date_from, "date_to": date_to, "tournament": slots.tournament or real.get("tournament"),
             "sport_id": slots.sport_id or real.get("sport_id")}
    legs = legs_said(ctx, **scope) if combo else []
    if not legs and not slots.teams:  # the answer to a question about an accumulator: its legs as said before
        legs = list(real.get("legs") or [])  # (a single on one of its matches is not what was said)
    return stated_dict(teams=teams, date_from=date_from, date_to=date_to, chosen=chosen,
                       tournament=slots.tournament or real.get("tournament"),
                       sport_id=slots.sport_id or real.get("sport_id"), legs=legs, **terms)


# For the model, beside the user's sentence, when the user's words left the stake or the pick of a real bet unsaid.
ASK_USER = ("Nothing was proposed: the user has not said this. Ask them for it in their language (the message says "
            "it); never choose a stake, market or selection for them, and call place_bet again only with what they "
            "answer.")


def ask_for_terms(ctx, refusal: BettingRefusal, stated: Stated) -> dict:
    """The tool result when the service asked for a stake or pick the words did not say (`TERMS_MISSING`): the
    user's sentence, what the model must do, and the frame that lets the answer continue this bet."""
    asked_frame(ctx, stated)
    return {"error": refusal.code, "message": str(refusal), "ask_user": ASK_USER}


# For the model, when an accumulator leg names a club several catalogue clubs answer to ("Madrid").
ASK_CLUB = ("Nothing was proposed: that name fits more than one club. Ask the user which club they mean (the message "
            "says it, in their language); never choose one for them.")


def ask_which_club(ctx, clubs: list[str], stated: Stated) -> dict:
    """The tool result when a leg's club is a shared name the words do not settle: the question in the user's
    language (the clubs it could be), and what the model must do."""
    language = getattr(ctx, "language", "en")
    names = either(clubs[:5], language)
    asked_frame(ctx, stated)
    return {"error": "team_ambiguous", "message": t("combo_which_team", language, names=names), "ask_user": ASK_CLUB}


def ambiguous_frame(ctx, refusal: FixtureAmbiguous, stated: Stated, *, language: str) -> None:
    """Keep the matches the service asked about (`metadata["real_bet"]`) so the next answer ("the second one")
    continues this real bet on the one picked, with what the user's words already said (never a model's guess)."""
    others = [team for team in stated.teams if team != refusal.team] if len(stated.legs) > 1 else []
    asked_frame(ctx, stated, teams=[refusal.team, *others],  # an accumulator's other legs still hold their clubs
                choices=[choice_item(f, language) for f in refusal.choices])


def asked_frame(ctx, stated: Stated, *, teams: list[str] | None = None, choices: list[dict] | None = None) -> None:
    """Keep what the user's words said of the real bet the service asked about (`metadata["real_bet"]`, for one
    turn): the answer ("20 dollars", "to win", "the second one") continues that bet with it, never a model's guess.
    Without a list to choose from, the match the user already picked (`stated.chosen`) stays picked."""
    ctx.metadata["real_bet"] = {
        "teams": list(stated.teams) if teams is None else teams, "selection_team": stated.selection_team,
        "selection_negated": stated.selection_negated, "market": stated.market, "selection": stated.selection,
        "line": None, "legs": [{name: getattr(leg, name) for name in LEG_FIELDS} for leg in stated.legs],
        "date_from": stated.date_from.isoformat() if stated.date_from else None,
        "date_to": stated.date_to.isoformat() if stated.date_to else None,
        "amount": str(stated.stake) if stated.stake is not None else None, "currency": stated.currency,
        "amount_ambiguous": False, "tournament": stated.tournament, "sport_id": stated.sport_id,
        "fixture_id": None if choices or not stated.chosen else stated.chosen[0],
        "choices": choices or []}
