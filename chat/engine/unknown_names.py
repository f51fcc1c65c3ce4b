"""Names the NLU could not resolve to a catalogue club: what the user wrote ("Athletico Paranaense", "real madird")
and the closest real clubs to suggest, never another club in its place (the frame's "I don't cover ..." question)."""

from __future__ import annotations

import logging

from rapidfuzz import fuzz

from sports.services.catalogue import match_team

from .nlu.names import COMMON_WORDS, get_index
from .nlu.text import fold, name_key, tokenize
from .nlu.vocabulary import unheard_word

logger = logging.getLogger(__name__)

_NOT_NAMES = frozenset(
    """one ones winner winners winning instead corners corner price prices latest current now them both market markets
    goal goals scorer scorers handicap asian total totals points moneyline spread quote quotes chances probability
    payout pays paying favourite favorite underdog show give tell about options riskier lower higher cuanto paga
    pagan ganador favorito mercado mercados cotizacion quanto vencedor partida again also other another same
    please pls thanks gracias obrigado hola hello odds cuotas cuota quotes line lines live vivo""".split()
)
# Words of a name that are ordinary on their own ("real" madird, "atletico" ...): kept in the query text.
_NAME_PARTS = frozenset("real atletico athletic deportivo sporting inter city united san santa saint new".split())


def unresolved_name(message: str, *, known: list[str] | None = None) -> tuple[str, list[str]] | None:
    """(the words, closest catalogue teams) when the message names a team the NLU couldn't resolve
    ("real madird odds", "odds for Manchester"); None when every word is ordinary chat vocabulary."""
    known_words = {w for name in (known or []) for w in name_key(name).split()}
    tokens = tokenize(fold(message))
    kept = [tok for tok in tokens if not tok.text.isdigit() and tok.text not in _NOT_NAMES
            and tok.text not in known_words and (tok.text not in COMMON_WORDS or tok.text in _NAME_PARTS)]
    strange = [tok.text for tok in kept if tok.text not in COMMON_WORDS and len(tok.text) >= 4]
    if not strange:
        return None
    query = " ".join(tok.text for tok in kept)
    # A capitalised word that does not start the message is a proper name ("odds for Racing Club"): if nothing
    # close is found, it is still a name we don't cover, said as written.
    proper = [tok for tok in kept if tok.start > 0 and message[tok.start : tok.start + 1].isupper()
              and not message[: tok.start].rstrip().endswith(("?", "!", ".", "¿", "¡"))]
    written = " ".join(message[tok.start : tok.end] for tok in kept)
    try:
        found = match_team(text=query, limit=3)
    except Exception:  # the catalogue is down: nothing to suggest, answer as before
        logger.warning("team suggestions unavailable", exc_info=True)
        return None
    close = []
    for team, score in found:
        team_words = [w for w in name_key(team.name).split() if len(w) >= 4]
        if score >= 80 and any(fuzz.ratio(w, tw) >= 80 for w in strange for tw in team_words):
            close.append((team.name, score))
    if not close:
        if not proper or not any(tok.text in strange for tok in proper):
            unheard = [tok for tok in kept if tok.text in strange and unheard_word(tok.text)
                       and _where_a_club_stands(tokens, tokens.index(tok))]
            if not unheard:
                return None
            # "cuotas pumas unam", "odds boca": words chat never says in lower case, where a club stands: a name we
            # don't cover, said as written (its kept words around it), never the live list nor another club
            first = last = kept.index(unheard[0])
            while last + 1 < len(kept) and tokens.index(kept[last + 1]) == tokens.index(kept[last]) + 1 \
                    and kept[last + 1].text not in COMMON_WORDS:
                last += 1
            written = message[kept[first].start : kept[last].end]
            return written, closest_teams(written)
        first = tokens.index(proper[0])  # "Racing Club", "Athletico Paranaense": the capitalised words, whole
        while first > 0 and _capitalised(tokens[first - 1], message):
            first -= 1
        last = first
        while last + 1 < len(tokens):  # "Estudiantes de La Plata": a connector between two capitalised words
            if message[tokens[last + 1].start].isupper():
                last += 1
            elif tokens[last + 1].text in _CONNECTORS and last + 2 < len(tokens) \
                    and message[tokens[last + 2].start].isupper():
                last += 2
            else:
                break
        written = message[tokens[first].start : tokens[last].end]
        return written, closest_teams(written)
    best = close[0][1]
    return written, [name for name, score in close if score >= best - 10]


_CONNECTORS = frozenset("de del da do dos das di la".split())
# A club's initials, written in capitals in its name ("fc barcelona", "psv", "aek", a university's "unam"): said back
# as "FC", "PSV", "UNAM".
_INITIALS = frozenset("ac afc aek bk ca cd cf ec fc fk if nk psv sc sd se sk sv ud us ldu unam uanl".split())


