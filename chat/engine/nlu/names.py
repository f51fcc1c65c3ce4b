"""Team and tournament mentions, matched against the live catalogue.

The catalogue (`sports.services.catalogue`) is the only source of names. From it we build, at most
once per `INDEX_TTL` seconds, an index of folded keys (canonical names, the catalogue's own aliases,
the nicknames of `aliases.py` whose target exists, and unambiguous single words of multi-word names:
"Dortmund", "Palmeiras"). A message is matched on whole-word n-grams, exactly first and then with
rapidfuzz for typos, so "Inter" never fires inside "interesting" and "real" alone names nobody.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from sports.aliases import TEAM_ALIASES, TOURNAMENT_ALIASES, written_short
from sports.nicknames import TEAM_NICKNAMES, TOURNAMENT_NICKNAMES
from sports.services import catalogue, fixtures

from .competitions import HEAD_WORDS
from .derbies import find_derbies
from .everyday import said_as_word
from .language import FUNCTION_WORDS
from .match_subject import AUXILIARIES, MATCH_VERBS, subject_of_a_match
from .mentions import ARTICLES as _ARTICLES
from .mentions import VS_WORDS as _VS_WORDS
from .mentions import Mention, NameIndex
from .places import PLACE_WORDS
from .text import SpanSet, Token, name_key
from .unknown_mentions import part_of_unknown_name, unknown_names
from .vocabulary import CAPITALISED_ONLY, COMMON_WORDS, NAME_PREFIXES, STAKE_ON, STAKE_WORDS, place_word

logger = logging.getLogger(__name__)

INDEX_TTL = 300.0  # seconds a built index is trusted; the catalogue changes a few times a day
RETRY_AFTER_ERROR = 30.0  # a failing catalogue is asked again after this, the stale index serves meanwhile
SEEN_TTL = 7 * 86400.0  # a team that left the current fixtures stays recognisable this long
MAX_NGRAM = 5



def build_index(
    *,
    teams: dict[str, list[str]],
    tournaments: dict[str, list[str]],
    team_aliases: dict[str, list[str]] | None = None,
    tournament_aliases: dict[str, list[str]] | None = None,
    team_sports: dict[str, str] | None = None,
    team_leagues: dict[str, list[str]] | None = None,
) -> NameIndex:
    """Index teams and tournaments: {canonical: [its names in other languages]} plus the catalogue's
    nicknames {canonical: [aliases]}.

    Priority: names > catalogue aliases > our nicknames > derived single words; a key claimed by two
    different entities at the same priority is ambiguous and dropped ("Manchester", "Madrid" unless
    a nickname says otherwise).
    """
    # key -> {priority -> set((kind, canonical))}
    claims: dict[str, dict[int, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    canonical_by_key: dict[str, tuple[str, str]] = {}

    aliases_of = {"team": team_aliases or {}, "tournament": tournament_aliases or {}}
    for kind, entries in (("team", teams), ("tournament", tournaments)):
        for canonical, names in entries.items():
            key = name_key(canonical)
            if not key:
                continue
            for name in (canonical, *names):
                name_k = name_key(name)
                if name_k:
                    claims[name_k][0].add((kind, canonical))
                    canonical_by_key.setdefault(name_k, (kind, canonical))
            for alias in (*aliases_of[kind].get(canonical, ()), *written_short(canonical, *names)):
                alias_key = name_key(alias)
                if alias_key:
                    claims[alias_key][1].add((kind, canonical))
                    canonical_by_key.setdefault(alias_key, (kind, canonical))

    for kind, table in (("team", TEAM_NICKNAMES), ("tournament", TOURNAMENT_NICKNAMES)):
        for targets, nicknames in table.items():
            target = next(
                (canonical_by_key[name_key(t)] for t in targets if name_key(t) in canonical_by_key), None
            )
            if target is None or target[0] != kind:
                continue
            for nickname in nicknames:
                claims[name_key(nickname)][2].add(target)

    # Derived single words: distinctive words of multi-word names ("Borussia Dortmund" -> "dortmund").
    # Only from the names themselves: words of descriptive aliases ("brazilian league", "inter de porto
    # alegre") would turn "brazilian" or "porto" into someone else's name.
    word_owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for kind, entries in (("team", teams), ("tournament", tournaments)):
        for canonical, names in entries.items():
            for name in (canonical, *names):
                words = name_key(name).split()
                if len(words) < 2:
                    continue
                for word in words:
                    if len(word) >= 4 and word not in COMMON_WORDS and word not in PLACE_WORDS \
                            and not word.isdigit():  # "Frances" of Frances Tiafoe is "French" in Spanish
                        word_owners[word].add((kind, canonical))
    for word, owners in word_owners.items():
        if len(owners) == 1:
            claims[word][3].add(next(iter(owners)))

    index = NameIndex()
    for key, by_priority in claims.items():
        for priority in sorted(by_priority):
            owners = by_priority[priority]
            if len(owners) == 1:
                index.exact[key] = next(iter(owners))
                if priority > 0:
                    index.partial_keys.add(key)
                break
            if priority == 0:  # two entities with the very same name: keep the first, stay deterministic
                index.exact[key] = sorted(owners)[0]
                break
    # A nickname that is also part of other teams' names ("spurs": Tottenham and San Antonio Spurs; "madrid",
    # "real", "atletico", "paris") names any of them: the team the nickname table says, and the others. Only where a
    # club is called by it: the first or last words of its name ("Real Betis", "Atlético Madrid", "Leeds United"),
    # not the middle of a place name ("City" is Manchester City's alone, not Oklahoma City Thunder's).
    team_forms = {canonical: [name_key(n).split() for n in (canonical, *names)] for canonical, names in teams.items()}
    for key, by_priority in claims.items():
        target = index.exact.get(key)
        if target is None or target[0] != "team" or 0 in by_priority:
            continue  # a team's own name is that team
        words = key.split()
        others = sorted(canonical for canonical, forms in team_forms.items()
                        if canonical != target[1] and any(_called_by(form, words) for form in forms))
        if others:
            index.choices[key] = (target[1], *others)
    _shared_with_its_article(index)
    for key, target in index.exact.items():
        if len(key) >= 5 and not all(w in COMMON_WORDS for w in key.split()):
            index.fuzzy_keys.append(key)
            index.fuzzy_targets.append(target)
        index.max_ngram = max(index.max_ngram, min(MAX_NGRAM, len(key.split())))
    index.longest_from = {}
    for key in index.exact:
        words = key.split()
        if words and len(words) > index.longest_from.get(words[0], 0):
            index.longest_from[words[0]] = len(words)
    index.name_words = frozenset(word for key in claims for word in key.split())
    index.sport_of = dict(team_sports or {})
    index.leagues_of = {team: frozenset(leagues) for team, leagues in (team_leagues or {}).items()}
    namesakes: dict[str, set[str]] = defaultdict(set)
    for canonical, names in teams.items():
        for name in (*names, *aliases_of["team"].get(canonical, ())):
            words = name_key(name).split()
            owner = index.exact.get(words[0]) if len(words) >= 2 else None
            if owner is not None and owner[0] == "team" and owner[1] != canonical:
                namesakes[words[0]].add(canonical)
    index.namesakes = {key: tuple(sorted(others)) for key, others in namesakes.items()}
    return index


def _shared_with_its_article(index: NameIndex) -> None:
    """A shared name said with its article is the same shared name: "el Madrid" can mean what "Madrid" (and "del
    Madrid") can, Real Madrid or Atlético Madrid. The nickname tables carry "el madrid" for the Spanish habit of
    calling Real Madrid so; as its own key it hid the sharing, so "gana el Madrid" prepared a slip on Real Madrid where
    "la victoria del Madrid" asked. One rule for every wording: the index says a name is shared, and each request reads
    that the same way — an odds, schedule or simulation question is settled by the match in focus, the opponent or the
    day, or asks; a real bet is settled only by the match the user named, its opponent, and asks otherwise
    (`handlers/common.fitting_teams`, `names_asked.one_in_focus`). A nickname that names another club than the
    shared word does is no article + shared name but a name of its own ("la Real" is Real Sociedad, "real" Real
    Madrid first): it stays that club's."""
    for key, target in list(index.exact.items()):
        words = key.split()
        if len(words) < 2 or words[0] not in _ARTICLES or target[0] != "team":
            continue
        shared = index.choices.get(" ".join(words[1:]))
        if shared and shared[0] == target[1] and key not in index.choices:
            index.choices[key] = shared


def _called_by(form: list[str], words: list[str]) -> bool:
    """`words` start or end the name `form` (the parts a club is called by), the name not being those words alone."""
    n = len(words)
    return len(form) > n and (form[:n] == words or form[-n:] == words)


# ---------------------------------------------------------------------------------------------
# The catalogue-backed index, cached with a short TTL.

@dataclass
class CatalogueNames:
    teams: dict[str, list[str]]  # canonical -> names in other languages
    tournaments: dict[str, list[str]]
    team_aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical -> nicknames
    tournament_aliases: dict[str, list[str]] = field(default_factory=dict)
    team_sports: dict[str, str] = field(default_factory=dict)  # canonical -> sport id (empty: not known)
    team_leagues: dict[str, list[str]] = field(default_factory=dict)  # canonical -> its fixtures' tournament ids


NameSource = Callable[[], CatalogueNames]


def catalogue_source() -> CatalogueNames:
    """Names of the current catalogue: teams of the current fixtures (`find_fixtures()`, one cached
    index per sport, so a club that drops out of the catalogue stops being recognised at the next
    rebuild), tournaments from `list_tournaments()`, and the catalogue's nickname table
    (`sports.aliases`).
    """
    teams: dict[str, list[str]] = {}
    sports: dict[str, str] = {}
    leagues: dict[str, list[str]] = {}
    for fixture in fixtures.find_fixtures():
        for team in (fixture.home, fixture.away):
            if team.name not in teams:
                teams[team.name] = [n for n in team.names.values() if n and n != team.name]
                sports[team.name] = str(fixture.sport_id)
            played = leagues.setdefault(team.name, [])
            if fixture.tournament_id is not None and str(fixture.tournament_id) not in played:
                played.append(str(fixture.tournament_id))
    tournaments = {t.name: [n for n in t.names.values() if n and n != t.name] for t in catalogue.list_tournaments()}
    names = CatalogueNames(teams=teams, tournaments=tournaments, team_sports=sports, team_leagues=leagues)
    for table, entries, out in ((TEAM_ALIASES, teams, names.team_aliases),
                                (TOURNAMENT_ALIASES, tournaments, names.tournament_aliases)):
        by_key = {name_key(name): name for name in entries}
        for alias, canonical in table.items():
            owner = by_key.get(name_key(canonical))
            if owner is None:
                # A club the catalogue knows by name but with no fixture right now: still recognise it,
                # so the answer can say "no upcoming match" instead of not understanding.
                entries.setdefault(canonical, [])
                owner = by_key[name_key(canonical)] = canonical
            out.setdefault(owner, []).append(alias)
    return names


class _IndexCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: NameIndex | None = None
        self._expires = 0.0
        self.source: NameSource = catalogue_source
        # Teams seen in earlier builds stay known for SEEN_TTL: a club between two fixture windows is
        # still a club the user may ask about.
        self._seen: dict[str, tuple[list[str], float]] = {}

    def _with_recent(self, names: CatalogueNames) -> CatalogueNames:
        now = time.monotonic()
        for team, other_names in names.teams.items():
            self._seen[team] = (other_names, now)
        self._seen = {team: entry for team, entry in self._seen.items() if now - entry[1] < SEEN_TTL}
        teams = {team: entry[0] for team, entry in self._seen.items()}
        teams.update(names.teams)
        return CatalogueNames(teams=teams, tournaments=names.tournaments, team_aliases=names.team_aliases,
                              tournament_aliases=names.tournament_aliases, team_sports=names.team_sports,
                              team_leagues=names.team_leagues)

    def get(self) -> NameIndex:
        now = time.monotonic()
        if self._index is not None and now < self._expires:
            return self._index
        with self._lock:
            if self._index is not None and time.monotonic() < self._expires:
                return self._index
            try:
                names = self._with_recent(self.source())
                self._index = build_index(teams=names.teams, tournaments=names.tournaments,
                                          team_aliases=names.team_aliases,
                                          tournament_aliases=names.tournament_aliases,
                                          team_sports=names.team_sports, team_leagues=names.team_leagues)
                self._expires = time.monotonic() + INDEX_TTL
            except Exception:
                # Serve the previous index (or none) and ask again soon: understanding a message
                # without names beats failing the turn.
                logger.warning("catalogue names unavailable for the NLU index", exc_info=True)
                self._expires = time.monotonic() + RETRY_AFTER_ERROR
                if self._index is None:
                    self._index = NameIndex()
            return self._index

    def clear(self) -> None:
        with self._lock:
            self._index = None
            self._expires = 0.0
            self._seen = {}


_cache = _IndexCache()


def get_index() -> NameIndex:
    return _cache.get()


def clear_index() -> None:
    """Forget the cached index (tests, or after a catalogue refresh)."""
    _cache.clear()


def set_name_source(source: NameSource | None) -> None:
    """Read names from `source` instead of the catalogue (None restores the catalogue)."""
    _cache.source = source or catalogue_source
    _cache.clear()


# ---------------------------------------------------------------------------------------------
# Matching


def _fuzzy_cutoff(length: int) -> float | None:
    if length < 5:
        return None  # never fuzzy-match short words: "roma"/"rome", "inter"/"enter"
    if length < 7:
        return 90.0
    return 85.0


# Words before a name that make a lower-case everyday word a club: "o jogo do santos", "el partido del levante",
# "the porto game" is not read (a name before its noun stays capitalised-only), nor "todos los santos".
_GAME_OF = (frozenset({"jogo", "jogos", "partida", "partidas", "partido", "partidos", "game", "games", "match",
                       "odds", "odd", "cuota", "cuotas", "cotacao", "cotacoes", "momio", "momios", "price",
                       "prices", "precio", "preco", "time", "equipo", "clube", "club",
                       # a result of a club's ("no empate do bahia", "la victoria del levante")
                       "empate", "vitoria", "victoria", "triunfo", "derrota", "gol", "gols", "goles"}),
            frozenset({"do", "da", "del", "de", "of", "for"}))
_FACING = frozenset({"vs", "v", "x", "versus", "against", "contra", "beat", "beats", "beating", "facing"})
# What a club pays, asked with its masculine article ("quanto tá pagando o galo?", "cuánto paga el once"): a club's
# name stands there ("quanto paga a vitória" is the win; "o X do Y" is something of Y's).
_PAYS = (frozenset("paga pagam pagan pagando pagaria pays paying".split()), frozenset("o el".split()))


def _staked_on(i: int, tokens: list[Token]) -> bool:
    """tokens[i] is what a stake is put on: "dez no bahia", "clavo 20 al levante", "chuck 15 on (the) celtic"."""
    j = i - 1 - (i > 0 and tokens[i - 1].text in _TEAM_ARTICLES)
    return j > 0 and tokens[j].text in STAKE_ON and (tokens[j - 1].text in STAKE_WORDS or tokens[j - 1].text.isdigit())


def _team_context(i: int, tokens: list[Token]) -> bool:
    """tokens[i] stands where only a club can: after "jogo do"/"partido del"/"odds for", facing another side, where
    a stake is put, or as the subject of a match's verb."""
    before = [t.text for t in tokens[max(0, i - 2) : i]]
    after = tokens[i + 1].text if i + 1 < len(tokens) else None
    return (_staked_on(i, tokens) or subject_of_a_match(i, tokens, get_index().exact)
            or (len(before) == 2 and before[0] in _GAME_OF[0] and before[1] in _GAME_OF[1])
            or (len(before) == 2 and before[0] in _PAYS[0] and before[1] in _PAYS[1] and after not in _GAME_OF[1])
            or (before[-1:] and before[-1] in _FACING) or after in _FACING)


_NAME_GOES_ON = frozenset("de del da do dos das of".split())  # "atletico de madrid", "sporting de lisboa"


def _name_ends(i: int, tokens: list[Token]) -> bool:
    """Nothing of a longer name follows tokens[i]: the message ends, a possessive ("atletico's next game"), or a word
    of chat that no name goes on with."""
    after = tokens[i + 1].text if i + 1 < len(tokens) else None
    return after is None or after == "s" or (after in FUNCTION_WORDS and after not in _NAME_GOES_ON)


# A club's match said with the word as its subject ("when does atletico play", "cuando juega el atletico", "quando
# joga o atletico", "atletico next game"): the verb or "next" right after it, a question word or article before
_PLAYS_AFTER = MATCH_VERBS | frozenset("""juega juegan jugara juegue jugo joga jogam jogara jogue jogou next proximo
    siguiente""".split())
_PLAYS_BEFORE = AUXILIARIES | frozenset("el o cuando quando".split())


def plays(i: int, tokens: list[Token]) -> bool:
    """tokens[i] is the subject of its match ("when does atletico play", "cuando juega el deportivo")."""
    step = 2 if i + 2 < len(tokens) and tokens[i + 1].text == "s" else 1  # "atletico's next game": past the 's
    after = tokens[i + step].text if i + step < len(tokens) else None
    before = [t.text for t in tokens[max(0, i - 2) : i]]
    if after in _PLAYS_AFTER and (not before or before[-1] in _PLAYS_BEFORE):
        return True
    # after the verb ("cuando juega el atletico", "quando joga o atletico"), nothing of a longer name following
    return len(before) == 2 and before[0] in _PLAYS_AFTER and before[1] in _TEAM_ARTICLES and _name_ends(i, tokens)


def _everyday_word(i: int, tokens: list[Token], original: str) -> bool:
    """True when tokens[i], a name that is also an ordinary word, is used as the ordinary word."""
    if not original[tokens[i].start : tokens[i].start + 1].isupper():
        # "real", "atletico": the first word of a longer name ("atletico de madri"), left to the fuzzy match; where a
        # club stands and nothing of a name follows ("odd do atlético", "jogo do atletico hoje") the word is the club,
        # each club it starts then asked ("for real" is an idiom)
        if tokens[i].text in NAME_PREFIXES:
            return tokens[i].text == "real" or not (
                (_team_context(i, tokens) and _name_ends(i, tokens)) or plays(i, tokens))
        return not _team_context(i, tokens)
    if i == 0 or original[: tokens[i].start].rstrip().endswith(("?", "!", ".", "¿", "¡")):
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else None
        return nxt is not None and nxt not in _VS_WORDS
    return False


# English nouns of a club's match or price, after a club's nickname ("heat odds", "thunder game"); "nice odds" and
# "real odds" are an adjective before them.
_CLUB_NOUNS = frozenset("odds game games match matches moneyline spread price prices line lines".split())
_ADJECTIVES = frozenset("nice real".split())
_LISTED = frozenset({"and", "y", "e", "or", "o", "ou", "vs", "v", "x", "versus", "against", "contra",
                     # compared or met with another club: "compara o são paulo com o santos", "el betis con el levante"
                     "com", "con", "with"})


def _club_nickname(key: str, target: tuple[str, str]) -> bool:
    """`key` is the last word of its club's longer name, the club's own nickname ("heat" of Miami Heat)."""
    words = name_key(target[1]).split()
    return target[0] == "team" and len(words) > 1 and words[-1] == key


def _stands_as_club(i: int, tokens: list[Token], found: list[tuple[int, tuple[str, str]]], original: str,
                    *, nickname: bool, name: str = "") -> bool:
    """A club's name that is also an everyday word ("heat", "thunder", "como", "celtic") in a message that says it
    where a club stands: a nickname before its match or price ("heat odds tonight"), or beside another club — side by
    side or across a dash ("knicks rockets", "como atalanta", "napoli - lazio") or listed with it ("compare nuggets
    and thunder", "Celtics or the Magic", "suns or bucks"); listed, the other may be a name we don't cover ("rangers
    and celtic"; a club's own name, not a nickname: "thunder and lightning" is weather). Written in lower case, or
    capitalised at the start of the sentence."""
    word, written = tokens[i].text, original[tokens[i].start : tokens[i].end]
    # spelled as the club is: "Villarreal cómo están" is the word (an accent the name lacks); "barça - atlético" the
    # club (the accent its name has)
    spelled = written.isascii() or written.lower() in name.lower().split()
    if nickname and word not in _ADJECTIVES and i + 1 < len(tokens) and tokens[i + 1].text in _CLUB_NOUNS:
        return True
    if nickname and _after_article(i, tokens):
        return True
    clubs = {start for start, target in found if target[0] == "team" and start != i}  # "suns or bucks": both
    for step in (-1, 1):
        j = i + step
        # side by side, spelled as the club is: "Villarreal cómo están" is the word (an accent the name lacks)
        if 0 <= j < len(tokens) and j in clubs and _side_by_side(tokens[min(i, j)], tokens[max(i, j)], original) \
                and spelled:
            return True
        if 0 <= j < len(tokens) and tokens[j].text in _ARTICLES and (
                tokens[j].text not in _LISTED
                or (0 <= j + step < len(tokens) and tokens[j + step].text in _LISTED)):
            j += step  # "and the thunder"; "com o santos", "ou o santos": "o" the article after a link
        k = j + step
        if 0 <= k < len(tokens) and k not in clubs and tokens[k].text in _ARTICLES and 0 <= k + step < len(tokens):
            k += step  # "santos e o bahia": the other club's article after the link
        if 0 <= j < len(tokens) and tokens[j].text in _LISTED and 0 <= k < len(tokens) \
                and (k in clubs or (not nickname and word not in NAME_PREFIXES
                                    and tokens[j].text not in _AMBIGUOUS_LINKS | _WITH
                                    and place_word(tokens[j + step].text))):
            return True
    return False


# Articles a club's nickname takes as a team's ("the thunder", "los lakers", "o thunder"); "de"/"a" are prepositions.
_TEAM_ARTICLES = frozenset("the los las el la os as o".split())
# What follows the word when it is the everyday noun ("the heat of the moment", "la magia del")
_OF = frozenset("of de del do da".split())
# What comes before a club's article where a price or a match is asked of it ("odds for the", "cuotas de los",
# "quanto paga o", "bet on the"); at the start of a sentence the article is the weather's ("the heat is killing me").
_ASKED_OF = frozenset("""for on about of vs versus against with and or de del do da dos das sobre para pra pro con com
    contra y e ou paga pagan pagam pays aposta apuesta apostar bet back""".split())


def _after_article(i: int, tokens: list[Token]) -> bool:
    """A club's distinctive last word with a definite article where a club is asked about ("price on the thunder",
    "cuotas de los lakers", "quanto paga o thunder"): the club, as teams are called, unless it is the noun of
    something ("the heat of the moment")."""
    after = tokens[i + 1].text if i + 1 < len(tokens) else None
    return i > 1 and tokens[i - 1].text in _TEAM_ARTICLES and tokens[i - 2].text in _ASKED_OF and after not in _OF


def _side_by_side(a: Token, b: Token, original: str) -> bool:
    """Two words with only spaces or a dash between them ("como atalanta", "napoli - lazio")."""
    return not original[a.end : b.start].strip(" -–—")


# "e" / "o" are also "é" and "o" (is, the) once folded: never a list of a name we don't know.
_AMBIGUOUS_LINKS = frozenset({"e", "o"})
# "with" links a club only to another club ("vou jantar com o santos" is dinner with someone)
_WITH = frozenset({"com", "con", "with"})


def _inflection(query: str, key: str, index: NameIndex) -> bool:
    """One word that is another form of one word of a longer name or of a nickname (a plural, a gender, an adjective:
    "campeon" of "campeones", "sinners" of Sinner): another word, not a typo of that name. A club's own name keeps its
    typos ("barcelonaa"), and so does a doubled last letter ("tiafoee")."""
    if " " in query or " " in key or key not in index.partial_keys:
        return False
    short, long = sorted((query, key), key=len)
    suffix = long[len(short) :]
    return long.startswith(short) and 0 < len(suffix) <= 3 and suffix != short[-1] * len(suffix)


def _competitions_asked(query: str, key: str) -> bool:
    """A competition's name with its competition word in the plural ("brazilian leagues" of "brazilian league"): a
    question about which competitions there are, as "ligas brasileiras" is, not that one competition's name."""
    pairs = zip(query.split(), key.split(), strict=False)
    return any(said == word + "s" and word in HEAD_WORDS for said, word in pairs)


def find_mentions(
    tokens: list[Token], *, taken: SpanSet, original: str = "", index: NameIndex | None = None
) -> list[Mention]:
    """Team and tournament mentions in message order; claims their spans in `taken`."""
    index = index if index is not None else get_index()
    if index.empty or not tokens:
        return []
    original = original or " " * (tokens[-1].end)
    words = [t.text for t in tokens]
    used = [taken.overlaps(t.start, t.end) for t in tokens]
    mentions: list[Mention] = []
    keys: dict[int, str] = {}  # where an exact mention starts -> the key it matched
    derbies = [Mention("team", club, start, end, 100.0, partial=True)  # "gre-nal": Grêmio, Internacional
               for club, start, end in find_derbies(tokens, used, index.exact)]

    # Exact keys: longest n-gram first; between equally long overlapping ones, the one that does not
    # lean on a leading article ("liga colombiana" over "la liga" in "la liga colombiana").
    candidates, doubtful = [], []
    longest = index.longest_from
    for n in range(min(index.max_ngram, len(tokens)), 0, -1):
        for i in range(len(tokens) - n + 1):
            if n > 1 and longest is not None and longest.get(words[i], 0) < n:
                continue  # no key of n words starts with this word: the lookup below would find nothing
            if any(used[i : i + n]):
                continue
            key = " ".join(words[i : i + n])
            target = index.exact.get(key)
            if target is not None and n == 1 and target[0] == "team" and said_as_word(i, tokens, original):
                continue  # "tan bueno como atalanta", "which city": the ordinary word
            if target is not None and n == 1 and key in CAPITALISED_ONLY and _everyday_word(i, tokens, original):
                if target[0] == "team":
                    doubtful.append((i, target))  # "heat", "como": a club, if it stands where a club does
                continue
            if target is None:
                continue
            candidates.append((-n, words[i] in _ARTICLES, i, target))
    candidates += [(-1, False, i, target) for i, target in doubtful
                   if _stands_as_club(i, tokens, [c[2:] for c in candidates] + doubtful, original,
                                      nickname=_club_nickname(words[i], target), name=target[1])]
    for neg_n, _article, i, target in sorted(candidates):
        n = -neg_n
        if any(used[i : i + n]):
            continue
        key = " ".join(words[i : i + n])
        mentions.append(Mention(target[0], target[1], tokens[i].start, tokens[i + n - 1].end, 100.0,
                                partial=key in index.partial_keys, choices=index.choices.get(key, ())))
        keys[tokens[i].start] = key
        for j in range(i, i + n):
            used[j] = True

    # Typos: fuzzy n-grams (up to 3 words) that are not made only of ordinary words. A country or nationality is an
    # ordinary word too, never a typo ("france" is not "Frances" Tiafoe, "american odds" not América de Cali).
    if index.fuzzy_keys:
        for n in range(min(3, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                if any(used[i : i + n]):
                    continue
                gram = words[i : i + n]
                if (
                    (gram[0] in COMMON_WORDS and (n == 1 or gram[0] not in NAME_PREFIXES))
                    or gram[-1] in COMMON_WORDS
                    or all(w in COMMON_WORDS or w in PLACE_WORDS for w in gram)
                    or (n == 1 and gram[0] in CAPITALISED_ONLY)
                    or any(w.isdigit() for w in gram)
                ):
                    continue
                query = " ".join(gram)
                cutoff = _fuzzy_cutoff(len(query))
                if cutoff is None:
                    continue
                best = process.extractOne(query, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
                if best is None or part_of_unknown_name(i, n, words, used) or _inflection(query, best[0], index):
                    continue
                kind, canonical = index.fuzzy_targets[best[2]]
                if kind == "tournament" and _competitions_asked(query, best[0]):
                    continue
                mentions.append(Mention(kind, canonical, tokens[i].start, tokens[i + n - 1].end, best[1],
                                        partial=True))
                for j in range(i, i + n):
                    used[j] = True

    mentions = _by_the_company_they_keep(mentions, keys, index)
    mentions = unknown_names(sorted(mentions, key=lambda m: m.start), tokens, original, index)
    mentions = sorted(mentions + derbies, key=lambda m: m.start)
    for m in mentions:
        taken.add(m.start, m.end)
    return mentions


def _by_the_company_they_keep(mentions: list[Mention], keys: dict[int, str], index: NameIndex) -> list[Mention]:
    """A name another club also goes by ("Inter": Inter, and Internacional's "Inter de Porto Alegre") means the
    namesake when the other clubs named share a competition with it and none with the first reading ("Inter ou
    Grêmio" is Internacional; "Inter vs Juventus" stays Inter). Alone, the name keeps its own club."""
    if not index.namesakes or not index.leagues_of:
        return mentions
    teams = [m for m in mentions if m.kind == "team"]
    out = []
    for m in mentions:
        namesakes = index.namesakes.get(keys.get(m.start, ""), ())
        company = [index.leagues_of.get(o.name, frozenset()) for o in teams if o is not m]
        if namesakes and company and not any(index.leagues_of.get(m.name, frozenset()) & c for c in company):
            fits = [n for n in namesakes if all(index.leagues_of.get(n, frozenset()) & c for c in company)]
            if len(fits) == 1:
                m = Mention(m.kind, fits[0], m.start, m.end, m.score, partial=True, choices=m.choices)
        out.append(m)
    return out
