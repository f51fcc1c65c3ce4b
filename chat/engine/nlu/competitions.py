"""Competitions named in a message that the catalogue does not know ("League Two", "Copa Libertadores").

Without this, the word "league" in "give me all matches in League Two" is read as a question about
leagues in general. A competition word (league, liga, cup, copa, serie, ...) written together with a
name ("League Two", "FA Cup", "Copa del Rey", "Liga MX", "Serie B", "league two") is kept as the
tournament the user asked about, as they wrote it: the schedule is then filtered by it and says
plainly when we have none of its matches, instead of listing every tournament.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .language import _WORDS
from .prefilter import prefiltered
from .text import SpanSet

# Folded, singular: a plural ("which leagues?") is a question about competitions, not a name.
HEAD_WORDS = frozenset(
    """league liga ligue lega cup copa coupe coppa taca trophy shield serie division divisao primera segunda
    championship campeonato torneo torneio eredivisie premiership superliga""".split()
)
# Lower-case words that still complete a name after a competition word: "league two", "serie b", "ligue 2".
# (Not "a": "is the league a good bet" names nothing; "Serie A" is in the catalogue.)
_LOWER_QUALIFIERS = frozenset("one two three four 1 2 3 4 b".split())
_CONNECTORS = frozenset({"de", "del", "da", "do", "dos", "of"})
# Capitalised words that start a sentence or a request, never a competition's name.
_NOT_NAMES = frozenset(w for words in _WORDS.values() for w in words) | frozenset(
    """all every list todos todas todo muestrame mostrame mostra muestra quais cuales find any next""".split()
    # short words of chat after a name, never its code ("a premier league tá disponível?", "la liga ya empezó?")
    + """ta to tao tava tai ai ja ya eh hay tem vai vem sim si nao ok pls plz hj hoy vc vcs q""".split()
)
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class NamedCompetition:
    name: str  # as the user wrote it
    start: int
    end: int


def _qualifier(folded: str) -> bool:
    """A lower-case word that completes a competition's name right after its competition word: "two", "b", "2", or a
    short code that is no ordinary word ("liga mx", "liga pro")."""
    return folded in _LOWER_QUALIFIERS or (len(folded) <= 3 and folded.isalpha() and folded not in _NOT_NAMES
                                           and folded not in _CONNECTORS)


def _is_name_word(word: str, folded: str) -> bool:
    """A capitalised word, acronym or number that can be part of a competition's name."""
    if folded in _NOT_NAMES or folded in HEAD_WORDS:
        return False
    return word[0].isupper() or word.isdigit()


# Competitions everyone knows by a bare name, typed in lower case as often as not ("tem libertadores aí?", "¿tienen
# la sudamericana?", "do you have the europa league?"): folded spellings -> the name said back. The catalogue's own
# names are read first (names.py); these are the ones it may lack, answered as such ("no Copa Libertadores matches").
# Clubs' competitions only: the national teams' ("the 2010 world cup") are asked about as history or trivia.
_WELL_KNOWN: dict[str, str] = {
    spelling: name
    for name, spellings in {
        "Copa Libertadores": "copa libertadores|libertadores",
        "Copa Sudamericana": "copa sudamericana|sudamericana|sul-americana|sul americana|sulamericana",
        "Recopa Sudamericana": "recopa sudamericana|recopa",
        "Copa do Brasil": "copa do brasil",
        "Copa del Rey": "copa del rey",
        "FA Cup": "fa cup",
        "EFL Cup": "carabao cup|efl cup|league cup",
        "UEFA Europa League": "uefa europa league|europa league|liga europa",
        "UEFA Conference League": "uefa conference league|conference league",
        "Club World Cup": "club world cup|mundial de clubes|copa do mundo de clubes|copa mundial de clubes",
        "Liga MX": "liga mx",
        "MLS": "mls",
        "Eredivisie": "eredivisie",
        "Liga Portugal": "liga portugal|primeira liga",
        "Campeonato Paulista": "paulistao|campeonato paulista",
        "Campeonato Carioca": "cariocao|campeonato carioca",
        "Copa Argentina": "copa argentina",
    }.items()
    for spelling in spellings.split("|")
}
_WELL_KNOWN_RX = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _WELL_KNOWN), key=len, reverse=True)) + r")\b")


def _well_known(folded: str, taken: SpanSet) -> NamedCompetition | None:
    """The first competition of `_WELL_KNOWN` said in `folded` whose words no other extractor took."""
    for m in _WELL_KNOWN_RX.finditer(folded):
        if not taken.overlaps(m.start(), m.end()):
            return NamedCompetition(_WELL_KNOWN[m.group()], m.start(), m.end())
    return None


