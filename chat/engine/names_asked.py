"""A word several clubs share ("Borussia", "Olympique", "el Deportivo", "Independiente"): never one of them on a guess,
never "I don't cover it" either. The answer asks which one, the candidates as suggestions, and keeps the request it
interrupts in the frame (`names_asked`, one turn): the reply ("Dortmund", "the second one", "Olympique Lyonnais")
continues that request (its intent, stake, market, dates) with the club picked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz import fuzz

from sports.services import catalogue
from sports.services.catalogue import match_team

from .bet_choice import ordinal_of
from .formatting import either
from .frame_cues import ASKS_ODDS
from .nlu.markets import WIN_WORDS
from .nlu.names import COMMON_WORDS, get_index, plays
from .nlu.places import country_of
from .nlu.text import fold, name_key, tokenize
from .nlu.vocabulary import NAME_PREFIXES, unheard_word
from .phrases import suggestions, t
from .slip_changes import stake_said
from .tool_support import fixture_services
from .turn import Turn
from .unknown_names import as_a_name

ASKED = "names_asked"
ASKING = ("odds_information", "bet_simulation", "place_bet", "team_comparison", "match_schedule",
           "betting_recommendation")
_KEPT = ("amount", "currency", "market", "selection", "line", "date_from", "date_to", "wants_real_bet", "tournament")
_SHARED_CACHE: dict[int, dict[str, tuple[str, ...]]] = {}
_WINS = re.compile(rf"\b{WIN_WORDS}\b")  # "bet 10 on real to win": the win said of the club asked about
_NEGATED = re.compile(r"\b(?:not|won t|wont|doesn t|no|nao|never|nunca)\s+(?:\w+\s+)?" + WIN_WORDS)


def shared_words() -> dict[str, tuple[str, ...]]:
    """word -> the catalogue's teams whose name has it as a whole word, for words two or more teams share."""
    index = get_index()
    cached = _SHARED_CACHE.get(id(index))
    if cached is None:
        teams = sorted({name for kind, name in index.exact.values() if kind == "team"})
        by_word: dict[str, list[str]] = {}
        for team in teams:
            for word in dict.fromkeys(name_key(team).split()):
                if len(word) >= 4:
                    by_word.setdefault(word, []).append(team)
        cached = {word: tuple(names) for word, names in by_word.items() if len(names) > 1}
        _SHARED_CACHE.clear()
        _SHARED_CACHE[id(index)] = cached
    return cached


def shared_name(message: str) -> tuple[str, list[str]] | None:
    """(the word as written, its clubs) when the message names a club only by a word several share; a word that is
    also ordinary chat ("real", "city") counts only when written with a capital."""
    folded = fold(message)
    shared = shared_words()
    tokens = tokenize(folded)
    for position, token in enumerate(tokens):
        candidates = shared.get(token.text)
        if not candidates:
            continue
        # "los angeles": the words every candidate has before the shared one belong to it (its start moves back)
        common = set.intersection(*(set(name_key(name).split()) for name in candidates))
        first = position
        while first > 0 and tokens[first - 1].text in common and tokens[first - 1].text not in shared:
            first -= 1
        if token.text in COMMON_WORDS and not message[token.start : token.start + 1].isupper() \
                and not _where_a_club_stands(tokens, position, first=first):
            continue
        words = {word for name in candidates for word in name_key(name).split()}
        neighbours = [tokens[i] for i in (first - 1, position + 1) if 0 <= i < len(tokens)]
        if any(_part_of_a_name(near, message, words) for near in neighbours):
            continue  # "Borussia Dortmund" said in full, or "Racing Club" (another club's name): not this question
        written = message[tokens[first].start : token.end]
        return as_a_name(written), ranked(token.text, list(candidates))  # "which Real?", "which Los Angeles?"
    return None


# "cuotas del real", "odds do atlético", "the game of deportivo": a price or a match of something, where only a club
# stands; there a lower-case shared word ("real", "atlético") is that club's name as much as the capitalised one.
_CLUB_OF = (frozenset("odds odd cuota cuotas cotacao cotacoes jogo jogos partido partidos partida game games match "
                      "matches".split()), frozenset("del de do da of for".split()))

# What a club pays, asked of it ("cuánto paga el atlético", "quanto paga o real", "how much for real"), the club last.
_PAID_BY = frozenset(tuple(pair.split()) for pair in ("paga el", "pagan el", "paga o", "pagam o", "pagando el",
                                                      "pagando o", "much for", "por el", "quanto pelo", "paying for"))

