"""Cue patterns behind a literal prefilter (`chat.engine.nlu.prefilter`) answer exactly as their regexes: the
prefilter only skips searches that cannot match, so no user sees another intent, slot or safety answer because a
turn got cheaper. Held on every sentence of every data file (corpora, development sets, batches, safety cases,
follow-up scripts), swept chunk by chunk (`SENTENCE_CHUNKS`), and on made-up text against patterns built to trip the
derivation."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chat.engine import frame, nlu
from chat.engine.nlu import prefilter
from chat.engine.nlu.prefilter import ALNUM, WORD, CueSet, PrefilteredPattern, WordCue, prefiltered, word_cue
from chat.engine.nlu_eval import EVAL_NOW
from chat.services import safety, safety_cues
from chat.tests.data_strings import strings_in

DATA_DIR = Path(nlu.__file__).resolve().parent.parent / "data"


MADE_UP = ["", "   ", "ÀRSENAL!!!  vs   Çelta", "İstanbul Başakşehir", "a", "x" * 300, "im_16", "100%", "ñandú 17"]
CHUNK = 300  # sentences a sweep test takes at most: a few seconds each, well inside the timeout on a loaded machine


def _sentence_chunks() -> dict[str, list[str]]:
    """Every string of every data file, each once (under the first file holding it), and the made-up ones, in chunks
    of at most CHUNK by file: the sweeps below run chunk by chunk, so no single test holds them all."""
    seen: set[str] = set()
    chunks: dict[str, list[str]] = {}
    files = [(path.name, strings_in(path)) for path in sorted(DATA_DIR.glob("*.json*"))]
    for name, found in [*files, ("made-up", MADE_UP)]:
        fresh = [s for s in dict.fromkeys(found) if s not in seen]
        seen.update(fresh)
        for start in range(0, len(fresh), CHUNK):
            chunks[f"{name}[{start // CHUNK}]"] = fresh[start:start + CHUNK]
    return chunks


SENTENCE_CHUNKS = _sentence_chunks()
SENTENCES = [s for chunk in SENTENCE_CHUNKS.values() for s in chunk]
sweep = pytest.mark.parametrize("chunk", list(SENTENCE_CHUNKS))


def _texts_as_read(sentence: str) -> list[str]:
    """The texts cues are searched in: the folded message, the classifier's cue text, the safety reading and its
    versions with number words as digits."""
    _entities, _language, cue_text = nlu.extract_entities(sentence, now=EVAL_NOW)
    reading = safety_cues.Reading.of(sentence)
    return list(dict.fromkeys([sentence, nlu.fold(sentence), cue_text, *reading.versions.values()]))


def _prefiltered_patterns() -> dict[str, PrefilteredPattern]:
    """Every prefiltered pattern the engine and the safety policy hold, by where it is kept."""
    found: dict[str, PrefilteredPattern] = {}

    def walk(name: str, value, depth: int = 0) -> None:
        if isinstance(value, PrefilteredPattern):
            found[name] = value
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                walk(f"{name}[{key!r}]", item, depth + 1)
        elif depth < 3 and isinstance(value, list | tuple):
            for i, item in enumerate(value):
                walk(f"{name}[{i}]", item, depth + 1)

    for module_name, module in sorted(sys.modules.items()):
        if module_name.startswith(("chat.engine", "chat.services")) and module is not None:
            for attribute, value in vars(module).items():
                walk(f"{module_name}.{attribute}", value)
    return found


def test_the_cues_searched_in_every_message_are_prefiltered():
    patterns = _prefiltered_patterns()
    classifier_cues = [name for name in patterns if name.startswith("chat.engine.nlu.classifier.CUES")]
    assert len(classifier_cues) >= 25  # every cue list of the classifier (each derives its first words)
    assert all(isinstance(patterns[name], WordCue) for name in classifier_cues)  # searched alternative by alternative
    assert isinstance(safety_cues.DISTRESS, WordCue) and isinstance(safety_cues.MINOR_BY_LANGUAGE["en"], WordCue)
    assert {f"chat.services.safety_cues.{n}" for n in ("CRISIS", "DISTRESS", "STOP", "GUARANTEED")} <= set(patterns)
    for module in ("nlu.dates._RULES", "nlu.markets._UNSUPPORTED", "nlu.money._STAKE_CUE", "nlu.language._PATTERNS",
                   "nlu.sports._UNCOVERED", "frame._ASKS_OTHER"):
        assert any(name.startswith(f"chat.engine.{module}") for name in patterns), module
    assert isinstance(frame._THEM, PrefilteredPattern)


def test_every_data_file_is_swept():
    assert {name.rsplit("[", 1)[0] for name in SENTENCE_CHUNKS} == {
        path.name for path in DATA_DIR.glob("*.json*")} | {"made-up"}
    assert len(SENTENCES) == len(set(SENTENCES)) and set(MADE_UP) <= set(SENTENCES)
    texts = list(dict.fromkeys(t for s in SENTENCES for t in _texts_as_read(s)))
    assert len(texts) > 3000  # every file read, none gone missing


@sweep
def test_every_prefiltered_pattern_finds_what_its_regex_finds_in_every_data_sentence(chunk):
    patterns = _prefiltered_patterns()
    texts = list(dict.fromkeys(t for s in SENTENCE_CHUNKS[chunk] for t in _texts_as_read(s)))
    skipped = 0
    # Text by text, every pattern on it: a text's words are split once for all the patterns (the prefilter remembers
    # the last texts it split), as a message is searched by every cue in turn.
    for text in texts:
        for name, pattern in patterns.items():
            expected = [m.span() for m in pattern.regex.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (name, text)
            hit = pattern.search(text)
            assert (hit and hit.span()) == (expected[0] if expected else None), (name, text)
            # with no match the regex leaves the text as it is: its `sub` need not scan it again
            assert pattern.sub(" ", text) == (pattern.regex.sub(" ", text) if expected else text), (name, text)
            skipped += not pattern.possible(text)
    assert skipped > len(texts) * len(patterns) // 2  # and most searches are skipped: the point of it


@pytest.fixture
def without_prefilter(monkeypatch):
    """The engine as before the prefilter: every cue searched with its regex (`search` and `finditer` test the words
    inline rather than through `possible`, and a WordCue searches its alternatives: all go straight to the regex)."""
    def regexes_only() -> None:
        monkeypatch.setattr(PrefilteredPattern, "possible", lambda self, text: True)
        for kind in (PrefilteredPattern, WordCue):
            monkeypatch.setattr(kind, "search", lambda self, string, *args: self.regex.search(string, *args))
            monkeypatch.setattr(kind, "finditer", lambda self, string, *args: self.regex.finditer(string, *args))
        monkeypatch.setattr(CueSet, "searched", lambda self, text: list(range(len(self.cues))))  # every cue, in order
    return regexes_only


@sweep
def test_understanding_and_safety_answers_are_the_same_without_the_prefilter(without_prefilter, chunk):
    """Intent, confidence, alternatives, every extracted slot and the safety policy's kind, sentence by sentence."""
    def answers() -> list[tuple]:
        return [(nlu.understand(s, now=EVAL_NOW).to_dict(), safety.classify(s)) for s in SENTENCE_CHUNKS[chunk]]

    with_prefilter = answers()
    without_prefilter()
    assert answers() == with_prefilter