def find_named_competition(text: str, folded: str, *, taken: SpanSet) -> NamedCompetition | None:
    """The first competition named in `text` (original spelling; `folded` is `fold(text)`, same length)
    whose words no other extractor took (but for the competition word), or None; else a competition everyone knows
    by a bare name (`_WELL_KNOWN`, said back by its name)."""
    tokens = [(m.group(), folded[m.start():m.end()], m.start(), m.end()) for m in _TOKEN.finditer(text)]

    def adjacent(left: int, right: int) -> bool:  # only spaces between two tokens: no "?", "," or "."
        return not text[tokens[left][3]:tokens[right][2]].strip()

    for i, (_word, key, _start, _end) in enumerate(tokens):
        if key not in HEAD_WORDS:
            continue
        first = last = i
        while first > 0 and adjacent(first - 1, first) and _is_name_word(tokens[first - 1][0], tokens[first - 1][1]):
            first -= 1
        j = i + 1
        while j < len(tokens) and adjacent(j - 1, j):
            word, key_j = tokens[j][0], tokens[j][1]
            if _is_name_word(word, key_j) or (j == last + 1 and last == i and _qualifier(key_j)):
                last = j
            elif key_j not in _CONNECTORS:
                break
            j += 1
        if first == i and last == i:
            continue  # a bare "league" / "liga" is a word, not a name
        if key == "serie" and not (first == i and last == i + 1 and len(tokens[last][0]) <= 2):
            continue  # "Serie B", "Série C"; "una serie de Netflix" is a TV series
        # Another extractor's words are not part of it; the competition word itself may be taken
        # (the catalogue reads "Liga" alone as LaLiga, but "Liga MX" is another league).
        if not any(taken.overlaps(t[2], t[3]) for t in tokens[first:last + 1] if t[1] not in HEAD_WORDS):
            start, end = tokens[first][2], tokens[last][3]
            return NamedCompetition(text[start:end], start, end)
    return _well_known(folded, taken)


# "which leagues have games tomorrow?", "que torneios tem jogo amanhã", "qué ligas tienen partidos el domingo", "qué
# torneos se juegan hoy", "quais campeonatos jogam amanhã": which competitions play (on a day), asked of the
# competitions, not of their matches (matched on folded text).
_WHICH_PLAY = prefiltered(re.compile(  # searched in every message: only when it has one of its first words
    r"\b(?:what|which|que|cuales|quais|en que|en cuales|em quais|em que|de que|de quais)\s+"
    r"(?:leagues|competitions|tournaments|ligas|torneos|competiciones|campeonatos|competicoes|torneios)\s+"
    r"(?:(?:have|has|got|tienen|tiene|hay|tem|teem|there are|are there|con|com|are|is)\s+)?"
    r"(?:(?:any|some|algun\w*|algum\w*)\s+)?"
    r"(?:games?|matches|match|fixtures|partidos?|juegos?|jogos?|partidas?|playing|on|en juego|em jogo|jugando"
    r"|jogando|play|juegan|juega|se juegan|se disputan|disputan|se disputa|jogam|joga|se jogam|disputam|rolam"
    r"|estan en juego|estao em jogo)\b"))


def asks_which_competitions_play(folded: str) -> bool:
    """The message asks which competitions have games (then, or at all): tournament information."""
    return bool(_WHICH_PLAY.search(folded))


# "what comps can I bet on", "en qué torneos se puede apostar", "quais campeonatos dá pra apostar": which competitions
# take bets, asked of the competitions (not a bet to place, nor help), however casually the noun is said.
_WHICH_TO_BET = prefiltered(re.compile(
    r"\b(?:what|which|any|que|cuales|quais|en que|en cuales|em quais|em que|de que|de quais)\s+"
    r"(?:comps|tourneys|leagues|competitions|tournaments|ligas|torneos|competiciones|campeonatos|competicoes"
    r"|torneios)\s+(?:[\w']+\s+){0,5}?(?:bet|betting|wager|punt|apostar\w*|apuesto|apostamos|aposto|apuesta|aposta"
    r"|jugar\w*|meter\w*|jogar)\b"))


def asks_which_competitions_to_bet(folded: str) -> bool:
    """The message asks which competitions one can bet on: tournament information."""
    return bool(_WHICH_TO_BET.search(folded))