# "bet 10 on olympique", "apuesto 20 al deportivo", "e se eu apostar 20 no atletico": a stake put "on" something,
# where only a side stands; the word ends the request or only "to win" / a day follows it.
_STAKED_ON = frozenset("on al a no na pelo pela en em".split())
_STAKE_WORDS = frozenset("bet bets betting stake put punt apuesta apuesto apostar apuestas meto pongo poner aposta "
                         "aposto apostas apostasse boto botar jogo coloco".split())
# (or the question about it goes on: "20 al deportivo, ¿cuánto me llevo?", "10 on real, how much back?")
_AFTER_A_SIDE = frozenset("to win para pra que ganar gana gane ganhar vencer tonight today hoy hoje tomorrow manana "
                          "amanha cuanto quanto how what and y e".split())


_PLAYS_NEXT = frozenset("play plays playing next juega joga".split())


def _where_a_club_stands(tokens, position: int, *, first: int) -> bool:
    """The shared word (from tokens[first], "los angeles") follows "cuotas del", "odds do", "game of" and ends the
    message or its clause, or it is what a stake is put on ("bet 10 on ...", "apuesto 20 al ...")."""
    before = [token.text for token in tokens[max(0, first - 2) : first]]
    if len(before) == 2 and (before[0] in _CLUB_OF[0] and before[1] in _CLUB_OF[1] or tuple(before) in _PAID_BY) \
            and position == len(tokens) - 1:
        return True  # "cuotas del real", "cuánto paga el atlético", "how much for real"
    if plays(first, tokens) and (position == first or position == len(tokens) - 1 or tokens[position + 1].text
                                 in _PLAYS_NEXT):
        return True  # "cuándo juega el deportivo", "when does atletico play", "quando joga o atlético?"
    staked = bool(before) and before[-1] in _STAKED_ON \
        and any(token.text.isdigit() or token.text in _STAKE_WORDS for token in tokens[:first - 1])
    return staked and (position == len(tokens) - 1 or tokens[position + 1].text in _AFTER_A_SIDE)


# Where a club "is local" for a language: a nickname's default club abroad ("Atlético" -> Atlético Madrid) is no
# reading of a Portuguese message when a club of that name plays in Brazil (Atlético Mineiro): asked about.
_HOME_COUNTRIES = {"pt_br": {"Brazil"}, "es": {"Spain", "Colombia"}, "en": {"England", "USA"}}
_COUNTRY_CACHE: dict[int, dict[str, set[str]]] = {}


def _team_countries() -> dict[str, set[str]]:
    """team -> the countries of the tournaments it plays in (the name index's `leagues_of`, which it learnt from
    the catalogue's current fixtures)."""
    index = get_index()
    cached = _COUNTRY_CACHE.get(id(index))
    if cached is None:
        country = {str(tournament.id): tournament.country for tournament in catalogue.list_tournaments()}
        cached = {team: {country.get(league, "") for league in leagues} for team, leagues in index.leagues_of.items()}
        _COUNTRY_CACHE.clear()
        _COUNTRY_CACHE[id(index)] = cached
    return cached


def nickname_abroad(turn: Turn) -> tuple[str, list[str]] | None:
    """(the word as written, its clubs) when the one team named is a nickname's default club that plays in none of
    the message language's countries while another club it can name does ("o Atlético" in Portuguese)."""
    slots, home = turn.slots, _HOME_COUNTRIES.get(turn.language)
    if not home or len(slots.teams) != 1 or slots.tournament:
        return None
    picked = slots.teams[0]
    candidates = list(slots.team_choices.get(picked) or _namesakes_said(turn.ctx.message, picked))
    if not candidates:
        return None
    try:
        countries = _team_countries()
    except Exception:  # the catalogue is down: keep the nickname table's reading
        return None
    if countries.get(picked, set()) & home or not any(countries.get(name, set()) & home for name in candidates):
        return None
    shared = [word for word in name_key(picked).split()
              if all(word in name_key(name).split() for name in candidates)]
    folded = fold(turn.ctx.message)
    found = re.search(rf"\b{re.escape(shared[0])}\b", folded) if shared else None
    written = turn.ctx.message[found.start() : found.end()] if found else picked
    return (written[:1].upper() + written[1:] if written.islower() else written), candidates  # "atletico": "Atletico"


# A stake put on a side: a side of the match in focus is meant whichever side it is ("odds do Atlético Mineiro" then
# "e se eu apostar 20 no Inter?": Internacional, its opponent).
# Never a real bet: a slip is prepared only on a club the user named unambiguously (asked otherwise). This is the one
# rule of a shared name ("Madrid", "el Madrid", "del Madrid", "do Madrid" alike: the index says which names are shared,
# `nlu/names.py`): without money the match in focus, the opponent or the day may settle it; a real bet only the
# match named (its opponent: `handlers/common.fitting_teams`), and asks otherwise.
ON_A_SIDE = ("bet_simulation",)