def as_a_name(text: str) -> str:
    """A club we don't cover, said back as the proper name it is ("boca juniors" -> "Boca Juniors", "fc zurich"
    -> "FC Zurich", "estudiantes de la plata" -> "Estudiantes de la Plata"): typed all in lower case, its words get
    their capital (a connector inside stays lower, initials and a short word with no vowel are capitals); any
    capital the user typed means it is written as they meant it, and is kept as written."""
    if any(char.isupper() for char in text):
        return text
    words = []
    for i, word in enumerate(text.split()):
        if i and word in _CONNECTORS:
            words.append(word)
        elif word in _INITIALS or (len(word) <= 3 and word.isalpha() and not set(fold(word)) & set("aeiouy")):
            words.append(word.upper())
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)
# Words a club's name follows or precedes in a request ("odds boca", "cuotas del X", "quanto paga o X", "X game",
# "when do X play"): a follow-up's "¿y si empatan?" or "e depois de amanhã?" has none beside its unknown word.
_BEFORE_A_CLUB = frozenset("odds odd cuotas cuota momios cotacao cotacoes for of de del do da el la o a the paga pagan "
                           "vs v x versus against contra".split())
_AFTER_A_CLUB = frozenset("odds cuotas game games match partido partidos jogo jogos play plays juega joga vs v x versus"
                          " against contra".split())


def _where_a_club_stands(tokens: list, i: int) -> bool:
    """tokens[i] comes after a word a club's name follows, or before one it precedes (skipping the name's own
    following words)."""
    if i > 0 and tokens[i - 1].text in _BEFORE_A_CLUB:
        return True
    j = i + 1
    while j < len(tokens) and tokens[j].text not in COMMON_WORDS and tokens[j].text not in _AFTER_A_CLUB:
        j += 1
    return j < len(tokens) and tokens[j].text in _AFTER_A_CLUB


def _capitalised(token, message: str) -> bool:
    """A word written with a capital that does not start the message or a sentence: part of a proper name."""
    return token.start > 0 and message[token.start : token.start + 1].isupper() \
        and not message[: token.start].rstrip().endswith(("?", "!", ".", "¿", "¡"))


def closest_teams(text: str) -> list[str]:
    """The catalogue's teams nearest to a name we don't cover ("Inter Miami" -> Inter): the
    suggestions of "I don't cover ..."; empty when nothing is near or the catalogue is down. Only clubs that share
    a word with it (`_shares_a_word`): "Athletico Paranaense" suggests neither Parma (letters) nor Athletic Club
    (a word every other club has)."""
    try:
        found = match_team(text=text, limit=4)
        best = found[0][1] if found else 0
        names = [team.name for team, score in found if score >= 80 and score >= best - 10]
        for word in name_key(text).split():  # the clubs its own words name ("Miami" -> Miami Heat)
            if len(word) >= 4 and word not in COMMON_WORDS:
                names += [team.name for team, score in match_team(text=word, limit=1) if score >= 90]
    except Exception:  # the catalogue is down: say we don't cover it, without suggestions
        logger.warning("team suggestions unavailable", exc_info=True)
        return []
    names = [name for name in dict.fromkeys(names) if _shares_a_word(text, name) and not _only_its_city(text, name)]
    return _one_sport(names)[:3]


def _one_sport(names: list[str]) -> list[str]:
    """The suggestions of the nearest one's sport: a name we don't cover is one club, of one sport ("Inter Miami" is
    a football club: Inter, not a basketball club)."""
    sport_of = get_index().sport_of
    first = sport_of.get(names[0]) if names else None
    return [name for name in names if first is None or sport_of.get(name) in (first, None)]


def _only_its_city(text: str, team: str) -> bool:
    """`text` shares with `team` only the words before the club's own nickname, its last word ("Boston" of Boston
    Celtics, who go by "Celtics"; "Miami" of Miami Heat): another club of that city ("Boston Red Sox", "Inter
    Miami"), not a spelling of this one. "Dortmund" (Borussia Dortmund's last word) is the club's own."""
    index = get_index()
    words = name_key(team).split()
    if len(words) < 2 or index.exact.get(words[-1]) != ("team", team):
        return False
    said = set(name_key(text).split())
    return words[-1] not in said and bool(said & set(words[:-1]))


def _shares_a_word(text: str, team: str) -> bool:
    """A word of `text` is a word the club is called by: one of its own, typos aside ("Munchen", "Juniors"), or a
    word of club names in general ("Inter", "Athletic", "Real") only when it is, exactly, what this one club alone is
    called ("Inter Miami" -> Inter; "Athletico Paranaense" is not Athletic Club, "Real Zaragoza" not Real Madrid)."""
    index = get_index()  # its keys: every name, nickname and distinctive word of each club
    keys = [key for key, (kind, owner) in index.exact.items() if kind == "team" and owner == team]
    own = {w for key in (*keys, name_key(team)) for w in key.split() if len(w) >= 3 and w not in COMMON_WORDS}
    for word in (w for w in name_key(text).split() if len(w) >= 3):
        if word in COMMON_WORDS:
            if word in keys and word not in index.choices:
                return True
        elif any(fuzz.ratio(word, w) >= 80 for w in own):
            return True
    return False
