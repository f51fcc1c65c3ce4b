"""Sports, tournaments, the per-sport fixture lists, and fuzzy name matching ("barça", "man utd",
"el Madrid", "the Gunners").

Matching runs rapidfuzz over every cached name (all languages) plus `sports/aliases.py`, after
folding case, accents, punctuation and leading articles. Scores are 0–100.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from cachetools import TTLCache
from rapidfuzz import fuzz, process

from chatbet_project.caches import cache
from sports import cache as sports_cache
from sports.aliases import TEAM_ALIASES, TOURNAMENT_ALIASES
from sports.domain import NO_DRAW_SPORTS, SPORT_MARKETS, SPORT_TOTAL_UNITS, Fixture, Sport, Team, Tournament
from sports.providers import get_provider
from sports.text import fold, match_key

MIN_SCORE = 60.0
WORD_MATCH_MIN = 80.0  # a word of a tournament query this close to a word of the name is that word (typos)
_NOISE = {"fc", "cf", "sc", "ac", "club", "afc"}


def _strip_noise(folded: str) -> str:
    words = [w for w in folded.split() if w not in _NOISE]
    return " ".join(words) or folded


# --- sports and tournaments ---------------------------------------------------------------------------

def list_sports() -> list[Sport]:
    entry = sports_cache.read_through_memo(sports_cache.sports_key(), kind="sports",
                                      fetch=lambda: get_provider().sports(), timeout=sports_cache.ttl("tournaments"))
    return list(entry.value)


def get_sport(*, sport_id: str) -> Sport | None:
    return next((s for s in list_sports() if s.id == str(sport_id)), None)


def sport_key(sport_id: str | None) -> str | None:
    """The sport as `SPORT_MARKETS`, `NO_DRAW_SPORTS` and `SPORT_TOTAL_UNITS` know it: its alias ("football") or,
    failing that, its English name; None when unknown or the catalogue is down (no claim about its markets then)."""
    try:
        sport = get_sport(sport_id=str(sport_id)) if sport_id else None
    except Exception:  # the catalogue is down: nothing known
        return None
    if sport is None:
        return None
    names = [(name or "").strip().lower() for name in (sport.alias, sport.name)]
    known = {*SPORT_MARKETS, *NO_DRAW_SPORTS, *SPORT_TOTAL_UNITS}
    return next((name for name in names if name in known), names[1] or None)


def find_sport(*, text: str) -> Sport | None:
    """The sport `text` names: its id, its alias ("football") or one of its names ("Fútbol"), any case."""
    wanted = fold(text)
    return next((s for s in list_sports()
                 if str(text).strip() == s.id or wanted in {fold(s.alias), fold(s.name), *map(fold, s.names.values())}),
                None)


def _tournaments_of(sport_id: str) -> list[Tournament]:
    entry = sports_cache.read_through_memo(sports_cache.tournaments_key(sport_id), kind="tournaments",
                                      fetch=lambda: get_provider().tournaments(sport_id=sport_id))
    return list(entry.value)


def list_tournaments(*, sport_id: str | None = None, country: str | None = None,
                     active: bool | None = None) -> list[Tournament]:
    """Tournaments of every sport (or one), filtered by country (accent- and case-blind) and activity."""
    sports = [s for s in list_sports() if sport_id is None or s.id == str(sport_id)]
    wanted_country = match_key(country) if country else None
    result = []
    for sport in sports:
        for tournament in _tournaments_of(sport.id):
            if wanted_country and match_key(tournament.country) != wanted_country:
                continue
            if active is not None and tournament.active != active:
                continue
            result.append(tournament)
    return result


def get_tournament(*, tournament_id: str) -> Tournament | None:
    return next((t for t in list_tournaments() if t.id == str(tournament_id)), None)


# --- fixture lists (per sport, cached; `fixtures.py` searches them, the team index reads them) --------

def _fetch_sport_index(sport_id: str) -> list[Fixture]:
    provider = get_provider()
    live = provider.sport_fixtures(sport_id=sport_id, live=True)
    live_ids = {f.id for f in live}
    pre = [f for f in provider.sport_fixtures(sport_id=sport_id, live=False) if f.id not in live_ids]
    fixtures = sorted([*live, *pre], key=lambda f: (f.start_time, f.id))
    cache.set_many({sports_cache.fixture_key(f.id): f for f in fixtures}, timeout=sports_cache.ttl("fixtures"))
    return fixtures


def fixture_indexes(*, sport_id: str | None = None) -> list[tuple[str, sports_cache.Cached]]:
    """`[(sport_id, Cached[list[Fixture]])]` for every sport (or one): the raw cached indexes."""
    sport_ids = [sport_id] if sport_id else [s.id for s in list_sports()]
    keys = {sid: sports_cache.fixtures_key(sid) for sid in sport_ids}
    # One round trip for the versions of the indexes this process has not checked lately.
    unchecked = {sid: sports_cache.version_key(key) for sid, key in keys.items()
                 if not sports_cache.memo_is_fresh(key)}
    versions = cache.get_many(list(unchecked.values())) if unchecked else {}
    return [(sid, sports_cache.read_through_memo(
                key, kind="fixtures", fetch=lambda sid=sid: _fetch_sport_index(sid),
                **({"version": versions.get(unchecked[sid])} if sid in unchecked else {})))
            for sid, key in keys.items()]


def refresh_sport_index(*, sport_id: str) -> list[Fixture] | None:
    """Re-fetch one sport's fixtures regardless of the cache (warming); None if the upstream failed."""
    entry = sports_cache.refresh(sports_cache.fixtures_key(sport_id), kind="fixtures",
                                 fetch=lambda: _fetch_sport_index(sport_id))
    return entry.value if entry else None