def test_the_sentences_swept_meet_every_safety_answer():
    assert {safety.classify(s) for s in SENTENCES} >= {"minor", "crisis", "distress", "stop", "guaranteed"}


# --- the derivation itself ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "word", "whole", "beginnings"), [
    (r"\b(?:odds?|the line)\b", WORD, {"odd", "odds", "the"}, ()),
    (r"\b(?:recommend\w*|tips?)\b", WORD, {"recommend", "tip", "tips"}, ("recommend",)),
    (r"\bhow much (?:is|does) .{1,30} pay\b", WORD, {"how"}, ()),
    (r"\b(?:self[- ]?exclu\w*)\b", WORD, {"self", "selfexclu"}, ("selfexclu",)),
    (r"(?<![a-z0-9])(?:1[0-7]|[5-9]) ?%(?![a-z0-9])", ALNUM, {str(n) for n in (*range(10, 18), *range(5, 10))}, ()),
    (r"\b(?:\w+ ){0,2}\w+ and (?:i|me)\b", WORD, {"and"}, ()),  # a match starting mid-word is anchored later
    (r"^\W*(?:down|lost)\b", WORD, {"down", "lost"}, ()),
    (r"\s{2}\bx", WORD, set(), ("x",)),
    (r"\d+ odds?", WORD, set(), ("odd", "odds")),  # no boundary after it: "12 oddsmakers" matches too
])
def test_the_words_a_match_must_start_on(pattern, word, whole, beginnings):
    cue = prefiltered(re.compile(pattern), word)
    assert isinstance(cue, PrefilteredPattern)
    assert cue.whole == whole and cue.beginnings == set(beginnings)


