"""Cue patterns with a literal prefilter: a search that cannot match is answered without running the regex.

A cue such as `\\b(?:when|what time|kick ?-?off|...)\\b` starts with a word boundary, so `re` cannot skip ahead to
a first character: each search tries every alternative at every word start, and most searches of a turn find
nothing (~27 classifier cues and the safety cues on every message). `prefiltered(pattern)` reads the pattern's
parse tree once and derives a word every match must contain: the WORD it starts on ("when", "what", "kick") or,
where the pattern reads on past a fixed part ("recommend\\w*", "how much (?:is|does) .{1,30} pay"), that word's
first letters; a match that starts inside a word of unknown start (`(?:\\w+ ){0,2}\\w+ and me`) is bound by its
next known word ("and"). A search of a text none of whose words is such a word, or begins so, returns what the
regex would (no match) without running it; any other search runs the regex itself, so every answer is the regex's.

The derivation is conservative: a pattern with no such bound (one that may match no known word, `\\d+`, `\\w+`)
is left as it was (`prefiltered` returns it unchanged). A "word" is a maximal run of the cue's word characters
(`\\w`, or `[a-z0-9]` for the safety cues' boundaries); a word is known to start after a boundary (`\\b`, `^`,
`(?<![a-z0-9])`) or a non-word character, and to end before one (`\\b`, `$`, `(?![a-z0-9])`, a space).
`word_cue(alternatives, before=..., after=...)` goes one step further for a cue built from a list of alternatives
(the classifier's and the safety cues' `_rx`): when the message has a word of the cue, only the alternatives it
has the words of are searched (`WordCue`). chat/tests/test_cue_prefilter.py holds every prefiltered pattern to
its regex on every sentence of the data files, and made-up text to the combined patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

try:  # the parser of `re` itself: the same reading of the pattern as the engine's
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - another Python: no prefilter, every search runs its regex
    sre = sre_parse = None

__all__ = ["ALNUM", "WORD", "Cue", "CueSet", "LiteralGate", "PrefilteredPattern", "WordCue", "prefiltered", "word_cue"]

WORD = r"\w"  # the word characters of `\b`
ALNUM = r"[a-z0-9]"  # the safety cues' word characters ("100%" ends a word too); a subset of \w

_MAX_STATES = 2000  # past this many partial readings, each is cut to what it has read so far (still a bound)
_MAX_REPEATS = 8  # repetitions of a group followed one by one; past it, the readings are cut likewise
_MAX_CLASS = 64  # a character class is enumerated up to this size


class _Unbounded(Exception):
    """The pattern may match without starting a known word: no prefilter."""


# The states of one partial reading of a match: (kind, letters of its anchor word read so far). The anchor is the
# first word of the match whose start is known; a match beginning on a word of unknown start (`\w+ and`) is
# anchored on a later one ("and").
_UNKNOWN = "u"  # no anchor yet, nothing known of the character before the next one
_AT_START = "k"  # no anchor yet; a word character read next starts a word (the one before is no word character)
_OPEN = "o"  # the anchor's letters so far; the word goes on
_WHOLE = "c"  # the anchor is a word of exactly these letters
_BEGINS = "t"  # the anchor is a word beginning with these letters
_SETTLED = (_WHOLE, _BEGINS)


class _Reader:
    """Walks a parse tree, tracking every way the first word of a match can be read."""

    def __init__(self, word: str) -> None:
        self.word = re.compile(word)
        self.word_class = sre_parse.parse(word).data  # `(?<!X)` / `(?!X)` with X this class: a boundary

    def chars(self, op, av) -> tuple[str, frozenset[str]]:
        """("word", letters) when every character it can match is a word character, enumerated; ("nonword", ∅)
        when none is; ("other", ∅) else (a category, a negation, a large or mixed class)."""
        if op is sre.LITERAL:
            letters = {chr(av)}
        elif op is sre.IN:
            letters = set()
            for item_op, item_av in av:
                if item_op is sre.LITERAL:
                    letters.add(chr(item_av))
                elif item_op is sre.RANGE and item_av[1] - item_av[0] < _MAX_CLASS:
                    letters.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
                elif item_op is sre.CATEGORY and item_av in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD):
                    letters.add(" ")  # whitespace, non-word: never a word character (the class is a subset of \w)
                else:
                    return "other", frozenset()
            if len(letters) > _MAX_CLASS:
                return "other", frozenset()
        else:  # ANY, NOT_LITERAL
            return "other", frozenset()
        words = {c for c in letters if self.word.fullmatch(c)}
        if not words:
            return "nonword", frozenset()
        if len(words) == len(letters):
            return "word", frozenset(words)
        return "other", frozenset()

    def consume(self, kind: str, letters: frozenset[str], states: frozenset) -> frozenset:
        out = set()
        for state, read in states:
            if state in _SETTLED:
                out.add((state, read))
            elif kind == "nonword":
                out.add((_AT_START, "") if state != _OPEN else (_WHOLE, read))
            elif kind == "word" and state != _UNKNOWN:
                out.update((_OPEN, read + c) for c in letters)
            elif state == _OPEN:
                out.add((_BEGINS, read))
            else:  # a letter inside a word of unknown start, or a character of either kind: look on for a word
                out.add((_UNKNOWN, ""))
        return frozenset(out)

    @staticmethod
    def cut(states: frozenset) -> frozenset:
        """Each open reading stopped where it is: its word begins with what it read."""
        if any(state in (_UNKNOWN, _AT_START) for state, _ in states):
            raise _Unbounded
        return frozenset((_BEGINS, read) if state == _OPEN else (state, read) for state, read in states)

    def boundary(self, before: bool, after: bool, states: frozenset) -> frozenset:
        """A zero-width assertion that the character before (`before`) / after (`after`) is no word character."""
        out = set()
        for state, read in states:
            if before and state == _UNKNOWN:
                out.add((_AT_START, ""))
            elif after and state == _OPEN:
                out.add((_WHOLE, read))
            else:
                out.add((state, read))
        return frozenset(out)

    def sequence(self, items, states: frozenset) -> frozenset:
        for op, av in items:
            if all(state in _SETTLED for state, _ in states):
                break
            states = self.item(op, av, states)
            if len(states) > _MAX_STATES:
                states = self.cut(states)
        return states

    def item(self, op, av, states: frozenset) -> frozenset:
        if op in (sre.LITERAL, sre.IN, sre.ANY, sre.NOT_LITERAL):
            return self.consume(*self.chars(op, av), states)
        if op is sre.AT:
            if av is sre.AT_BOUNDARY:  # \b: a word starts after it, or one ended before it
                return self.boundary(True, True, states)
            if av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BEGINNING_LINE):
                return self.boundary(True, False, states)
            if av in (sre.AT_END, sre.AT_END_STRING, sre.AT_END_LINE):
                return self.boundary(False, True, states)
            return states  # \B: only a restriction
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, sub = av
            if op is sre.ASSERT_NOT and sub.data == self.word_class:
                return self.boundary(direction < 0, direction > 0, states)
            return states  # any other look-around only restricts the match
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
                raise _Unbounded
            return self.sequence(sub, states)
        if op is sre.ATOMIC_GROUP:
            return self.sequence(av, states)
        if op is sre.BRANCH:
            return frozenset().union(*(self.sequence(branch, states) for branch in av[1]))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self.repeat(*av, states)
        return self.consume("other", frozenset(), states)  # a back reference, a conditional: unknown letters

    def repeat(self, low: int, high: int, sub, states: frozenset) -> frozenset:
        found = set(states) if low == 0 else set()
        current, times = states, 0
        while times < high:
            following = self.sequence(sub, current)
            times += 1
            if times >= low or following == current:  # at a fixed point every further repetition reads the same
                found |= following
            if following == current:
                break
            if times >= _MAX_REPEATS and times < high:
                found |= self.cut(following)
                break
            current = following
        return frozenset(found)

    def first_words(self, pattern: re.Pattern[str]) -> tuple[frozenset[str], tuple[str, ...]]:
        """(whole words, word beginnings): every match of `pattern` holds one of the words, or a word that
        begins with one of the beginnings. Raises _Unbounded when no such bound is known."""
        if not isinstance(pattern.pattern, str):
            raise _Unbounded
        return self.words_of_source(pattern.pattern, pattern.flags)

    def words_of_source(self, source: str, flags: int = 0) -> tuple[frozenset[str], tuple[str, ...]]:
        """`first_words` of the pattern `source` (parsed, not compiled)."""
        if flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
            raise _Unbounded
        tree = sre_parse.parse(source, flags)
        states = self.cut(self.sequence(tree.data, frozenset({(_UNKNOWN, "")})))
        whole = frozenset(read for state, read in states if state == _WHOLE)
        beginnings = tuple(sorted(read for state, read in states if state == _BEGINS))
        return whole, beginnings


@cache
def _reader(word: str) -> _Reader:
    return _Reader(word)


@cache
def _texts_read(word: str) -> tuple[Callable[[str], frozenset[str]], Callable[[str], frozenset[str]]]:
    """For this word class: the function giving a text's words, and the one giving every beginning of its words
    ("odds" → "o", "od", "odd", "odds"), each remembered for the last texts seen (a message is searched by dozens
    of cues, so it is split once)."""
    finder = re.compile(word + "+").findall

    @lru_cache(maxsize=512)
    def words(text: str) -> frozenset[str]:
        return frozenset(finder(text))

    @lru_cache(maxsize=512)
    def beginnings(text: str) -> frozenset[str]:
        return frozenset(w[:n] for w in words(text) for n in range(1, len(w) + 1))

    return words, beginnings


class PrefilteredPattern:
    """A compiled pattern, searched only when the text has a word its matches can hold.

    Answers `search`, `match`, `fullmatch`, `finditer`, `findall` and `sub` as the pattern does (with a start or end
    position, the regex always runs); `regex` is the pattern itself, for anything else."""

    __slots__ = ("regex", "whole", "beginnings", "_words", "_beginnings")

    def __init__(self, regex: re.Pattern[str], whole: frozenset[str], beginnings: frozenset[str], word: str) -> None:
        self.regex = regex
        self.whole = whole
        self.beginnings = beginnings
        self._words, self._beginnings = _texts_read(word)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def possible(self, text: str) -> bool:
        """Whether a match can exist: some word of the text is one of `whole` or begins with one of `beginnings`."""
        return not self.whole.isdisjoint(self._words(text)) or bool(
            self.beginnings and not self.beginnings.isdisjoint(self._beginnings(text)))

    # The calls of every message test the words inline (a call of `possible` costs about what a small regex does).
    def search(self, string: str, *args) -> re.Match[str] | None:
        if (args or not self.whole.isdisjoint(self._words(string))
                or self.beginnings and not self.beginnings.isdisjoint(self._beginnings(string))):
            return self.regex.search(string, *args)
        return None

    def finditer(self, string: str, *args) -> Iterator[re.Match[str]]:
        if (args or not self.whole.isdisjoint(self._words(string))
                or self.beginnings and not self.beginnings.isdisjoint(self._beginnings(string))):
            return self.regex.finditer(string, *args)
        return iter(())

    def match(self, string: str, *args) -> re.Match[str] | None:
        return self.regex.match(string, *args) if args or self.possible(string) else None

    def fullmatch(self, string: str, *args) -> re.Match[str] | None:
        return self.regex.fullmatch(string, *args) if args or self.possible(string) else None

    def findall(self, string: str, *args) -> list:
        return self.regex.findall(string, *args) if args or self.possible(string) else []

    def sub(self, repl, string: str, count: int = 0) -> str:
        return self.regex.sub(repl, string, count) if self.possible(string) else string

    def __repr__(self) -> str:
        return f"prefiltered({self.regex!r})"


Cue = re.Pattern[str] | PrefilteredPattern  # what `prefiltered` and `word_cue` give: searched and iterated alike


def prefiltered(pattern: re.Pattern[str], word: str = WORD) -> Cue:
    """`pattern` behind a prefilter on the words its matches hold; the pattern itself when none is known.

    `word`: the character class of a word (a subset of \\w): `WORD` for `\\b`-bounded cues, `ALNUM` for cues
    bounded by `(?<![a-z0-9])`."""
    if sre_parse is None:
        return pattern
    try:
        whole, beginnings = _reader(word).first_words(pattern)
    except (_Unbounded, RecursionError):
        return pattern
    return PrefilteredPattern(pattern, whole, frozenset(beginnings), word)


class WordCue(PrefilteredPattern):
    """A cue of alternatives between two zero-width boundaries (`before(?:a|b|...)after`), each alternative
    bounded by its own words. Most cue words are common ("what", "i", "que"), so a message often has a word
    of the cue and yet only one of its alternatives can match: that one alone is searched, as a pattern of its
    own; a few are searched each and their matches merged into the combined pattern's own (the leftmost; at one
    position, the first alternative in order; `finditer` goes on from where a match ends). An alternative that
    cannot match anywhere in the text never takes part in the combined pattern's match, so nothing else changes.
    A cue whose alternatives hold capture groups, or one without a bound, is a `PrefilteredPattern`."""

    __slots__ = ("sources", "_alternatives", "_by_word", "_by_beginning")

    # Starting a search costs about as much as scanning a short message: past one alternative, they run separately
    # only when they are few (at most MAX_SEPARATE) and a small share of the cue (a SEPARATE_RATIO-th), else the
    # combined pattern runs (one scan instead of several).
    MAX_SEPARATE = 3
    SEPARATE_RATIO = 10

    def __init__(self, regex: re.Pattern[str], sources: list[str], bounds: list, word: str) -> None:
        super().__init__(regex, frozenset().union(*(w for w, _ in bounds)),
                         frozenset(b for _, bs in bounds for b in bs), word)
        self.sources = sources
        self._alternatives: list[re.Pattern[str] | None] = [None] * len(sources)
        self._by_word = _index(words for words, _ in bounds)
        self._by_beginning = _index(beginnings for _, beginnings in bounds)

    def candidates(self, string: str) -> list[int]:
        """The alternatives that can match in `string`, in order."""
        found: set[int] = set()
        by_word = self._by_word
        for w in self.whole.intersection(self._words(string)):
            found.update(by_word[w])
        if self.beginnings:
            by_beginning = self._by_beginning
            for b in self.beginnings.intersection(self._beginnings(string)):
                found.update(by_beginning[b])
        return sorted(found)

    def _alternative(self, i: int) -> re.Pattern[str]:
        compiled = self._alternatives[i]
        if compiled is None:
            compiled = self._alternatives[i] = re.compile(self.sources[i])
        return compiled

    def _separately(self, candidates: list[int]) -> bool:
        return len(candidates) <= self.MAX_SEPARATE and len(candidates) * self.SEPARATE_RATIO <= len(self.sources)

    def search(self, string: str, *args) -> re.Match[str] | None:
        if args:
            return self.regex.search(string, *args)
        if self.whole.isdisjoint(self._words(string)) and (
                not self.beginnings or self.beginnings.isdisjoint(self._beginnings(string))):
            return None
        candidates = self.candidates(string)
        if len(candidates) == 1:
            return self._alternative(candidates[0]).search(string)
        if self._separately(candidates):
            return next(self._merged(string, candidates), None)
        return self.regex.search(string)

    def finditer(self, string: str, *args) -> Iterator[re.Match[str]]:
        if args:
            return self.regex.finditer(string, *args)
        if self.whole.isdisjoint(self._words(string)) and (
                not self.beginnings or self.beginnings.isdisjoint(self._beginnings(string))):
            return iter(())
        candidates = self.candidates(string)
        if len(candidates) == 1:
            return self._alternative(candidates[0]).finditer(string)
        if self._separately(candidates):
            return self._merged(string, candidates)
        return self.regex.finditer(string)

    def _merged(self, string: str, candidates: list[int]) -> Iterator[re.Match[str]]:
        """The combined pattern's matches, from the candidate alternatives' own (none matches empty: each holds a
        word)."""
        pending = {i: self._alternative(i).search(string) for i in candidates}
        while True:
            best = min(((m.start(), i) for i, m in pending.items() if m is not None), default=None)
            if best is None:
                return
            match = pending[best[1]]
            yield match
            end = match.end()
            for i, m in pending.items():
                if m is not None and m.start() < end:
                    pending[i] = self._alternative(i).search(string, end)


def _index(keys_per_alternative) -> dict[str, tuple[int, ...]]:
    """key -> the alternatives (by position) that hold it."""
    index: dict[str, list[int]] = {}
    for i, keys in enumerate(keys_per_alternative):
        for key in keys:
            index.setdefault(key, []).append(i)
    return {key: tuple(alternatives) for key, alternatives in index.items()}


def _zero_width(source: str) -> bool:
    """Whether the pattern only asserts (boundaries, look-arounds) and consumes nothing."""
    return all(op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT) for op, _ in sre_parse.parse(source).data)


def alternatives_of(source: str, *, before: str, after: str) -> tuple[str, ...]:
    """The top-level alternatives of a pattern written `before(?:a|b|...)after` (split at each `|` outside groups and
    character classes), for `word_cue`: `word_cue(alternatives_of(s, ...), ...)` compiles `s` itself."""
    head, tail = before + "(?:", ")" + after
    if not (source.startswith(head) and source.endswith(tail)):
        raise ValueError(f"not {head}...{tail}: {source[:40]!r}")
    inner = source[len(head):-len(tail)]
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(inner):
        char = inner[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            i += inner[i:i + 1] == "^"
            i += inner[i:i + 1] == "]"  # a "]" first in a class is one of its characters
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
        i += 1
    parts.append(inner[start:])
    if depth or in_class or head + "|".join(parts) + tail != source:
        raise ValueError(f"unbalanced: {source[:40]!r}")
    return tuple(parts)


def word_cue(alternatives: tuple[str, ...] | list[str], *, before: str, after: str, word: str = WORD) -> Cue:
    """The cue `before(?:alternative|...)after` (`before`/`after`: zero-width boundaries, e.g. `\\b`), compiled
    once as a whole and searched by the alternatives a message can match (`WordCue`); a `PrefilteredPattern`
    or the plain pattern when that is all that is known."""
    regex = re.compile(before + "(?:" + "|".join(alternatives) + ")" + after)
    if sre_parse is None or regex.groups or not _zero_width(before) or not _zero_width(after):
        return prefiltered(regex, word)
    sources = [before + "(?:" + alternative + ")" + after for alternative in alternatives]
    try:
        bounds = [_reader(word).words_of_source(source) for source in sources]
    except (_Unbounded, RecursionError):
        return prefiltered(regex, word)
    return WordCue(regex, sources, bounds, word)


class CueSet:
    """Many cues searched in the same text, each only when the text has a word its matches can hold.

    Searching each cue asks its prefilter (a call, two set tests); here one pass over the text's words and word
    beginnings finds every cue that can match (an index built once), and only those are searched, by the cue
    itself, so every answer is the cue's own. `searched(text)` gives the positions of those cues, in order; a cue
    with no prefilter (a plain pattern, or one of another word class than the first) is always searched."""

    __slots__ = ("cues", "_always", "_by_word", "_by_beginning", "_words", "_beginnings")

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = list(cues)
        word_class = next((c._words for c in self.cues if isinstance(c, PrefilteredPattern)), None)
        indexed = [isinstance(c, PrefilteredPattern) and c._words is word_class for c in self.cues]
        self._always = frozenset(i for i, ok in enumerate(indexed) if not ok)
        self._by_word = _index(c.whole if ok else () for c, ok in zip(self.cues, indexed, strict=True))
        self._by_beginning = _index(c.beginnings if ok else () for c, ok in zip(self.cues, indexed, strict=True))
        prefilter = next((c for c, ok in zip(self.cues, indexed, strict=True) if ok), None)
        self._words = prefilter._words if prefilter is not None else None
        self._beginnings = prefilter._beginnings if prefilter is not None else None

    def searched(self, text: str) -> list[int]:
        """Positions (in order) of the cues that can match `text`: every other cue's search finds nothing."""
        found = set(self._always)
        if self._words is not None:
            by_word = self._by_word
            for w in by_word.keys() & self._words(text):
                found.update(by_word[w])
            if self._by_beginning:
                by_beginning = self._by_beginning
                for b in by_beginning.keys() & self._beginnings(text):
                    found.update(by_beginning[b])
        return sorted(found)


class LiteralGate:
    """A pattern searched in an ASCII text only when the text (lower-cased) holds one of `literals` or, with
    `digit`, a digit: one of them must be in every match (the caller's derivation, held by a test). A text with
    any other character is searched by the pattern itself (case-insensitive matching goes beyond ASCII there).
    For a pattern the word prefilter cannot bound (one that may begin at `^\\s*` and read on to a digit)."""

    __slots__ = ("regex", "literals", "digit")

    _DIGIT = re.compile(r"[0-9]")

    def __init__(self, regex: re.Pattern[str], literals: tuple[str, ...], *, digit: bool = False) -> None:
        self.regex, self.literals, self.digit = regex, literals, digit

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def possible(self, text: str) -> bool:
        if not text.isascii():
            return True
        lowered = text.lower()
        return any(literal in lowered for literal in self.literals) or (
            self.digit and self._DIGIT.search(text) is not None)

    def search(self, string: str, *args) -> re.Match[str] | None:
        return self.regex.search(string, *args) if args or self.possible(string) else None
