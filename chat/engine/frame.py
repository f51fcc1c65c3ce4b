"""Follow-ups: what a message leaves out, filled from the conversation's context (what a turn leaves for the next one
is `frame_memory.py`)."""

from __future__ import annotations

import re
from decimal import Decimal

from . import combo_asked, currency_asked, lines_offered, match_asked, names_asked
from .answer import _CORRECTION, _FOLLOWUP, _PLACE, _RISK, _SLIP_ONLY, INSTEAD, TEAM_INTENTS
from .bet_choice import middle_of, ordinal_of
from .club_alone import follow_with_club, price_of_a_club
from .day_asked import ask_of_the_day
from .frame_cues import ASKS_OTHER as _ASKS_OTHER
from .frame_cues import (
    THEIR_GAME,
    after_that,
    answers_which_market,
    asks_the_same_of_a_club_we_lack,
    changes_nothing,
    instead_of,
    market_of_a_match,
    market_of_the_match,
    meeting_of_the_pair,
    restated_stake,
    side_said,
    winner_to_which_market,
)
from .frame_cues import WHAT_IF as _WHAT_IF
from .frame_cues import settle as _settle
from .gone_back import go_back
from .handlers.common import side_of
from .listed_focus import WHICH_LISTED, needs_a_pick, unpicked
from .nlu.money import with_digits
from .nlu.names import COMMON_WORDS
from .nlu.prefilter import prefiltered
from .nlu.text import fold, name_key
from .real_bet_followup import another_real_bet, continues_real_bet
from .selection_said import picks_a_selection
from .simulated_bets import (
    asks_the_price,
    declines_the_simulation,
    places_the_simulation,
    stake_after_aside,
    stake_then_place,
    stays_a_simulation,
)
from .turn import Turn
from .unknown_names import closest_teams, unresolved_name

# References to the conversation's frame, matched on the folded text (lower case, no accents).
# "back to the match", "volviendo al partido", "voltando ao jogo" after another question: the match in focus.
_THAT_MATCH = re.compile(r"\b(?:that|this|the same)\s+(?:match|game|fixture)\b|\b(?:ese|este|mismo)\s+partido\b"
                         r"|\b(?:[dn]?esse|[dn]?este|mesmo|[dn]?aquele)\s+jogo\b"
                         r"|\b(?:esa|esta|[dn]?essa|[dn]?esta|[dn]?aquela)\s+partida\b"
                         r"|\bback\s+to\s+(?:the|that|this|our)\s+(?:match|game|fixture)\b"
                         r"|\b(?:the\s+)?(?:match|game)\s+(?:from\s+)?(?:before|earlier)\b"
                         r"|\b(?:volv\w*|regres\w*|de\s+vuelta)\s+(?:a\s+(?:ese|el)|al)\s+partido\b"
                         r"|\b(?:volt\w*|de\s+volta|retomando)\s+(?:ao|pro|para\s+o|pra\s+o|a\s+esse|o)\s+jogo\b"
                         r"|\b(?:volt\w*|de\s+volta|retomando)\s+(?:a|pra|para\s+a|a\s+essa)\s+partida\b"
                         r"|\bretomando\s+(?:el|lo\s+del)\s+partido\b|\b(?:partido|jogo|partida)\s+(?:de\s+antes|anterior)\b"
                         r"|\b(?:earlier|previous)\s+(?:match|game|fixture|one)\b")
_OTHER_TEAM = re.compile(r"\b(?:the\s+)?other\s+(?:team|side|club|one)\b|\bthe\s+other\b"
                         r"|\b(?:el|al|del)\s+otro(?:\s+equipo)?\b|\b(?:o|no|do|pelo)\s+outro(?:\s+time|\s+lado)?\b")
# "their opponent", "el rival", "o adversário": the other side of the match in focus, when one team is in focus.
_OPPONENT = re.compile(r"\b(?:the|their|his|its|her)\s+(?:opponents?|rivals?|opposition)\b"
                       r"|\b(?:el|su|al|del|sus|los|a\s+sus|a\s+los)\s+(?:rival(?:es)?|oponentes?|contrincantes?"
                       r"|adversarios?)\b"
                       r"|\b(?:o|os|seu|seus|no|nos|do|dos|ao|aos|pelo|pelos)\s+(?:adversarios?|rival|rivais|oponentes?)\b")
# "the home side", "el visitante", "o mandante": that side of the match in focus.
_HOME = re.compile(r"\b(?:the\s+)?home\s+(?:side|team|club)\b|\bthe\s+hosts\b|\b(?:el|al|del)\s+(?:equipo\s+)?local\b"
                   r"|\b(?:o|no|do|pelo)\s+(?:time\s+)?mandante\b|\b(?:o|no|do)\s+time\s+da\s+casa\b")
_AWAY = re.compile(r"\b(?:the\s+)?away\s+(?:side|team|club)\b|\bthe\s+visitors\b"
                   r"|\b(?:el|al|del|o|no|do|pelo)\s+(?:equipo\s+|time\s+)?visitante\b")