# --- name indexes -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Index:
    version: tuple
    choices: list[str]          # folded names and aliases
    owners: list[str]           # id of the team/tournament each choice names
    items: dict[str, object]    # id → Team | Tournament
    display: list[str]          # every original name and alias, for known_names()
    sport_of: dict[str, str]


_index_lock = threading.Lock()
_indexes: dict[str, _Index] = {}


def _build(kind: str, version: tuple, items: dict[str, object], names: dict[str, list[str]],
           aliases: dict[str, str], sport_of: dict[str, str]) -> _Index:
    by_english: dict[str, str] = {}
    for item_id, item in items.items():
        by_english.setdefault(match_key(item.name), item_id)
        for name in getattr(item, "names", {}).values():
            by_english.setdefault(match_key(name), item_id)
    choices, owners, display = [], [], []
    seen: set[tuple[str, str]] = set()

    def add(text: str, owner: str, shown: str) -> None:
        for folded in {match_key(text), _strip_noise(match_key(text))}:
            if folded and (folded, owner) not in seen:
                seen.add((folded, owner))
                choices.append(folded)
                owners.append(owner)
        display.append(shown)

    for item_id, all_names in names.items():
        for name in dict.fromkeys(all_names):
            add(name, item_id, name)
    for alias, target in aliases.items():
        owner = by_english.get(match_key(target))
        if owner is not None:
            add(alias, owner, alias)
    return _Index(version=version, choices=choices, owners=owners, items=items,
                  display=sorted(dict.fromkeys(display)), sport_of=sport_of)


def _team_index() -> _Index:
    indexes = fixture_indexes()
    version = tuple((sid, entry.fetched_at) for sid, entry in indexes)
    current = _indexes.get("teams")
    if current is not None and current.version == version:
        return current
    items: dict[str, Team] = {}
    names: dict[str, list[str]] = {}
    sport_of: dict[str, str] = {}
    for sport_id, entry in indexes:
        for fixture in entry.value:
            for team in (fixture.home, fixture.away):
                items.setdefault(team.id, team)
                names.setdefault(team.id, [team.name, *team.names.values()])
                sport_of.setdefault(team.id, sport_id)
    with _index_lock:
        built = _build("teams", version, items, names, TEAM_ALIASES, sport_of)
        _indexes["teams"] = built
    return built


