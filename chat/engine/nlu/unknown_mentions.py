"""Names we don't cover, found among the matcher's mentions: a club's word glued to more of a name ("Inter Miami",
"Boca Juniors", "Sporting Cristal") is that longer name, kind "unknown", said as written, so the answer says "I don't
cover it" instead of answering for another club (`names.find_mentions` calls these last)."""

from __future__ import annotations

from bisect import bisect_left

from rapidfuzz import fuzz, process

from sports.services import catalogue

from .mentions import ARTICLES, VS_WORDS, Mention, NameIndex
from .places import country_of
from .text import Token, name_key
from .vocabulary import COMMON_WORDS, chat_vocabulary, place_word


def part_of_unknown_name(i: int, n: int, words: list[str], used: list[bool]) -> bool:
    """A typo-match glued to another unknown word is a name we don't have ("Boca Juniors" is not
    "Junior"): better "not covered" with suggestions than silently another team."""
    for j in (i - 1, i + n):
        if 0 <= j < len(words) and not used[j]:
            word = words[j]
            if len(word) >= 3 and word.isalpha() and word not in COMMON_WORDS and word not in ARTICLES:
                return True
    return False


def _name_like(j: int, tokens: list[Token], original: str, index: NameIndex, *, lower: bool,
               forward: bool = False) -> bool:
    """tokens[j], glued to a club's name, reads as more of a name: a capitalised word that does not start the
    sentence ("Inter Miami", "Real Madrid Castilla"), or, in a message written in lower case, a word of
    another catalogue name ("inter miami"). Ordinary chat words ("Liverpool tomorrow", "Betis odds") never."""
    word = tokens[j].text
    capital = original[tokens[j].start : tokens[j].start + 1].isupper()
    if forward and capital and word in COMMON_WORDS and j + 1 < len(tokens) and word not in VS_WORDS \
            and not original.isupper() and not original[tokens[j].end : tokens[j + 1].start].strip():
        return _name_like(j + 1, tokens, original, index, lower=lower)  # "Boston Red Sox": "Red" starts "Red Sox"
    if len(word) < 3 or not word.isalpha() or word in COMMON_WORDS or word in ARTICLES or word in VS_WORDS \
            or word in _ONE:
        return False
    if capital:
        return j > 0 and not original[: tokens[j].start].rstrip().endswith(("?", "!", ".", "¿", "¡"))
    return lower and word in index.name_words


_OF = frozenset({"de", "del", "do", "da"})
# The words many clubs end with after their place ("Leicester City", "Hull United", "Luton Town"): after a place we
# don't cover, another club than the one of ours that goes by the word
_CLUB_SUFFIXES = frozenset("city united town county rovers athletic wanderers albion".split())
# "the chelsea one", "the Leeds ones": the match of that club, picked from a list, never a name "Chelsea One".
_ONE = frozenset({"one", "ones"})


_COUNTRIES: dict[int, dict[str, set[str]]] = {}


def _another_country(team: str, word: str, index: NameIndex) -> bool:
    """`word` names a country ("méxico") other than every one the club plays its league in (América de Cali:
    Colombia), and is no word of the club's own name: "X de <that country>" is another club."""
    country = country_of(word)
    if country is None or word in name_key(team).split():
        return False
    by_team = _COUNTRIES.get(id(index))
    if by_team is None:
        league_country = {str(tournament.id): tournament.country for tournament in catalogue.list_tournaments()}
        by_team = {name: {league_country.get(league, "") for league in leagues}
                   for name, leagues in index.leagues_of.items()}
        _COUNTRIES.clear()
        _COUNTRIES[id(index)] = by_team
    countries = by_team.get(team) or set()
    return bool(countries) and country not in countries


def _city_word(m: Mention, word: str, index: NameIndex) -> bool:
    """`word` is the first word of the club's name (its city: "miami" of Miami Heat), the club going by its last."""
    words = name_key(m.name).split()
    return m.partial and len(words) > 1 and words[0] == word and index.exact.get(words[-1]) == ("team", m.name)


def _clause_end(j: int, tokens: list[Token], original: str) -> bool:
    """tokens[j] ends the message or its clause (a question mark, a comma follows): the name's last word."""
    return j + 1 == len(tokens) or original[tokens[j].end : tokens[j + 1].start].strip()[:1] in set("?!,.;")


def _unheard(word: str) -> bool:
    """A word chat never says (no word of the corpus or the word lists, nor one we know): part of a name ("sox")."""
    if len(word) < 3 or not word.isalpha() or word in COMMON_WORDS or word in ARTICLES:
        return False
    vocabulary = chat_vocabulary()  # sorted
    i = bisect_left(vocabulary, word)
    return bool(vocabulary) and not (i < len(vocabulary) and vocabulary[i] == word)