def one_in_focus(turn: Turn, candidates: list[str]) -> str | None:
    """The one club of `candidates` that plays the match in focus, when the message stakes on a side of it or names
    the club that match was asked about; None when none or both play it, or the catalogue cannot tell (asked)."""
    context = turn.context
    if not context.get("fixture_id") or context.get("focus_listed") or turn.slots.wants_real_bet:
        return None
    try:
        fixture = fixture_services().get_fixture(fixture_id=str(context["fixture_id"]))
        playing = {fixture.home.name, fixture.away.name}
    except Exception:  # the match is gone or the catalogue is down: asked
        return None
    inside = [name for name in candidates if name in playing]
    if len(inside) != 1:
        return None
    focus = context.get("focus_team")
    # "¿y la del Atlético?" after Barcelona's win in their match: a switch to the other side, said with the word a
    # club's name starts with ("Atlético", never a city: "y del Madrid?" there may be Real Madrid, asked)
    folded = fold(turn.ctx.message)
    switch = bool(_SWITCH.match(folded)) and any(word in NAME_PREFIXES for word in re.findall(r"\w+", folded))
    return inside[0] if turn.intent in ON_A_SIDE or focus in (None, inside[0]) or switch else None


# "and Madrid?", "¿y el Madrid?", "e o Madrid?", "what about Madrid": a switch to another club
_SWITCH = re.compile(r"^\W*(?:and|what about|how about|y|e|que tal|e que tal)\b")


def other_than_focus(turn: Turn, candidates: list[str]) -> str | None:
    """"¿y el Madrid?" right after Atlético Madrid's schedule: a switch away from the club in focus, so the other club
    of the shared name, when the question has no money in it and one other club is left; None when the message is no
    such switch. A real bet or a simulation asks (`ask_which`): "the other one" is read only where nothing is staked."""
    focus = turn.context.get("focus_team")
    if focus not in candidates or not _SWITCH.match(fold(turn.ctx.message)):
        return None
    others = [name for name in candidates if name != focus]
    money = turn.slots.wants_real_bet or turn.real_bet or turn.slots.amount is not None \
        or turn.intent in ("place_bet", "bet_simulation")
    return others[0] if len(others) == 1 and not money else ASKED


def _namesakes_said(message: str, picked: str) -> list[str]:
    """`picked` and the other clubs that go by the word the message named it with ("o Inter": Inter, and
    Internacional, "Inter de Porto Alegre"), or [] when no such word was said."""
    index = get_index()
    words = set(re.findall(r"\w+", fold(message)))
    for key, others in index.namesakes.items():
        if key in words and index.exact.get(key) == ("team", picked):
            return [picked, *others]
    return []


def ranked(word: str, candidates: list[str]) -> list[str]:
    """The candidates in the catalogue search's order for the word (the order "I don't cover" suggested them in)."""
    try:
        order = [team.name for team, _ in match_team(text=word, limit=len(candidates) + 4)]
    except Exception:  # the catalogue is down: alphabetical
        return candidates
    return sorted(candidates, key=lambda name: order.index(name) if name in order else len(order))


def _part_of_a_name(token, message: str, words: set[str]) -> bool:
    """A neighbour that makes the shared word part of a longer name: a word of one of its clubs ("Dortmund"), or a
    proper name of its own ("Racing" of "Racing Club", capitalised or no ordinary word)."""
    if token.text in words:
        return True
    capital = token.start > 0 and message[token.start : token.start + 1].isupper()
    # a word chat writes ("return", "pay") is no name, whatever the short common-word list says
    return capital or (token.text not in COMMON_WORDS and not token.text.isdigit() and len(token.text) >= 4
                       and unheard_word(token.text))


def ask_which(turn: Turn, written: str, candidates: list[str], *, others: list[str] | None = None,
              listed: bool = False) -> None:
    """Set the question for this turn, keeping the request it interrupts for the reply (`others`: the other teams
    it named, "Madrid vs Sevilla": the reply keeps them; `listed`: named as a list, "Madrid and Sevilla", each its own
    answer, never their meeting)."""
    slots = turn.slots
    turn.question = "which_club"
    folded = fold(turn.ctx.message)
    turn.context[ASKED] = {
        "word": written, "candidates": candidates, "intent": turn.intent, "others": list(others or []),
        "listed": listed, "wins": slots.market is None and not others and bool(_WINS.search(folded))
        and not _NEGATED.search(folded),  # "bet 10 on real to win": the club picked wins
        **{key: (str(getattr(slots, key)) if isinstance(getattr(slots, key), Decimal) else getattr(slots, key))
           for key in _KEPT},
    }