def _tournament_index() -> _Index:
    tournaments = list_tournaments()
    version = tuple((t.id, t.name, t.active) for t in tournaments)
    current = _indexes.get("tournaments")
    if current is not None and current.version == version:
        return current
    items = {t.id: t for t in tournaments}
    names = {t.id: [t.name, *t.names.values()] for t in tournaments}
    with _index_lock:
        built = _build("tournaments", version, items, names, TOURNAMENT_ALIASES,
                       {t.id: t.sport_id for t in tournaments})
        _indexes["tournaments"] = built
    return built


# Keyed by index version, so a new catalogue never sees old results; the TTL lets old versions go.
_match_cache: TTLCache = TTLCache(maxsize=4096, ttl=600)
_match_lock = threading.Lock()


def _match(index: _Index, text: str, limit: int, *, every_word: bool = False) -> list[tuple[object, float]]:
    """Best items for `text`; memoised per index version (people ask about the same teams)."""
    query = match_key(text)
    if not query or not index.choices:
        return []
    memo_key = (index.version, query, limit, every_word)
    with _match_lock:
        hit = _match_cache.get(memo_key)
    if hit is not None:
        return list(hit)
    result = _rank(index, query, limit, every_word=every_word)
    with _match_lock:
        _match_cache[memo_key] = result
    return list(result)


def _covers_every_word(choice: str, query: str) -> bool:
    """Whether each word of the query is in the name (inside it, or within a typo of one of its words).
    WRatio scores "league two" 86 against "premier league" on the shared word alone."""
    words, joined = choice.split(), choice.replace(" ", "")
    return all(word in words or (len(word) > 2 and word in joined)  # "liga" in "laliga", not "b" in "brasileirao"
               or any(fuzz.ratio(word, other) >= WORD_MATCH_MIN for other in words)
               for word in query.split())


def _rank(index: _Index, query: str, limit: int, *, every_word: bool = False) -> list[tuple[object, float]]:
    best: dict[str, float] = {}
    for _choice, score, position in process.extract(query, index.choices, scorer=fuzz.WRatio, limit=max(25, limit * 5),
                                                   score_cutoff=MIN_SCORE):
        owner = index.owners[position]
        if index.choices[position] == query:
            score = 100.0  # an exact name or alias beats any partial match
        elif every_word and not _covers_every_word(index.choices[position], query):
            continue
        else:
            score = min(float(score), 99.0)
        best[owner] = max(best.get(owner, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], index.items[kv[0]].name))
    return [(index.items[owner], round(score, 1)) for owner, score in ranked[:limit]]


def match_team(*, text: str, limit: int = 3) -> list[tuple[Team, float]]:
    """Teams (or players) whose name or nickname resembles `text`, best first, score 0–100."""
    return _match(_team_index(), text, limit)  # type: ignore[return-value]


def match_tournament(*, text: str, limit: int = 3) -> list[tuple[Tournament, float]]:
    """Tournaments whose name or alias holds every word of `text` (typos allowed): a tournament we do
    not have ("League Two", "Liga MX", "Serie B") matches none, rather than one sharing a word."""
    return _match(_tournament_index(), text, limit, every_word=True)  # type: ignore[return-value]


def search_catalogue(*, query: str, limit: int = 10) -> list[dict]:
    """Teams and tournaments matching `query`, scored and merged best first."""
    team_index = _team_index()
    results = [{"type": "team", "id": team.id, "name": team.name, "names": team.names, "score": score,
                "sport_id": team_index.sport_of.get(team.id)} for team, score in match_team(text=query, limit=limit)]
    results += [{"type": "tournament", "id": t.id, "name": t.name, "names": t.names, "score": score,
                 "sport_id": t.sport_id} for t, score in match_tournament(text=query, limit=limit)]
    results.sort(key=lambda r: (-r["score"], r["type"] != "team", r["name"]))
    return results[:limit]


def known_names() -> dict[str, list[str]]:
    """Every team/tournament name in every language plus aliases (the NLU's gazetteer)."""
    return {"teams": list(_team_index().display), "tournaments": list(_tournament_index().display)}