def unknown_names(mentions: list[Mention], tokens: list[Token], original: str, index: NameIndex) -> list[Mention]:
    """A team mention that is only part of a longer name is a name we don't have ("Inter" of "Inter Miami"): kind
    "unknown", the words as written, so the answer says "I don't cover it" instead of answering for another team.
    Two names glued together are one unknown name when one is a nickname or a single word of a longer name and
    the two play different sports ("Inter" + "Miami" of Miami Heat), or when neither is a club's own name and one
    is a typo ("Sporting" + "Cristal" read as Crystal Palace); "Arsenal Tottenham" stays two clubs."""
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    owner: dict[int, Mention] = {}
    for m in mentions:
        for i in range(starts.get(m.start, 0), ends.get(m.end, -1) + 1):
            owner[i] = m

    def glued(a: int, b: int) -> bool:  # tokens a and b are neighbours with only spaces between them
        return 0 <= a < b < len(tokens) and b == a + 1 and not original[tokens[a].end : tokens[b].start].strip()

    result: list[Mention] = []
    skip: set[Mention] = set()
    for m in mentions:
        if m in skip:
            continue
        if m.kind != "team" or m.start not in starts or m.end not in ends:
            result.append(m)
            continue
        first, last = starts[m.start], ends[m.end]
        lower = not original[m.start : m.start + 1].isupper()
        grown = False
        while True:
            before, after = first - 1, last + 1
            other = owner.get(after) if glued(last, after) else None
            sports = {index.sport_of.get(m.name), index.sport_of.get(other.name)} if other is not None else set()
            typo = other is not None and min(m.score, other.score) < 100  # "Sporting" + "Cristal" read as Crystal
            if other is not None and other.kind == "team" and other is not m \
                    and ((m.partial and other.partial and typo)
                         or ((m.partial or other.partial) and None not in sports and len(sports) == 2)):
                skip.add(other)
                last, grown = ends.get(other.end, after), True
            elif after not in owner and glued(last, after) and _name_like(after, tokens, original, index,
                                                                          lower=lower, forward=True):
                last, grown = after, True
            elif not grown and after not in owner and glued(last, after) and _clause_end(after, tokens, original) \
                    and first > 0 and tokens[first - 1].text in _OF | {"of"} and place_word(tokens[after].text):
                last, grown = after, True  # "jogos do santos laguna": a last word no chat says, another club's place
            elif not grown and after + 1 < len(tokens) and after not in owner and after + 1 not in owner \
                    and glued(last, after) and glued(after, after + 1) and _city_word(m, tokens[first].text, index) \
                    and (tokens[after].text in COMMON_WORDS or place_word(tokens[after].text)) \
                    and _unheard(tokens[after + 1].text):
                last, grown = after + 1, True  # "boston red sox", "chicago white sox": a city's other club, two words
            elif not grown and after not in owner and glued(last, after) and _city_word(m, tokens[first].text, index) \
                    and place_word(tokens[after].text):
                last, grown = after, True  # "miami dolphins": the city of a club called by its nickname, another's
            elif not grown and after + 1 < len(tokens) and after not in owner and after + 1 not in owner \
                    and tokens[after].text in _OF and glued(last, after) and glued(after, after + 1) \
                    and place_word(tokens[after + 1].text):
                last, grown = after + 1, True  # "nacional de montevideo": "de" and a place make another club
            elif not grown and after + 1 < len(tokens) and after not in owner and after + 1 not in owner \
                    and tokens[after].text in _OF and glued(last, after) and glued(after, after + 1) \
                    and _another_country(m.name, tokens[after + 1].text, index):
                last, grown = after + 1, True  # "américa de méxico": a club of another country, not América de Cali
            elif before not in owner and glued(before, first) and _name_like(before, tokens, original, index,
                                                                             lower=lower):
                first, grown = before, True
            elif not grown and m.partial and first == last and tokens[first].text in _CLUB_SUFFIXES \
                    and before >= 0 and before not in owner and glued(before, first) \
                    and place_word(tokens[before].text):
                first, grown = before, True  # "leicester city": another place's City, never Manchester's
            else:
                break
        if not grown:
            result.append(m)
            continue
        while tokens[first].text in ARTICLES and first < last:  # "el Inter Miami": the name is "Inter Miami"
            first += 1
        start, end = tokens[first].start, tokens[last].end
        written = " ".join(original[start:end].split())
        mistyped = _mistyped(written, index)  # "Real Madris": Real Madrid mistyped, not a club we don't cover
        result.append(Mention("team", mistyped[0], start, end, mistyped[1], partial=True) if mistyped
                      else Mention("unknown", written, start, end, 0.0, partial=True))
    return result


def _mistyped(written: str, index: NameIndex) -> tuple[str, float] | None:
    """The catalogue club a longer name said is a typo of ("Real Madris", "Manchester Unted": one or two letters off
    a name of as many words), with the match's score; None for a name of its own ("Inter Miami" is 82 % Inter Milan,
    "Sporting Cristal" 74 % Sporting CP)."""
    key = name_key(written)
    if len(key) < 8 or not index.fuzzy_keys:
        return None
    best = process.extractOne(key, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=90)
    if best is None or len(best[0].split()) != len(key.split()):
        return None
    kind, canonical = index.fuzzy_targets[best[2]]
    return (canonical, float(best[1])) if kind == "team" else None