@pytest.mark.parametrize(("pattern", "word"), [
    (r"odds", WORD),  # no boundary: "oddsmakers", "xodds"
    (r"\b\w+\b", WORD),
    (r"(?<![a-z0-9])(?:abc)", WORD),  # a boundary of another word class than the one asked for
    (r"\b(?:odds|)\b", WORD),  # an empty alternative
    (r"(?i)\bodds\b", WORD),  # case folded: "ODDS"
])
def test_patterns_without_a_known_first_word_are_left_alone(pattern, word):
    compiled = re.compile(pattern)
    assert prefiltered(compiled, word) is compiled


TRICKY = [
    (r"\b(?:odds?|the line|kick ?-?off|what'?s on|a)\b", WORD),
    (r"\b(?:recommend\w*|suger\w*|self[- ]?exclu\w*|tips?)\b", WORD),
    (r"\b(?:how much (?:is|does) .{1,9} pay|(?:good|bad) idea|value bets?)\b", WORD),
    (r"\b(?:(?:\w+ ){0,2}\w+ and (?:i|me) are|(?:^|(?<=[,.] ))were 1[0-7])\b", WORD),
    (r"(?<![a-z0-9])(?:1[0-7]|[5-9])\s*(?:years?|y/?o)(?![a-z0-9])", ALNUM),
    (r"(?<![a-z0-9])(?:100 ?%|cien por cien|no[- ]risk)(?![a-z0-9])", ALNUM),
    (r"\b(?:a(?:b|c)*d|x{2,3}y?)\b", WORD),
    (r"^\W*(?:down|lost) \d+\b|\bcash ?out$", WORD),
    (r"\b(?:ab(?=c)|de(?!f)\w|_g)\b", WORD),
]
_ALPHABET = st.sampled_from(
    ["odds", "odd", "odds_", "the", "line", "kick", "off", "-", "'", "s", "on", "a", "recommended", "suger", "self",
     "exclu", "exclusion", "tips", "tip", "how", "much", "is", "does", "pay", "good", "idea", "value", "bets", "and",
     "i", "me", "are", "were", "16", "17", "18", "9", "5", "years", "yo", "y/o", "100", "%", "cien", "por", "no",
     "risk", "ab", "abcd", "ad", "acbd", "xx", "xxxy", "down", "lost", "cash", "out", "abc", "de", "def", "dex", "_g",
     "ñ", "é", " ", "  ", ",", ".", "\n", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=14).map("".join))
def test_made_up_text_finds_the_same_matches(text):
    for pattern, word in TRICKY:
        compiled = re.compile(pattern)
        cue = prefiltered(compiled, word)
        assert isinstance(cue, PrefilteredPattern), pattern
        assert [m.span() for m in cue.finditer(text)] == [m.span() for m in compiled.finditer(text)], (pattern, text)
        assert bool(cue.search(text)) == bool(compiled.search(text))
        assert bool(cue.match(text)) == bool(compiled.match(text))
        assert cue.findall(text) == compiled.findall(text)


def test_a_text_is_split_into_words_once_for_all_the_cues_searching_it():
    words, _beginnings = prefilter._texts_read(WORD)
    words.cache_clear()
    for cue, _weight in nlu.classifier.CUES["greeting"] + nlu.classifier.CUES["help"]:
        cue.search("hola, que puedes hacer?")
    assert words.cache_info().misses == 1


CUES = [
    ((r"odds?", r"odds for", r"for (?:the )?\w+", r"the", r"a", r"what'?s on"), r"\b", r"\b", WORD),
    ((r"100 ?%", r"100", r"% sure", r"sure", r"no[- ]risk", r"(?:im|i am) (?:1[0-7]|[5-9])"), r"(?<![a-z0-9])",
     r"(?![a-z0-9])", ALNUM),
    ((r"ab", r"abc", r"b c", r"c\w*", r"x(?= y)", r"y", r"(?<!x )y z"), r"\b", r"\b", WORD),
]
_CUE_ALPHABET = st.sampled_from(
    ["odds", "odd", "for", "the", "team", "a", "what", "whats", "what's", "on", "100", "%", "sure", "no", "risk", "-",
     "im", "i", "am", "16", "17", "5", "ab", "abc", "b", "c", "cd", "x", "y", "z", "_", "é", " ", " ", " ", ",", "\n"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CUE_ALPHABET, max_size=16).map("".join))