# "when is that?", "¿a qué hora es?", "que horas é?": the time of the match in focus (nothing else named).
_WHEN_IS_IT = re.compile(r"^\W*(?:(?:and|ok|so|y|e|ok y|ok e|entonces|entao)\W+)?(?:when|what time)\s+(?:is|s|does)\s+"
                         r"(?:it|that|this|the (?:match|game))(?:\s+(?:start|on|again|kick off))?\W*$"
                         r"|^\W*(?:(?:y|e|ok|entonces|entao)\W+)?(?:a\s+que\s+hora|cuando|que\s+horas|quando|que\s+dia"
                         r"|que\s+día)\s+(?:es|empieza|arranca|juegan|e|comeca|sera|joga|jogam)(?:\s+(?:eso|ese"
                         r"\s+partido|esse\s+jogo|isso))?\W*$")
_THEM = re.compile(r"\b(?:them|they|their|ellos|ellas|eles|elas|neles|nelas|dele|dela|deles|delas"  # "that team"
                   r"|him|he|she|her|ele|ela|ella)\b"  # a player ("and for him to win?", "e pra ele ganhar?")
                   r"|\bsus?\s+(?:proximos?\s+|siguientes?\s+)?(?:partidos?|juegos?|rival(?:es)?)\b"  # "su partido"
                   r"|\bseus?\s+(?:proximos?\s+)?(?:jogos?|adversarios?)\b"  # "o seu próximo jogo"
                   r"|\b(?:that|this|the same)\s+(?:team|club|side)\b|\b(?:ese|este|mismo)\s+(?:equipo|club)\b"
                   r"|\b(?:esse|este|mesmo|aquele)\s+(?:time|clube)\b")
_CLASICO = re.compile(r"\bcla+s+ico\b")  # "el clásico" / "o clássico": Real Madrid vs Barcelona
CLASICO_TEAMS = ["Real Madrid", "Barcelona"]
# "actually make it 35", "mejor que sean 25", "na verdade, 30", "na real, faz 50": a new stake for the same question.
_RESTATE = re.compile(r"\b(?:actually|make it|make that|rather|instead|en realidad|mejor|mas bien|que sean|na verdade"
                      r"|melhor|na real|pensando bem|en verdad|pensandolo bien|de hecho|"
                      r"em vez|prefiro|bump|raise|increase|lower|reduce|drop|change|up it|sube\w*|subir|aumenta\w*"
                      r"|baja\w*|bajar|cambia\w*|sobe|diminui\w*|abaixa\w*|baixa|muda|troca|se fossem|e se fosse)\b")
_BARE_STAKE = re.compile(r"^\W*(?:\w+\W+){0,4}?(\d{1,6}(?:[.,]\d{1,2})?)\W*$")
# Hesitations opening a message ("hmm", "ok", "err", "bueno", "hmm então"): "hmm make that 50" is "make that 50".
OPENERS = re.compile(r"^\W*(?:(?:h+m+|u+h+m*|u+m+|e+r+m*|e+h+|a+h+|o+h+|well|so|ok(?:ay)?|k|right|alright|fine|then"
                     r"|bueno|pues|vale|entonces|o sea|bom|entao|ta|beleza|olha|pois|ne)\b\W*)+")
# "double it", "el doble", "a metade": the last stake scaled (never "double chance", a market).
_SCALE = (
    (2, re.compile(r"\b(?:double(?! chance)|twice|doble(?! oportunidad)|duplica\w*|dobla\w*|dobra\w*|dobre|dobro)\b")),
    (3, re.compile(r"\b(?:triple|treble|triplica\w*|triplo|triplique)\b")),
    (Decimal("0.5"), re.compile(r"\b(?:half|halve|mitad|metade)\b")),
)
# What an opener like "mejor"/"melhor" may be followed by when it is a question of its own ("mejor apuesta").
_OWN_QUESTION = re.compile(r"\b(?:bets?|apuestas?|apostas?|tips?|picks?|recommend\w*|recomien\w*|recomend\w*|dica)\b")
# "the 2nd one", "the 3rd game": a place in the list shown (the NLU reads "the 2nd" as a date); "number three".
_DIGIT_PICK = re.compile(r"\b\d(?:st|nd|rd|th)\s+(?:one|game|match|fixture|on the list)\b")
_NUMBERS = {"one": 1, "uno": 1, "um": 1, "two": 2, "dos": 2, "dois": 2, "three": 3, "tres": 3, "four": 4, "cuatro": 4,
            "quatro": 4, "five": 5, "cinco": 5}
