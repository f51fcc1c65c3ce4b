"""Cuts of the twelfth session's lean turn (issue 20) hold what users get: each fast path is compared with the plain
code it replaced, on every development sentence and on made-up text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chat.engine.eval_batches import DEVELOPMENT_BATCHES
from chat.engine.nlu import language
from chat.engine.nlu.learned import DATA_DIR
from chat.engine.nlu.text import fold
from chat.services import safety_text
from chat.tests import factories
from chat.tests.data_strings import strings_in

sandbox = factories.sandbox


def _development_sentences() -> list[str]:
    """Every string of the repo's own data files and of the development batches (never a sealed batch)."""
    development = {path.name for batch in DEVELOPMENT_BATCHES for path in batch.pinned}
    found: list[str] = []
    for path in sorted([*DATA_DIR.glob("*.json*"), *DATA_DIR.glob("*/*.json*")]):
        if "sealed" in path.name and path.name not in development:
            continue
        found += strings_in(path)
    return list(dict.fromkeys(found))


SENTENCES = _development_sentences()

# --- safety_text.normalise: regexes only where they can change something ------------------------------------------

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_JUNK = re.compile(r"[^a-z0-9%$/,.!?;:\s-]+")
_SPACES = re.compile(r"\s+")


def reference_normalise(message: str) -> str:
    """`normalise` as it was: every substitution on every message."""
    text = _APOSTROPHE.sub("", fold(message))
    text = _SPACES.sub(" ", _JUNK.sub(" ", text.replace("'", " "))).strip()
    return safety_text._SHORT.sub(lambda m: safety_text._SHORTHAND[m.group()], text)


def test_the_safety_reading_is_the_same_on_every_development_sentence():
    assert len(SENTENCES) > 5000
    for sentence in SENTENCES:
        assert safety_text.normalise(sentence) == reference_normalise(sentence), sentence


