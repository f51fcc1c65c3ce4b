"""The other side of a match the user names ("celtic to beat rangers", "flamengo contra boca", "palmeiras x river"):
when a club of ours faces words the catalogue does not know, those words are a club we don't cover (kind "unknown"),
never dropped. Why: dropped, the message named one club, and the engine priced, simulated or put money on that club's
next match (PSG vs Celtic for "celtic to beat rangers"). `extract_entities` calls this last, once dates, stakes and
markets have claimed their words, so "vs rangers tomorrow over 2.5" leaves only "rangers" to read."""

from __future__ import annotations

import re

from .mentions import Mention
from .names import get_index
from .text import SpanSet, Token
from .vocabulary import COMMON_WORDS, FUNCTION_WORDS, place_word, unheard_word

# Words that set the other side apart: "vs", "against", "to beat", "contra", "frente a", "le gana al", "x", "vence o",
# "ganha do" (matched on folded text; the article after them is skipped as the name's).
_FACING = re.compile(
    r"\b(?:vs|versus|against|facing|contra|frente\s+(?:a|al|ao)|ante"
    r"|(?:to\s+)?(?:beat|beats|beating|defeat|defeats)"
    r"|(?:lose|loses|losing|lost)\s+to|(?:pierde|pierda|perder)\s+con"
    r"|(?:perde|perca|perder|perdem)\s+(?:pro|pra|para|do|da)"
    r"|(?:le\s+)?(?:gana|gane|ganara|ganarle|vence|venza|vencer|vencerle)(?=\s+(?:a|al)\b)"
    r"|(?:ganha|ganhe|ganhar|vence|venca|vencer|bate|bata|bater)(?=\s+(?:o|a|do|da|de)\b))\b")
# One letter between two sides ("flamengo x boca", "celtic v rangers"): only right beside a club of ours.
_LETTERS = frozenset({"x", "v"})
_ARTICLES = frozenset("the el la los las o a os as al ao do da del de dos das".split())
# Words that go on a club's name after its first ("Rangers FC", "Boca Juniors", "Estudiantes de La Plata").
_NAME_TAIL = frozenset("fc cf ac sc afc cd club city united de del da do la".split())
# Everyone and no one in particular ("celtic against everyone", "contra todos"): never a club's name.
_ANYONE = frozenset("everyone everybody anyone anybody all todos todas cualquiera qualquer ninguem nadie".split())
# What a side does to the other ("rangers pierde ante el celtic", "loses against"): never the name before the cue.
_RESULT_VERBS = frozenset("""lose loses losing lost win wins winning won draw draws drew play plays playing played
    score scores pierde pierden perder pierda gana ganan ganar empata empatan empatar juega juegan jugar marca marcan
    perde perdem perder perca ganha ganham empatam joga jogam jogar""".split())
_NEGATIONS = frozenset("no not nao never nunca to t won doesn don didn will wont can cant would".split())
_OWN_TAIL = frozenset("fc cf ac sc afc cd club city united".split())


def _name_like(token: Token, original: str, *, first: bool) -> bool:
    """A word that can be a club's we don't cover: no word of chat ("everyone" aside) — one chat never says, a place,
    or one written with a capital; after its first word, the words names go on with too."""
    word = token.text
    if not word.isalpha() or len(word) < 2:
        return False
    if not first and word in _NAME_TAIL:
        return True
    if word in COMMON_WORDS or word in FUNCTION_WORDS or word in _ANYONE or word in _RESULT_VERBS:
        return False
    return unheard_word(word) or place_word(word) or original[token.start : token.start + 1].isupper() \
        or get_index().exact.get(word, ("",))[0] == "team"


def _side(tokens: list[Token], at: int, step: int, original: str, taken: SpanSet) -> tuple[int, int] | None:
    """The token range of a name standing on one side of the facing words (`at`, moving by `step`), when nothing
    of ours (a club, a date, a stake, a market) stands there and its words read as a name."""
    i = at
    if step > 0:
        while i < len(tokens) and tokens[i].text in _ARTICLES:
            i += 1
    else:  # "rangers no pierde contra el celtic", "rangers not to lose against": the subject of the verb
        while i >= 0 and tokens[i].text in _RESULT_VERBS | _NEGATIONS:
            i -= 1
    picked: list[int] = []
    while 0 <= i < len(tokens) and len(picked) < 4 and not taken.overlaps(tokens[i].start, tokens[i].end) \
            and _name_like(tokens[i], original, first=False):
        if picked and original[tokens[min(i, picked[-1])].end : tokens[max(i, picked[-1])].start].strip():
            break  # a comma or a dash ends the name
        picked.append(i)
        i += step
    picked.sort()
    while picked and tokens[picked[-1]].text in _NAME_TAIL - _OWN_TAIL:
        picked.pop()  # "contra el boca de": the name ends on a word of its own ("Rangers FC" keeps its "FC")
    while picked and tokens[picked[0]].text in _NAME_TAIL:
        picked.pop(0)  # "de rangers vs celtic": the name starts on a word of its own
    if not picked or not _name_like(tokens[picked[0]], original, first=True):
        return None
    return picked[0], picked[-1]


def unknown_opponents(tokens: list[Token], folded: str, original: str, mentions: list[Mention],
                      taken: SpanSet) -> list[Mention]:
    """Names we don't cover (kind "unknown") on the other side of a club of ours ("rangers" in "celtic to beat
    rangers", "River" in "palmeiras contra o River"), or a club of ours said as an everyday word there (kind "team":
    "celtic won't lose to liverpool"). Nothing unless one club of ours is named ("celtic vs arsenal": no such match
    is the handlers' answer; "el Como no pierde ante el Atalanta" names both)."""
    clubs = [m for m in mentions if m.kind == "team"]
    if len({m.name for m in clubs}) != 1 or not tokens:
        return []  # none of ours, or two already ("el Como no pierde ante el Atalanta"): nothing more to read
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    club_tokens = {i for m in clubs for i in range(starts.get(m.start, -1), ends.get(m.end, -2) + 1)}
    found: list[Mention] = []
    cues = [(m.start(), m.end(), False) for m in _FACING.finditer(folded)]
    cues += [(t.start, t.end, True) for t in tokens if t.text in _LETTERS]
    for cue_start, cue_end, letter in cues:
        after = next((i for i, t in enumerate(tokens) if t.start >= cue_end), len(tokens))
        before = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].end <= cue_start), -1)
        for at, step, facing in ((after, 1, before), (before, -1, after)):
            if letter and facing not in club_tokens:
                continue  # "x"/"v" only between a club of ours and the other name
            span = _side(tokens, at, step, original, taken)
            if span is None:
                continue
            start, end = tokens[span[0]].start, tokens[span[1]].end
            if any(m.start < end and start < m.end for m in (*mentions, *found)):
                continue
            key = " ".join(tokens[i].text for i in range(span[0], span[1] + 1))
            target = get_index().exact.get(key)
            if target and target[0] == "team":  # "celtic won't lose to liverpool": a club's everyday word, the club
                found.append(Mention("team", target[1], start, end, 100.0, partial=True))
                continue
            found.append(Mention("unknown", " ".join(original[start:end].split()), start, end, 0.0, partial=True))
    return found