_NUMBER_PICK = re.compile(r"(?:\bnumber|\bnumero|#)\s*(" + "|".join(_NUMBERS) + r"|\d)(?![\w.,])")
ASKING_INTENTS = (*TEAM_INTENTS, "match_schedule")
# Words that leave a message a bare reference ("and the other team?", "¿y el otro?", "e o outro time?").
_PREFERS = frozenset("mejor melhor better rather instead actually prefiero prefiro prefer mas bien".split())
_FILLERS = frozenset("and what about how then so now ok y e que tal o a el la the entonces entao ahora agora".split())
# A game of the team referred to ("their game", "su partido", "o jogo deles") and the day it is on: the last question
# again about that game ("odds for Arsenal" then "and their game on tuesday?": its odds).
_ONE_GAME = frozenset("game match fixture one partido juego jogo partida next proximo proxima siguiente".split())
_DAY_WORDS = frozenset("""today tonight tomorrow monday tuesday wednesday thursday friday saturday sunday weekend this
    hoy manana lunes martes miercoles jueves viernes sabado domingo finde semana fin este esta noche
    hoje amanha segunda terca quarta quinta sexta feira fim semana noite""".split())
# Words that only attach a reference to the last question ("and ON the other team?", "¿y AL otro?",
# "e NO outro time?", "what about FOR them?"): they ask nothing of their own.
_LINKS = frozenset("""on for to with in at of if instead same amount stake too also please pls
    en por para con de del al sobre si mismo misma monto tambien favor
    em no na pelo pela com do da se mesmo mesma valor tambem los las lo os as pro pra pros pras dos das""".split())
# The markets whose selection is a side of the match (home/away): a new team takes the same market on its side.
# "and what if Arsenal loses?", "¿y si pierde el Betis?": never that team to win (asked, not guessed).
_LOSES = re.compile(r"\b(?:lose|loses|losing|lost|pierde|pierden|pierda|perder|perdiera|perde|perdem|perca|perdesse)\b")
_STAKE_ON = re.compile(r"(?<![\d.,])(\d{1,6}(?:[.,]\d{1,2})?)\s+(?:on|al|a|en|por|no|na|em|pelo|pela)\b")
_SIDED = ("home", "away", "home_or_draw", "draw_or_away")
# The references searched in every follow-up: only when it has a word a match can start on (nlu/prefilter.py).
(_THAT_MATCH, _OTHER_TEAM, _OPPONENT, _HOME, _AWAY, _THEM, _CLASICO, _RESTATE, _OWN_QUESTION, _DIGIT_PICK,
 _STAKE_ON) = map(prefiltered, (_THAT_MATCH, _OTHER_TEAM, _OPPONENT, _HOME, _AWAY, _THEM, _CLASICO, _RESTATE,
                                _OWN_QUESTION, _DIGIT_PICK, _STAKE_ON))


def _focus_team(context: dict) -> str | None:
    """The one team the conversation is about: the team last asked about alone; None after a match
    named with both teams ("Liverpool vs Chelsea") or opened from a list, where "them" is either side."""
    if context.get("focus_team") or context.get("fixture_teams"):
        return _as_shown(context.get("focus_team"), context)
    return (context.get("teams") or [None])[0]  # a context stored before the frame kept a focus


def _as_shown(team: str | None, context: dict) -> str | None:
    """`team` as the fixture in focus names it in the user's language ("AC Milan" asked, "Milan" shown): the side
    it is, so "the other team" is the other one."""
    sides = context.get("fixture_teams") or []
    if not team or len(sides) != 2 or not context.get("fixture_id") or team.casefold() in map(str.casefold, sides):
        return team
    side = side_of({"id": context["fixture_id"], "home": sides[0], "away": sides[1]}, team)
    return team if side is None else sides[0 if side == "home" else 1]


def _back_team(turn: Turn, team: str, *, side: bool = True) -> None:
    """The message is about `team` of the fixture in focus: that fixture, that side (`side=False`: that team's match,
    no side of it chosen — "10 on their game" — so a stake with no market asks which side, never their win)."""
    slots, context = turn.slots, turn.context
    slots.teams, slots.selection_team = [team], team
    context["focus_team"] = team
    sides = [name.casefold() for name in context.get("fixture_teams") or []]
    if context.get("fixture_id") and team.casefold() in sides:
        turn.slots_from_memory = True  # the fixture in focus, not the team's next one
        if slots.market is None and slots.selection is None and turn.intent in ("bet_simulation", "place_bet"):
            if side:
                slots.market, slots.selection = "1x2", ("home" if sides.index(team.casefold()) == 0 else "away")
            else:
                slots.selection_team = None
                if turn.intent == "bet_simulation":
                    turn.question = "which_side"


def _backed_side(context: dict) -> str | None:
    """The side the last simulation backed ("10 on Liverpool to beat Chelsea"): with both clubs named no team is in
    focus, yet "and on the other team?" is then the side it did not back."""
    sides = context.get("fixture_teams") or []
    if context.get("last_intent") != "bet_simulation" or not context.get("fixture_id") or len(sides) != 2 \
            or context.get("selection") not in ("home", "away"):
        return None
    return sides[0 if context["selection"] == "home" else 1]


def _whole_match(turn: Turn, item: dict | None = None) -> None:
    """The message is about the fixture in focus as a whole ("the second one", "that match"); a listed
    pick (`item` with its market and selection) is that pick."""
    slots = turn.slots
    slots.teams, turn.slots_from_memory = list(turn.context["fixture_teams"]), True
    turn.context["focus_team"] = None  # the match as a whole: neither side in particular
    _settle(turn, turn.intent if turn.intent in TEAM_INTENTS else "odds_information")
    if item and item.get("selection") and slots.market is None and slots.selection is None:
        slots.market, slots.selection = item.get("market"), item["selection"]
    if turn.intent == "bet_simulation" and slots.selection is None and slots.selection_team is None:
        turn.question = "which_side"  # "bet 10 on the second one": a match has two sides (and a draw)