def test_a_cue_searched_by_its_alternatives_finds_the_combined_patterns_matches(text):
    for alternatives, before, after, word in CUES:
        cue = word_cue(alternatives, before=before, after=after, word=word)
        combined = re.compile(before + "(?:" + "|".join(alternatives) + ")" + after)
        assert isinstance(cue, WordCue)
        expected = [m.span() for m in combined.finditer(text)]
        kept = WordCue.MAX_SEPARATE
        for separate in (99, 0):  # alternative by alternative, and the combined pattern (too many candidates)
            WordCue.MAX_SEPARATE = separate
            try:
                assert [m.span() for m in cue.finditer(text)] == expected, text
                found = cue.search(text)
                assert (found and found.span()) == (expected[0] if expected else None), text
            finally:
                WordCue.MAX_SEPARATE = kept


def test_a_cue_with_groups_or_a_consuming_boundary_is_searched_whole():
    assert type(word_cue([r"(odds)", r"line"], before=r"\b", after=r"\b")) is PrefilteredPattern
    assert type(word_cue([r"odds", r"line"], before=r" ", after=r"\b")) is PrefilteredPattern
    assert type(word_cue([r"odds", r"\d+"], before=r"\b", after=r"\b")) is re.Pattern  # "12" has no word to bound it


# --- many cues at once (`CueSet`: the classifier's cues, by one pass over a message's words) ------------------------


def test_the_classifier_searches_every_cue_that_can_match_in_every_data_sentence():
    """A cue the index leaves out finds nothing in that text: the intent scores are those of every cue searched."""
    flat = nlu.classifier._FLAT_CUES
    assert [pattern for _, pattern, _ in flat] == nlu.classifier._CUE_SET.cues
    assert len(flat) == sum(len(cues) for cues in nlu.classifier.CUES.values())
    texts = list(dict.fromkeys(nlu.fold(s) for s in SENTENCES))
    left_out = 0
    for text in texts:
        searched = set(nlu.classifier._CUE_SET.searched(text))
        assert {i for i, (_, pattern, _) in enumerate(flat) if pattern.regex.search(text)} <= searched, text
        left_out += len(flat) - len(searched)
    assert left_out > len(texts) * len(flat) // 2  # most cues are never searched in a message: the point of it


@functools.cache
def _made_up_cue_set() -> CueSet:
    cues = [word_cue(alternatives, before=before, after=after, word=word) for alternatives, before, after, word in CUES]
    plain = re.compile(r"\d+")  # no prefilter: always searched (position len(CUES))
    return CueSet([*cues, plain, *(prefiltered(re.compile(p), w) for p, w in TRICKY)])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_CUE_ALPHABET, _ALPHABET), max_size=16).map("".join))
def test_a_cue_set_leaves_out_only_cues_that_find_nothing(text):
    cue_set = _made_up_cue_set()
    searched = cue_set.searched(text)
    assert searched == sorted(searched) and len(CUES) in searched
    for i, cue in enumerate(cue_set.cues):
        regex = cue.regex if isinstance(cue, PrefilteredPattern) else cue
        if regex.search(text):
            assert i in searched, (i, text)


# --- a literal gate (`LiteralGate`: "place a bet", which the word prefilter cannot bound) ---------------------------


def test_placing_a_bet_is_read_as_its_regex_reads_it_in_every_data_sentence():
    from chat.engine.answer import _PLACE

    assert isinstance(_PLACE, prefilter.LiteralGate)
    texts = list(dict.fromkeys(t for s in SENTENCES for t in (s, nlu.fold(s), s.upper())))
    gated, cannot_match = 0, 0
    for text in texts:
        expected = _PLACE.regex.search(text)
        found = _PLACE.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
        gated += not _PLACE.possible(text)
        lowered = text.lower()
        cannot_match += text.isascii() and not any(c.isdigit() for c in text) and not any(
            word in lowered for word in ("bet", "apuest", "apost"))
    # every ASCII message with no bet word and no digit skips the pattern (thousands of the data's sentences): the
    # gate's saving does not depend on how many betting sentences the data happens to hold
    assert gated == cannot_match > 3000, (gated, cannot_match)


_PLACE_ALPHABET = st.sampled_from(
    ["bet", "BET", "Bets", "place", "Put", "make", "submit", "please", "stake", "pon", "pón", "métele", "mete",
     "apuesta", "APUESTA", "apueſta", "haz", "coloca", "aposta", "faça", "aposte", "Aposte", "a", "my", "on", "$", "€",
     "10", "٣", "5", "?", "ſ", "ñ", " ", " ", "  ", "\n", ",", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLACE_ALPHABET, max_size=10).map("".join))
def test_placing_a_bet_in_made_up_text_is_read_as_its_regex_reads_it(text):
    from chat.engine.answer import _PLACE

    expected = _PLACE.regex.search(text)
    found = _PLACE.search(text)
    assert (found and found.span()) == (expected and expected.span()), text