def answer(turn: Turn) -> tuple[str, list[str]]:
    """"Which Borussia do you mean: Borussia Dortmund or Borussia Mönchengladbach?", the candidates as chips."""
    asked = turn.context.get(ASKED) or {}
    language = turn.language
    turn.intent = "clarification"
    turn.slots.teams = []
    turn.context.pop("fixture_id", None)  # the reply must not land on the match shown before either
    candidates = list(asked.get("candidates") or [])
    names = either([", ".join(candidates[:-1]), candidates[-1]] if len(candidates) > 2 else candidates, language)
    text = t("which_club", language, text=asked.get("word", ""), names=names)
    actions = candidates[:4]
    extras = [extra for extra in suggestions("generic", language) if extra not in actions]
    return text, actions + extras[:max(0, 2 - len(actions))]


_BARE_NUMBER = re.compile(r"\W*(?:(?:the|el|la|o|a|number|numero|no|n)\W+)?#?([1-9])(?:st|nd|rd|th|o|a)?"
                          r"(?:\W+(?:one|option|opcion|opcao))?\W*")


def _described(turn: Turn, candidates: list[str], words: set[str]) -> list[str] | None:
    """The candidates the reply describes by where or what they play ("the NBA one", "el de baloncesto", "the Spanish
    one", "o brasileiro"): those in the competition, sport or country it names; None when it names none."""
    index, slots = get_index(), turn.slots
    fitting = list(candidates)
    countries = {country for word in words if (country := country_of(word))}
    if not (slots.tournament or slots.sport_id or countries):
        return None
    if slots.tournament:
        ids = {str(item.id) for item in catalogue.list_tournaments() if item.name == slots.tournament}
        fitting = [name for name in fitting if index.leagues_of.get(name, frozenset()) & ids]
    if slots.sport_id:
        fitting = [name for name in fitting if index.sport_of.get(name) == str(slots.sport_id)]
    if countries:
        try:
            played = _team_countries()
        except Exception:  # the catalogue is down: the countries cannot tell
            return list(candidates)
        fitting = [name for name in fitting if played.get(name, set()) & countries]
    return fitting


def _said_again(turn: Turn, candidates: list[str]) -> bool:
    """The reply names the shared name again ("el Madrid" to "which Madrid?"): no pick, the question stands."""
    return any(len(set(choices) & set(candidates)) > 1 for choices in turn.slots.team_choices.values())


