"""A club's everyday-word nickname (SUBJECT_NICKNAMES: "wolves", "forest", "villa", "magpies") as the subject of a
match's verb: "when do wolves play next", "did forest win?", "how do villa stack up against newcastle".

Why: in lower case the word is first the animal or the place; it is the club only when what the verb says is a match.
The verb alone does not say it ("how do wolves play with their pups?", "how did forest win the war on pests?"): the
match goes on after it, where the message ends, a time is said ("next", "tonight", "on saturday"), the other side is
faced ("against", "vs") or named (a club of the catalogue), a ground ("at home") or the club's own next or last
game ("did wolves win their last game").
"""

from __future__ import annotations

from sports.nicknames import SUBJECT_NICKNAMES

from .dates import WEEKDAYS
from .text import Token

MATCH_VERBS = frozenset("""play plays playing played face faces facing take takes taking stack stacks stacking beat
    beats beating win wins winning won lose loses losing lost draw draws drew host hosts hosting visit visits visiting
    meet meets meeting travel travels""".split())
AUXILIARIES = frozenset("do does did will would can could should are were is was when how if and".split())
_PARTICLES = frozenset("up out".split())  # "stack up against", "play out"
_FACING = frozenset("against vs v versus".split())
_TIMES = frozenset("""next tonight today tomorrow tmrw tmr tonite yesterday later soon again now this last""".split())
_ON_A_DAY = frozenset({"on", *WEEKDAYS})  # "play on saturday", "play sunday"
_GROUNDS = frozenset("home away".split())  # "play at home", "win away"
_THEIR = frozenset("their its".split())  # "did wolves win their last game"


def _match_goes_on(j: int, tokens: list[Token], clubs: dict[str, tuple[str, str]]) -> bool:
    """tokens[j:] (what follows the verb) carry a match on: nothing, a time, a side faced, or another club."""
    while j < len(tokens) and tokens[j].text in _PARTICLES:
        j += 1
    if j == len(tokens):
        return True
    word = tokens[j].text
    if word in _TIMES or word in _FACING or word in WEEKDAYS:
        return True
    following = tokens[j + 1].text if j + 1 < len(tokens) else None
    if word in _GROUNDS or (word == "at" and following in _GROUNDS):
        return True
    if word == "on":
        return following in _ON_A_DAY
    if word in _THEIR:
        return following in _TIMES
    j += word == "the"
    return any(clubs.get(" ".join(t.text for t in tokens[j : j + n]), ("",))[0] == "team" for n in (3, 2, 1))


def subject_of_a_match(i: int, tokens: list[Token], clubs: dict[str, tuple[str, str]]) -> bool:
    """tokens[i], a club's everyday-word nickname, is the subject of a match's verb in a question ("when do wolves
    play"), the match going on after the verb (see the module); `clubs` maps a folded name to its (kind, name). At the
    start of a message it stays the word ("wolves play in the snow")."""
    after = tokens[i + 1].text if i + 1 < len(tokens) else None
    return (tokens[i].text in SUBJECT_NICKNAMES and after in MATCH_VERBS
            and i > 0 and tokens[i - 1].text in AUXILIARIES and _match_goes_on(i + 2, tokens, clubs))