def _answers_which_side(turn: Turn, asked: str | None) -> bool:
    """"Taylor Fritz" / "the draw" right after "On which side of ...?": the simulation that was asked about."""
    slots, context = turn.slots, turn.context
    sides = context.get("fixture_teams") or []
    if asked != "which_side" or not sides or not context.get("fixture_id"):
        return False
    keys = [name.casefold() for name in sides]
    team = next((name for name in slots.teams if name.casefold() in keys), None)
    if team is None and not slots.teams and slots.selection != "draw":
        team = side_said(turn.ctx.message, sides)  # "no bahia", "pelo vasco": a side the NLU read as a word
    if team is None and not slots.teams and slots.selection != "draw" and len(sides) == 2:
        text = fold(turn.ctx.message)  # "al local", "the away team": the side by its role in the match
        team = sides[0] if _HOME.search(text) else sides[1] if _AWAY.search(text) else None
    if team is None and slots.selection != "draw":
        return False
    _settle(turn, "bet_simulation")
    if slots.amount is None and context.get("stake"):
        slots.amount = Decimal(str(context["stake"]))
    if team is not None:
        _back_team(turn, team)
    else:
        slots.teams, turn.slots_from_memory, slots.market = list(sides), True, "1x2"
    return True


def resolve_references(turn: Turn) -> bool:
    """"the second one", "that match", "the other team", "them", "el clásico": resolved from the frame
    (the last list, the fixture in focus and its two teams), or a question back when the frame has no
    answer (`turn.question`). True when the message was such a reference."""
    slots, context = turn.slots, turn.context
    if slots.teams or slots.tournament:
        return False
    text = fold(turn.ctx.message)
    last_intent = context.get("last_intent")

    def follow_intent(reference: re.Match) -> str:
        """"e o outro time?" (nothing but the reference): the last question again, about that team;
        "when does that team play?": what the message itself asks."""
        rest = set(re.findall(r"\w+", text[: reference.start()] + " " + text[reference.end():])) - _FILLERS - _LINKS
        rest -= _ONE_GAME | (_DAY_WORDS if slots.date_from else set())  # "and their game on tuesday?": that game
        rest -= _PREFERS  # "mejor al otro", "rather the other one": the same question, that team
        if not rest and last_intent in ASKING_INTENTS and (slots.amount is None or last_intent == "bet_simulation"):
            return last_intent  # "and on the other team?" after a simulation: the same simulation, that team
        if turn.intent in ASKING_INTENTS:
            return turn.intent
        return last_intent if last_intent in ASKING_INTENTS else "odds_information"
    if _CLASICO.search(text):
        slots.teams = list(CLASICO_TEAMS)
        _settle(turn, turn.intent if turn.intent == "team_comparison" else "odds_information")
        return True
    number = ordinal_of(text)
    if number is None and context.get("last_list"):
        number = middle_of(text, len(context["last_list"]))  # "o do meio": 2 of 3; of an even list, asked
        if number == 0:
            turn.question = "no_middle"
            return True
    if context.get("last_list"):
        if number is not None and _DIGIT_PICK.search(text):
            slots.date_from = slots.date_to = None  # "the 2nd one" after a list: its second match, not 2 January
        elif number is None and (picked := _NUMBER_PICK.search(text)):
            number = _NUMBERS.get(picked.group(1)) or int(picked.group(1))  # "number three", "o número 2"
    if number is not None and not slots.date_from:
        items = context.get("last_list") or []
        if not items and turn.went_back and context.get("fixture_teams"):
            _whole_match(turn)  # "back to the first one" with no list: the earlier match, taken back into focus
            return True
        compared = list(context.get("teams") or [])[:2] if context.get("last_intent") == "team_comparison" else []
        if not items and len(compared) == 2 and number in (1, 2, -1):
            # "¿y cuándo juega el primero?" after comparing two clubs: the first (or second, last) one compared
            slots.teams = turn.named = [compared[0 if number == 1 else 1]]  # as if named: its own match
            return False
        if not items or number > len(items) or -number > len(items):
            turn.question = "list_short" if items else "no_list"
            match_asked.keep(turn, [item for item in items if item.get("start_time")], sided=False)  # "o do X" next
            return True
        item = items[number - 1 if number > 0 else number]  # "the last one" -1, "o penúltimo" -2
        context["fixture_id"], context["fixture_teams"] = item["id"], [item["home"], item["away"]]
        context["fixture_sport"], context["focus_listed"] = item.get("sport_id"), None
        _whole_match(turn, item)
        return True
    if (_WHEN_IS_IT.match(text) or _THAT_MATCH.search(text)) and unpicked(context):
        turn.question = WHICH_LISTED  # "that match" after a list of several: which of them, never the first
        return True
    if _WHEN_IS_IT.match(text) and not slots.date_from and context.get("fixture_id") and context.get("fixture_teams"):
        slots.teams, turn.slots_from_memory = list(context["fixture_teams"]), True  # "when is that?": its time
        _settle(turn, "match_schedule")
        return True
    if _THAT_MATCH.search(text):
        if not context.get("fixture_id") or not context.get("fixture_teams"):
            turn.question = "no_match"
            return True
        _whole_match(turn)
        return True
    focus = _focus_team(context)
    backed = focus or _backed_side(context)  # "the other team" of a simulation: the side it did not back
    if other := _OTHER_TEAM.search(text):
        sides = context.get("fixture_teams") or []
        keys = [name.casefold() for name in sides]
        if not backed or backed.casefold() not in keys:
            turn.question = "no_team"
            return True
        _settle(turn, follow_intent(other))
        _back_team(turn, sides[1 - keys.index(backed.casefold())])
        return True
    sides = context.get("fixture_teams") or []
    for index, side in enumerate((_HOME, _AWAY)):
        if (found := side.search(text)) and context.get("fixture_id") and len(sides) == 2:
            if unpicked(context):  # "the away team" after "matches today": of which match? never the first listed
                turn.question = WHICH_LISTED
                return True
            _settle(turn, follow_intent(found))
            _back_team(turn, sides[index])
            return True
    if (opponent := _OPPONENT.search(text)) and backed and backed.casefold() in [name.casefold() for name in sides]:
        _settle(turn, follow_intent(opponent))
        _back_team(turn, next(name for name in sides if name.casefold() != backed.casefold()))
        return True
    if them := _THEM.search(text):
        if not focus:  # nothing talked about, or a match named with both its teams: which one?
            both = context.get("fixture_id") and context.get("fixture_teams")
            if both and THEIR_GAME.search(text):
                # "e as odds disso no jogo deles?", "cuotas de su partido" after comparing two who meet: that match
                # (whichever side "su"/"dele" is, the match in focus is both sides')
                _whole_match(turn)
                return True
            if both and turn.intent == "team_comparison" and not turn.slots.teams:
                turn.slots.teams = list(context["fixture_teams"])  # "compare them" after X vs Y: the two of them
                return True
            turn.question = "which_side" if both and turn.intent == "bet_simulation" else "no_team"
            return True
        _settle(turn, follow_intent(them))
        _back_team(turn, focus, side=not THEIR_GAME.search(text))
        return True
    return False


