"""A club's name said as the ordinary word it also is, where a club cannot stand.

Why: the name index matches "como", "city", "inter", "real" whatever the sentence does with them, so "tan bueno como
atalanta" named Como, "what city is the final in" Manchester City, "inter-league games" Inter. These are the
grammar that makes the word a word: a comparison ("tan ... como", "igual que como", "como el/o ..."), a determiner
or question word before a noun ("which city", "my city", "the city is"), a prefix glued to a word ("inter-league",
"inter city", "real-time"). A club facing another ("como vs atalanta") or after "the game of"/"odds for" is still
the club (names.py decides that first), and so is the name written with a capital inside a sentence.
"""

from __future__ import annotations

from .text import Token

# "tan bueno como", "tanto como", "igual que como", "así como", "tão bom como", "tal como": a comparison.
_AS_MUCH = frozenset("tan tanto tanta tantos tantas igual mismo misma asi tao tal".split())
# "como el inter", "como o flamengo", "como nunca": "like"/"as", not the club (which takes no article after it).
_AFTER_LIKE = frozenset("el la los las un una unos unas lo o a os as um uma uns umas nunca siempre sempre si se eu yo"
                        .split())
# "which city", "my city", "a city", "in this city": a noun after a determiner or a question word.
_DETERMINERS = frozenset("what which whose my your our his her their this that a an every each any some another big "
                         "whole same host capital home nice".split())
# "the city is", "the city of", "the city hosts": the noun, followed by what a place does.
_PLACE_AFTER = frozenset("is was of has hosts hosting host where centre center council hall".split())
_UNITED_BEFORE = frozenset("all are were stay stand remain be being is we re unidos unidas".split())
# "inter-league", "inter city", "real-time": a prefix of the word after it.
_PREFIXED = {"inter": frozenset("league leagues city state states national continental county club school"
                                "".split()),
             "real": frozenset("time life world deal thing talk".split())}


def said_as_word(i: int, tokens: list[Token], original: str) -> bool:
    """tokens[i], a one-word club name that is also an ordinary word, is used as the word (see the module)."""
    word = tokens[i].text
    if original[tokens[i].start : tokens[i].start + 1].isupper():
        return False  # "Como", "City": written as a name
    before = [t.text for t in tokens[max(0, i - 4) : i]]
    after = tokens[i + 1].text if i + 1 < len(tokens) else None
    glued_after = after is not None and not original[tokens[i].end : tokens[i + 1].start].strip(" -")
    if word == "como":
        return bool(_AS_MUCH.intersection(before)) or after in _AFTER_LIKE
    if word == "city":
        return bool(before) and (before[-1] in _DETERMINERS
                                 or (before[-1] == "the" and after in _PLACE_AFTER))
    if word == "united":  # "we're all united", "stay united": the adjective
        return bool(before) and before[-1] in _UNITED_BEFORE
    if word in _PREFIXED:
        return glued_after and after in _PREFIXED[word]
    return False
