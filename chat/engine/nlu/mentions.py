"""What the name matcher finds and what it matches against: a mention of a team, tournament or name we don't cover,
and the index of the catalogue's names (built in `names.py`, read by `unknown_mentions.py` too)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Articles and prepositions before a name ("el Inter Miami"), and the words that set two sides apart.
ARTICLES = frozenset({"el", "la", "los", "las", "the", "o", "os", "a", "as", "de", "del", "do", "da"})
VS_WORDS = frozenset({"vs", "v", "x", "versus", "against", "contra", "and", "y", "e", "or", "o", "ou"})


@dataclass(frozen=True, slots=True)
class Mention:
    kind: str  # "team" | "tournament"
    name: str  # canonical catalogue name
    start: int
    end: int
    score: float  # 100 for exact keys, the rapidfuzz ratio otherwise
    partial: bool = False  # matched by a nickname or one word of a longer name ("Miami" of "Miami Heat")
    choices: tuple[str, ...] = ()  # a nickname several teams answer to ("Spurs"): `name` first, then the others


@dataclass
class NameIndex:
    exact: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (kind, canonical)
    fuzzy_keys: list[str] = field(default_factory=list)
    fuzzy_targets: list[tuple[str, str]] = field(default_factory=list)
    max_ngram: int = 1
    # per first word, the most words an exact key starting with it has; None (an index not built by `build_index`):
    # unknown, `find_mentions` tries every n-gram
    longest_from: dict[str, int] | None = None
    partial_keys: set[str] = field(default_factory=set)  # keys that are not a name itself (aliases, single words)
    name_words: frozenset[str] = frozenset()  # every word of every indexed key
    sport_of: dict[str, str] = field(default_factory=dict)  # team -> its catalogue sport id, when known
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # nickname key -> every team it can name
    # "inter": Inter's own name, and the first word of Internacional's "Inter de Porto Alegre": the other clubs it
    # may mean beside clubs of their league; `leagues_of` says which competitions a team plays in.
    namesakes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    leagues_of: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.exact