def _keep_the_bet(turn: Turn) -> None:
    """A simulation asked again about another team: what the message does not change (stake, currency,
    market) stays; a side of the old match ("Liverpool to win") becomes the same side for the new team."""
    slots, context = turn.slots, turn.context
    if slots.amount is None and context.get("stake"):
        slots.amount = Decimal(str(context["stake"]))
    slots.currency = slots.currency or context.get("currency")
    if slots.market is None and slots.selection is None and context.get("market"):
        slots.market = context["market"]
        sides = {name.casefold() for name in context.get("fixture_teams") or []}
        # the simulation picks the new team's side of its match; after the draw, a club of that very match ("and
        # Chelsea?") can only be that club to win (another match's club keeps the draw, of its match)
        if context.get("selection") in _SIDED or (context.get("selection") == "draw" and slots.teams
                                                   and slots.teams[0].casefold() in sides):
            slots.selection_team = slots.selection_team or slots.teams[0]
        else:
            slots.selection, slots.line = context.get("selection"), context.get("line")


def _corrects(message: str) -> bool:
    """"no, I meant Barcelona", "perdón, quise decir el Girona", or an apology with a team alone after it ("oops,
    Napoli", "foi mal, o Fluminense"); not "sorry, when does Chelsea play?", which asks something of its own."""
    folded = fold(message)
    if _CORRECTION.match(folded):
        return True
    slip = _SLIP_ONLY.match(folded)
    rest = folded[slip.end():] if slip else ""
    return 0 < len(rest.split()) <= 4 and not _ASKS_OTHER.search(rest) and not _OWN_QUESTION.search(rest)


def _only_a_team(turn: Turn) -> bool:
    """"and for Lazio?", "¿y del Betis?", "e no jogo do Arsenal?": a follow-up that names a team (or its game) and asks
    nothing else."""
    message = turn.ctx.message
    if not turn.slots.teams or not _FOLLOWUP.match(message) or turn.slots.market:
        return False
    names = {word for team in turn.slots.teams for word in name_key(team).split()}
    folded = fold(message)
    days = _DAY_WORDS if turn.slots.date_from else frozenset()  # "and for Alcaraz's match tomorrow?": that day's
    rest = [word for word in re.findall(r"\w+", folded) if word not in _FILLERS | _LINKS | _ONE_GAME | names | days]
    one_game = re.sub(r"\b(?:game|match|partido|juego|jogo|partida)\b", " ", folded)  # its game, not its games
    return not _ASKS_OTHER.search(one_game) and all(word not in COMMON_WORDS for word in rest)