def continue_request(turn: Turn, asked: dict | None) -> bool:
    """The reply to "which Borussia?": the request it interrupted, with the club picked. False when the message
    picks none of them (then it is a question of its own)."""
    if not asked:
        return False
    candidates = list(asked.get("candidates") or [])
    picked = next((team for team in turn.slots.teams if team in candidates
                   and len(set(turn.slots.team_choices.get(team) or ()) & set(candidates)) < 2), None)
    # ("Madrid" again, "apuesta 10 al Madrid": the shared name said again is no pick; the question stands)
    placed = False
    folded = fold(turn.ctx.message)
    restaked = None if turn.slots.amount is not None else stake_said(turn.ctx.message, names=candidates)
    if picked is None:
        shared = {word for name in candidates for word in name_key(name).split()
                  if all(word in name_key(other).split() for other in candidates)}
        words = set(re.findall(r"\w+", folded)) - shared
        own = [name for name in candidates if words & (set(name_key(name).split()) - shared)]
        if not own:  # "o de madri", "el de bucaramnga": a word of one club's name, spelt another way or misspelt
            own = [name for name in candidates
                   if any(fuzz.ratio(word, own_word) >= 90 for word in words if len(word) >= 5
                          for own_word in set(name_key(name).split()) - shared)]
        said = " ".join(w for w in re.findall(r"\w+", folded) if w not in _ARTICLES)
        nickname = get_index().exact.get(said)
        if len(set(get_index().choices.get(said, ())) & set(candidates)) > 1:
            nickname = None  # "el Madrid" to "which Madrid?": the shared name again, no pick
        if not own and nickname and nickname[0] == "team" and nickname[1] in candidates:
            own = [nickname[1]]  # "o colorado" to "which Inter?": Internacional by its nickname
        described = _described(turn, candidates, words)
        if len(own) == 1:
            picked = own[0]
        elif (number := ordinal_of(folded)) is not None and 0 < number <= len(candidates):
            picked, placed = candidates[number - 1], True
        elif number == -1:
            picked, placed = candidates[-1], True
        elif (digit := _BARE_NUMBER.fullmatch(folded)) and 0 < int(digit.group(1)) <= len(candidates):
            picked, placed = candidates[int(digit.group(1)) - 1], True  # "2", "#2": the place in the question
        elif described is not None and len(described) == 1:
            picked = described[0]
        elif (described is not None or _said_again(turn, candidates)) and len(turn.ctx.message.split()) <= 4 \
                or restaked is not None:
            # "the Spanish one" when both are Spanish: asked again, among those it fits (all of them if none); "the
            # real one, 20 actually": asked again, the new stake kept for the answer
            turn.intent = asked.get("intent") or "odds_information"
            ask_which(turn, asked.get("word", ""), described if described and len(described) > 1 else candidates,
                      others=asked.get("others"))
            turn.context[ASKED].update({key: asked.get(key) for key in (*_KEPT, "wins")})
            if restaked is not None:
                turn.context[ASKED]["amount"] = str(restaked)
            return True
    if picked is None:
        return False
    slots = turn.slots
    if placed:  # "the 1st one" is a place in the question, not the 1st of the month
        slots.date_from = slots.date_to = None
    others = [team for team in asked.get("others") or [] if team != picked]
    slots.teams, turn.named = [picked, *others], [picked, *others]
    turn.listed = bool(asked.get("listed"))
    slots.team_choices = {}  # picked: "Atlético" after "which Madrid?" is Atlético Madrid, not asked about again
    if restaked is not None:  # "Madrid, 20 actually": the club and the new stake
        slots.amount = restaked
    intent = asked.get("intent") or "odds_information"
    if intent != "odds_information" and restaked is None and ASKS_ODDS.search(folded):
        # "deixa, me mostra as odds do PSG" to "which Paris?" about a bet: that club's odds, the bet dropped
        turn.intent, turn.settled, turn.confidence = "odds_information", True, 0.9
        slots.wants_real_bet, slots.amount = False, None
        turn.context.pop("fixture_id", None)
        return True
    if asked.get("wins") and slots.market is None and slots.selection is None:
        slots.market, slots.selection_team = "1x2", picked  # "bet 10 on real to win": the club picked wins
    for key in _KEPT:
        if getattr(slots, key) in (None, False) and asked.get(key) not in (None, False):
            value = asked[key]
            setattr(slots, key, Decimal(value) if key == "amount" else value)
    if slots.market == "1x2" and not slots.selection:
        slots.selection_team = slots.selection_team or picked
    turn.intent, turn.settled, turn.confidence = intent, True, 0.9
    turn.context.pop("fixture_id", None)  # the club picked's match, not one shown before
    return True


_ARTICLES = frozenset("the el la los o a os do da del de al ao".split())


def corrected_club(turn: Turn, corrected: str | None, cue: re.Match) -> None:
    """"no sorry, I meant atletico" after Real Madrid: the club the correction names. A lower-case nickname there
    stands where only a club can (the NLU reads it as the ordinary word elsewhere); of the clubs a shared name can
    mean, the one that keeps the rest of the corrected club's name is meant (Real Madrid -> Atlético Madrid,
    Deportivo Cali -> América de Cali); when none or several do, the choices stay open (asked, never guessed)."""
    slots = turn.slots
    if not slots.teams:
        rest = re.findall(r"\w+", fold(turn.ctx.message)[cue.end():])  # `cue`: "no sorry i meant" (folded)
        while rest and rest[0] in _ARTICLES:
            rest = rest[1:]
        target = get_index().exact.get(" ".join(rest)) if 0 < len(rest) <= 3 else None
        if target is None or target[0] != "team":
            return
        slots.teams, turn.named = [target[1]], [target[1]]
        choices = get_index().choices.get(" ".join(rest))
        if choices:
            slots.team_choices = {target[1]: list(choices)}
    if not corrected:
        return
    kept = set(name_key(corrected).split())
    for picked, candidates in list(slots.team_choices.items()):
        shared = {word for word in name_key(picked).split() if all(word in name_key(name).split()
                                                                    for name in candidates)}
        fitting = [name for name in candidates if (set(name_key(name).split()) - shared) & kept]
        if len(fitting) == 1 and picked in slots.teams:
            slots.teams = [fitting[0] if team == picked else team for team in slots.teams]
            turn.named = list(slots.teams)
            del slots.team_choices[picked]
