"""Names the NLU could not resolve to a catalogue club: what the user wrote ("Athletico Paranaense", "real madird")
and the closest real clubs to suggest, never another club in its place (the frame's "I don't cover ..." question)."""

from __future__ import annotations

import logging

from rapidfuzz import fuzz

from sports.services.catalogue import match_team

from .nlu.names import COMMON_WORDS, get_index
from .nlu.text import fold, name_key, tokenize

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
            return None
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


def _capitalised(token, message: str) -> bool:
    """A word written with a capital that does not start the message or a sentence: part of a proper name."""
    return token.start > 0 and message[token.start : token.start + 1].isupper() \
        and not message[: token.start].rstrip().endswith(("?", "!", ".", "¿", "¡"))


def closest_teams(text: str) -> list[str]:
    """The catalogue's teams nearest to a name we don't cover ("Inter Miami" -> Inter, Miami Heat): the
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
    return [name for name in dict.fromkeys(names) if _shares_a_word(text, name)][:3]


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