def _only_a_competition(turn: Turn, last_intent: str | None) -> bool:
    """"and in the Champions League?" after a club's schedule: that club's matches in that competition (the club
    kept, the competition added), never the competition's own listing; after a listing of no club's, that
    competition's listing for the same days."""
    slots, context = turn.slots, turn.context
    if last_intent != "match_schedule" or not slots.tournament or slots.teams or not _FOLLOWUP.match(turn.ctx.message):
        return False
    if _ASKS_OTHER.search(fold(turn.ctx.message)):
        return False
    team = _focus_team(context)
    if not team:  # "and in laliga?" after the Premier League's weekend: that competition's listing, the same days
        if not slots.date_from and context.get("date_from"):
            slots.date_from, slots.date_to = context["date_from"], context.get("date_to")
        _settle(turn, "match_schedule")
        return True
    slots.teams, turn.named = [team], []
    context.pop("fixture_id", None)
    _settle(turn, "match_schedule")
    return True


def _drop_negated(turn: Turn) -> None:
    """"not Roma, Lazio", "no el Betis, el Sevilla": the team named before the break is the one taken back."""
    folded = fold(turn.ctx.message)
    head = re.split(r"[,;:]|\b(?:but|sino|mas|e sim)\b", folded, maxsplit=1)[0]
    if len(turn.slots.teams) < 2 or not re.match(r"\W*(?:no|not|nao|nada de|ni)\b", head):
        return
    said = [team for team in turn.slots.teams
            if any(len(word) >= 3 and re.search(rf"\b{re.escape(word)}\b", head) for word in name_key(team).split())]
    kept = [team for team in turn.slots.teams if team not in said]
    if said and kept:
        turn.slots.teams, turn.named = kept, list(kept)