_PIECES = st.sampled_from([*safety_text._SHORTHAND, "'", "’", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "q'",
                           "$", "%", "50", ",", ".", "?", "¿", "-", "/", "_", "é", "ñ", "ção", "a", "im", "wat?",
                           "I'm"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_made_up_text_is_read_the_same(text):
    assert safety_text.normalise(text) == reference_normalise(text)


def test_shorthand_and_apostrophes_are_still_written_out():
    assert safety_text.normalise("No   sé q hacer,   I'm  broke!!") == "no se que hacer, im broke!!"
    assert safety_text.normalise("$q 5% tbm%") == "$q 5% tbm%"


# --- patterns searched in every message, behind the word prefilter --------------------------------------------------


def _every_message_patterns():
    from chat.engine.nlu import classifier, markets, money, slang, unrelated

    return {"classifier._ODDS_FORMAT": classifier._ODDS_FORMAT, "unrelated._GAME_RULE": unrelated._GAME_RULE,
            "markets._UNSUPPORTED": markets._UNSUPPORTED,
            "money._SMALL_MULTIPLE": money._SMALL_MULTIPLE, "money._SLANG_STAKES": money._SLANG_STAKES,
            **{f"slang._REWRITES[{i}]": pattern for i, (pattern, _) in enumerate(slang._REWRITES)},
            **{f"slang._SHORTHAND[{language}][{i}]": pattern for language, rules in slang._SHORTHAND.items()
               for i, (pattern, _) in enumerate(rules)}}


def test_the_patterns_of_every_message_rewrite_and_find_as_their_regexes_do():
    """(test_cue_prefilter holds every prefiltered pattern to its regex on every text as read; this names the ones
    this session put behind the prefilter, so that none goes back to scanning every message.)"""
    from chat.engine.nlu.prefilter import PrefilteredPattern

    patterns = _every_message_patterns()
    assert all(isinstance(pattern, PrefilteredPattern) for pattern in patterns.values())
    skipped = 0
    for sentence in SENTENCES:
        folded = fold(sentence)
        for name, pattern in patterns.items():
            assert pattern.sub("#", folded) == pattern.regex.sub("#", folded), (name, sentence)
            hit, expected = pattern.search(folded), pattern.regex.search(folded)
            assert (hit and hit.span()) == (expected and expected.span()), (name, sentence)
            skipped += not pattern.possible(folded)
    assert skipped > len(SENTENCES) * len(patterns) // 2


def test_the_unread_markets_are_searched_by_the_alternatives_a_message_has_the_words_of():
    from chat.engine.nlu import markets
    from chat.engine.nlu.prefilter import WordCue

    assert isinstance(markets._UNSUPPORTED, WordCue) and len(markets._UNSUPPORTED.sources) > 100
    for text in ("win the first set", "a set betting question", "the 2nd quarter", "odds for the match",
                 "who scores first?", "arsenal to win by 2 goals", "o primeiro set", "el segundo tiempo"):
        hit, expected = markets._UNSUPPORTED.search(text), markets._UNSUPPORTED.regex.search(text)
        assert (hit and hit.span()) == (expected and expected.span()), text


def test_alternatives_are_split_at_the_top_level_only():
    from chat.engine.nlu.prefilter import alternatives_of

    source = r"\b(?:a(?:b|c)|[|x]|d\||[]|]e|[^|]f|[^]|]h|g)\b"
    parts = alternatives_of(source, before=r"\b", after=r"\b")
    assert parts == ("a(?:b|c)", "[|x]", r"d\|", "[]|]e", "[^|]f", "[^]|]h", "g")
    assert all(re.compile(part) for part in parts)
    for broken in (r"\b(?:a|b\b", r"(?:a|b)", r"\b(?:a|(b)\b"):
        try:
            alternatives_of(broken, before=r"\b", after=r"\b")
        except ValueError:
            continue
        raise AssertionError(broken)


# --- language scores: one table lookup a word ---------------------------------------------------------------------


def reference_language_scores(text: str) -> dict[str, float]:
    """`language_scores` as it was: six set tests a word."""
    lowered = text.lower()
    words = [w for w in language._WORD.findall(lowered) if w not in language.NEUTRAL]
    scores = dict.fromkeys(language.LANGUAGES, 0.0)
    for word in words:
        for lang in language.LANGUAGES:
            if word in language._WORDS[lang]:
                scores[lang] += 1.0
            if word in language._STRONG[lang]:
                scores[lang] += 1.5
    for lang, patterns in language._PATTERNS.items():
        for weight, pattern in zip((1.5, 1.5, 0.75), patterns, strict=True):
            scores[lang] += weight * min(3, len(pattern.findall(lowered)))
    for lang, pattern in language._TELLS.items():
        if pattern.search(lowered):
            scores[lang] += 1.5
    return scores


def test_language_scores_are_the_same_on_every_development_sentence():
    for sentence in SENTENCES:
        for text in (sentence, language.blank_proper_names(sentence)):
            assert language.language_scores(text) == reference_language_scores(text), text


_LANGUAGE_WORDS = st.sampled_from(sorted({w for words in (*language._WORDS.values(), *language._STRONG.values())
                                          for w in words}) + ["odds", "vs", "¿", "Ñ", "I'm", "x", "ok", "2", "ção"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LANGUAGE_WORDS, max_size=10).map(" ".join))
def test_language_scores_of_made_up_text_are_the_same(text):
    assert language.language_scores(text) == reference_language_scores(text)


# --- names: n-grams no key starts with are not looked up ------------------------------------------------------------


@pytest.mark.django_db
def test_mentions_are_the_same_without_the_first_word_bound(sandbox):
    """`find_mentions` skips an n-gram when no name key of that many words starts with its first word
    (`NameIndex.longest_from`); with the bound unknown (None) it tries them all, as it did."""
    import dataclasses

    from chat.engine.nlu.names import find_mentions, get_index
    from chat.engine.nlu.text import SpanSet, tokenize

    index = get_index()
    assert index.longest_from and max(index.longest_from.values()) >= 2
    unbounded = dataclasses.replace(index, longest_from=None)
    texts = SENTENCES + ["Real Madrid vs Atletico de Madrid", "la liga colombiana", "inter de porto alegre hoje"]
    for sentence in texts:
        folded = fold(sentence)
        tokens = tokenize(folded)
        taken, taken_before = SpanSet(), SpanSet()
        found = find_mentions(tokens, taken=taken, original=sentence, index=index)
        assert found == find_mentions(tokens, taken=taken_before, original=sentence, index=unbounded), sentence