def apply_followups(turn: Turn) -> None:
    """Fill what the message leaves out from the conversation so far."""
    slots, context, message = turn.slots, turn.context, turn.ctx.message
    followup = bool(_FOLLOWUP.match(message)) or len(message.split()) <= 4
    last_intent = context.get("last_intent")
    turn.named = list(slots.teams)
    asked = context.pop("asked", None)  # a question of the last answer is answered now or never
    real = context.pop("real_bet", None)  # likewise the real bet that answer prepared or asked about
    go_back(turn, context.pop("previous_fixture", None))  # "ok back to that match" after tips showed another one
    # every question the last answer kept lives one turn, whichever reply answers it (none left for the next one)
    names_kept, combo_kept, match_kept, line_kept, currency_kept = (
        context.pop(module.ASKED, None)
        for module in (names_asked, combo_asked, match_asked, lines_offered, currency_asked))
    if names_asked.continue_request(turn, names_kept):
        return  # "Dortmund" to "which Borussia?": the request it interrupted, about that club
    if combo_asked.continue_combo(turn, combo_kept):
        return  # "both to win" to "what on each match?": that accumulator, with those picks
    if match_asked.continue_request(turn, match_kept):
        return  # "the second one" to "which of Zverev's matches?": the request it interrupted, on that match
    if lines_offered.continue_request(turn, line_kept):
        return  # "yes" / "Over 2.5 goals" to "only 2.5 is offered: simulate Over 2.5?": that request on that pick
    if currency_asked.continue_request(turn, currency_kept):
        return  # "colombianos" to "which pesos?": that simulation, in Colombian pesos
    if winner_to_which_market(turn, asked, last_intent):
        return  # "X to win then" to "which of its markets?": that request, on the winner of that match
    if declines_the_simulation(turn, last_intent):
        return  # a bare "no" after a simulation: nothing simulated again, nothing left to place
    if slots.unknown_teams and turn.intent not in ("greeting", "help", "balance_query", "general_betting_info"):
        # "when does Inter Miami play?": a club we don't have is never answered with another one (nor the last one)
        turn.unresolved = (slots.unknown_teams[0], closest_teams(slots.unknown_teams[0]))
        asks_the_same_of_a_club_we_lack(turn, last_intent)  # "bueno, ¿y del River Plate?": its odds, not covered
        return
    alone = follow_with_club(turn, last_intent, pending=bool(real or asked)) or price_of_a_club(turn)
    if alone == "asked":
        return  # "and borussia?", "how much for borussia": which one, never one of them on a guess
    if alone and turn.intent == "bet_simulation":
        _keep_the_bet(turn)  # "ok then lazio" after a simulation: the same stake and market, on Lazio
    if not slots.teams and turn.intent in names_asked.ASKING and (shared := names_asked.shared_name(message)):
        one = names_asked.other_than_focus(turn, shared[1]) or names_asked.one_in_focus(turn, shared[1])
        if one in (None, names_asked.ASKED):  # "¿y el Madrid?" after Atlético: Real Madrid, or asked (money)
            names_asked.ask_which(turn, *shared)  # "odds for Borussia": which one, never one of them on a guess
            return
        slots.teams, turn.named = [one], [one]  # "bet 10 on borussia" during Mainz vs Dortmund: Dortmund
    if turn.intent in names_asked.ASKING and (abroad := names_asked.nickname_abroad(turn)):
        if (one := names_asked.one_in_focus(turn, abroad[1])) is None:
            names_asked.ask_which(turn, *abroad)  # "quanto paga o Atlético?": Mineiro or Madrid, never one on a guess
            return
        slots.teams, turn.named, slots.team_choices = [one], [one], {}  # the one of them in the match in focus
    for said, candidates in list(slots.team_choices.items()):  # "¿y la del Atlético?" after Barcelona's price
        if said in slots.teams and len(candidates) > 1 and (one := names_asked.one_in_focus(turn, candidates)):
            slots.teams = [one if team == said else team for team in slots.teams]
            turn.named, slots.team_choices = list(slots.teams), {}
    if answers_which_market(turn, asked, last_intent):
        return  # "the handicap then" to "which of its markets?": that market of the match in focus
    if market_of_a_match(turn) or market_of_the_match(turn, last_intent):
        return  # "ok back to the juve game, what's the over/under": that match's odds in that market
    if after_that(turn, last_intent) or meeting_of_the_pair(turn):
        return  # "and after that?" after Chelsea's fixtures; "¿cuándo se enfrentan?" after comparing two
    if changes_nothing(turn, last_intent, restated=bool(_RESTATE.search(fold(message)))):
        turn.question = "no_stake_to_change"  # "make it 30 then" as a first message: on what, before anything
        return
    if lines_offered.stake_on_shown(turn, last_intent):
        return  # "if I put 10 on that" after the over/under odds: that market of that match, its side asked
    if picks_a_selection(turn, last_intent, asked=asked):
        return  # "pon el 2", "make it the draw" after a simulation or odds: that match, that pick, the stake kept
    stake_then_place(turn)  # "hazlo 20 y colócala": the new stake, and no yes to the old slip
    if real and continues_real_bet(turn, real) or another_real_bet(turn, last_intent):
        return  # "actually 50" to the slip shown; "now another bet: 20 on Liverpool" after it: a real bet again
    if places_the_simulation(turn, last_intent):  # "place it", "ok put it on Lazio then": that simulation, for real
        return
    stays_a_simulation(turn, last_intent)  # "actually put it on Sunderland instead", "¿y si les apuesto 15?"
    if stake_after_aside(turn, last_intent):  # "¿cuánto saldo tengo?" then "y si son 25?"
        return
    if last_intent in (*TEAM_INTENTS, "match_schedule") and (cue := _CORRECTION.match(fold(message))):
        names_asked.corrected_club(turn, _focus_team(context), cue)  # "no, I meant atletico" after Real Madrid
    if slots.teams and last_intent in (*TEAM_INTENTS, "match_schedule") and _corrects(message):
        _settle(turn, last_intent)  # the NLU's doubt about "perdón, quise decir el Girona" no longer applies
        turn.confidence = max(turn.confidence, 0.8)
        _drop_negated(turn)
        context.pop("fixture_id", None)  # the corrected team's match, never the one shown before
        context["teams"] = []
        if last_intent == "bet_simulation":
            _keep_the_bet(turn)  # "no, I meant Chelsea": the same stake and market, on Chelsea
        return
    if _answers_which_side(turn, asked):
        return
    if instead_of(turn, last_intent):
        return  # "what about Tottenham instead of Chelsea" after Arsenal and Chelsea: Arsenal and Tottenham
    if _only_a_competition(turn, last_intent):
        return  # "e na Champions?" after "quando o Bayern joga?": Bayern's matches in the Champions League
    if _only_a_team(turn) and last_intent in ("odds_information", "match_schedule", "team_comparison"):
        _settle(turn, last_intent)  # "¿y del Betis?", "e do Corinthians?": the last question, about that team
    asks_the_price(turn, last_intent)  # "ok and the draw in that game": its price, never a stake asked for
    referred = resolve_references(turn)  # "same on the other team": a follow-up whatever its length
    if turn.question:
        return
    if referred and slots.amount is None and last_intent == "bet_simulation":
        on = _STAKE_ON.search(fold(message))  # "and 30 on the other team?": the new stake
        if on:
            slots.amount = Decimal(on.group(1).replace(",", "."))
    what_if = bool(_WHAT_IF.search(fold(message))) and turn.intent != "place_bet" \
        and (turn.intent != "bet_simulation" or turn.confidence < 0.5)  # a simulation the NLU read, left as read
    if last_intent == "bet_simulation" and (turn.intent in ("odds_information", "match_schedule") or what_if) \
            and _FOLLOWUP.match(message) and not _ASKS_OTHER.search(fold(message)) \
            and (slots.teams or slots.market or slots.selection) and not slots.date_from \
            and not _LOSES.search(fold(message)):
        # "what if I bet 20 on Liverpool?" then "and on the draw?" / "what about Arsenal?": the same simulation
        # with what the message changes ("e se fosse no Bahia?" too, however the NLU read it); asking for odds
        # ("and the odds of Arsenal?") is another question.
        _settle(turn, "bet_simulation")
        if slots.teams:
            _keep_the_bet(turn)  # the market of the last simulation, on the side of the team now named
    restated = bool(_RESTATE.search(fold(message)))
    followup = followup or restated or referred
    if slots.amount is None and last_intent in ("bet_simulation", "betting_recommendation") and not slots.teams:
        # "na verdade, 30", "a hundred": a number alone (in digits or words) is the new stake
        bare = _BARE_STAKE.match(with_digits(fold(message), turn.language))
        if (said := restated_stake(message)) is not None:  # "faz 25 então", "hazlo 20": the stake, no "yes"
            slots.amount, slots.confirmation, restated = Decimal(said), None, True
        elif bare and (restated or len(OPENERS.sub("", fold(message)).split()) <= 2):
            slots.amount = Decimal(bare.group(1).replace(",", "."))
        elif context.get("stake") and len(message.split()) <= 6 and not slots.market:
            factor = next((factor for factor, words in _SCALE if words.search(fold(message))), None)
            if factor is not None:  # "double it", "la mitad": the same question with the last stake scaled
                slots.amount = (Decimal(str(context["stake"])) * factor).quantize(Decimal("0.01"))
                _settle(turn, last_intent)
    weak = turn.intent in ("out_of_scope", "help", "greeting") or turn.confidence < 0.5
    carried = slots.date_from or slots.amount is not None or slots.market or slots.selection
    if followup and weak and last_intent and carried and last_intent not in ("greeting", "help", "out_of_scope"):
        turn.intent = last_intent
        turn.confidence = max(turn.confidence, 0.6)
    if last_intent == "betting_recommendation" and turn.intent != "betting_recommendation" and not slots.teams:
        risk_cue = slots.risk or any(pattern.search(message) for pattern in _RISK.values())
        if (risk_cue and (followup or weak)) or (slots.amount is not None and INSTEAD.search(message)):
            turn.intent = "betting_recommendation"  # "lower-risk options", "what if I bet 50 instead?"
            turn.confidence = max(turn.confidence, 0.6)
    if slots.amount is not None and followup and (turn.intent not in ("bet_simulation", "betting_recommendation")
                                                  or restated or len(message.split()) <= 4) \
            and last_intent in ("bet_simulation", "betting_recommendation") and not slots.teams:
        _settle(turn, last_intent)  # "actually make it 35": the same question with a new stake
    known_teams = context.get("teams") or []
    if not slots.tournament and (not slots.teams or (turn.intent == "team_comparison" and len(slots.teams) < 2)) \
            and turn.intent in ("odds_information", "team_comparison", "match_schedule"):
        turn.unresolved = unresolved_name(message, known=slots.teams)
        written, closest = turn.unresolved or ("", [])
        exact = next((name for name in closest if name_key(name) == name_key(written)), None)
        if exact:  # "Lazio odds please": a catalogue name the NLU left out (sentence-initial), said exactly
            slots.teams, turn.unresolved = [*slots.teams, exact], None
            turn.named = list(slots.teams)
        elif turn.unresolved:
            asks_the_same_of_a_club_we_lack(turn, last_intent)  # "bueno, ¿y del River Plate?": its odds
            return  # "real madird odds": never answer for the remembered match instead
    if not referred and needs_a_pick(turn):
        turn.question = WHICH_LISTED  # "what if I bet 10 on it?" after "matches today": which one, never the first
        listed = [item for item in context.get("last_list") or [] if item.get("start_time")]
        match_asked.keep(turn, listed, sided=False)  # "the chelsea one" continues it, on that listed match
        return
    if (slots.wants_real_bet or _PLACE.search(message)) and (slots.market or slots.selection) and not slots.teams \
            and not known_teams and not context.get("fixture_id") and not slots.tournament and not turn.question:
        turn.question = "no_match"  # "bet 5 on the draw" with no match talked about: which match, before anything
    if turn.intent in TEAM_INTENTS and not slots.teams and not slots.date_from and known_teams:
        slots.teams = list(known_teams[:2]) if turn.intent == "odds_information" else list(known_teams[:1])
        turn.slots_from_memory = True
    if turn.intent == "team_comparison" and len(slots.teams) == 1 and known_teams:
        other = next((team for team in known_teams if team != slots.teams[0]), None)
        if other:
            slots.teams = [other, slots.teams[0]]
    if _FOLLOWUP.match(message):  # "and tomorrow?", not "Matches tomorrow": the last question, on that day
        ask_of_the_day(turn, last_intent=last_intent, known_teams=known_teams, focus=_focus_team(context))
    if followup and slots.amount is None and turn.intent in ("bet_simulation",) and context.get("stake"):
        slots.amount = Decimal(str(context["stake"]))
    if slots.currency is None and context.get("currency"):
        slots.currency = context["currency"]
    if slots.market is None and followup and turn.intent in ("odds_information", "bet_simulation") \
            and (not slots.teams or turn.slots_from_memory):  # "on Inter" picks a new selection
        slots.market = context.get("market") if turn.intent == "bet_simulation" else None
        if turn.intent == "bet_simulation" and slots.selection is None:
            slots.selection = context.get("selection")
            slots.line = slots.line or context.get("line")
