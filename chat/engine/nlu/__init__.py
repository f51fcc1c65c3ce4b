"""Understanding a chat message: intent + confidence + entities, offline and deterministic.

`understand()` is the single entry point. It runs in well under 2 ms for a typical message: the
regexes are compiled at import, the catalogue name index is cached for a few minutes
(`names.INDEX_TTL`), and nothing touches the network. Names come from the live catalogue
(`sports.services.catalogue`), dates are resolved in the user's time zone, and the intent comes
from a pluggable `IntentClassifier`: by default the calibrated model of `learned.py` (the keyword scorer
`RuleClassifier` when its artifact is missing). Below `ABSTAIN_BELOW` the understanding abstains: the
engine asks which of the two most likely readings was meant instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from .classifier import INTENTS, IntentClassifier, RuleClassifier
from .competitions import asks_which_competitions_play, asks_which_competitions_to_bet, find_named_competition
from .dates import find_dates
from .examples import INTENT_EXAMPLES
from .language import blank_proper_names, detect_language
from .later_slots import refine_slots
from .learned import LearnedClassifier
from .markets import find_market
from .misspelt import spelled_out
from .money import find_amounts, stake_choices, stake_of, with_digits
from .names import Mention, clear_index, find_mentions, get_index, set_name_source
from .opponents import unknown_opponents
from .past_events import past_event_spans, without_spans
from .places import city_spans, is_journey, is_weather_question
from .product_questions import asks_return_of_backing, asks_stake_limits
from .slang import plain_question
from .sports import find_sport, uncovered_sport_span
from .stance import find_confirmation, find_live, find_risk, find_wants_real_bet
from .text import SpanSet, fold, tokenize
from .unrelated import (
    asks_club_trivia,
    asks_game_rule,
    asks_help_of_ours,
    asks_price_of_goods,
    asks_unrelated_explanation,
    asks_unrelated_help,
    asks_unrelated_opinion,
)

__all__ = [
    "INTENTS",
    "INTENT_EXAMPLES",
    "Entities",
    "ABSTAIN_BELOW",
    "IntentClassifier",
    "LearnedClassifier",
    "RuleClassifier",
    "Understanding",
    "clear_index",
    "extract_entities",
    "set_name_source",
    "understand",
]


@dataclass
class Entities:
    teams: list[str] = field(default_factory=list)  # canonical catalogue names, in mention order
    unknown_teams: list[str] = field(default_factory=list)  # names we don't have, as written ("Inter Miami")
    tournament: str | None = None  # canonical catalogue name
    date_from: datetime | None = None  # aware UTC: start of the resolved day/range in the user's tz
    date_to: datetime | None = None  # exclusive end
    date_text: str | None = None  # the phrase as written ("tomorrow", "este fin de semana")
    amount: Decimal | None = None
    amount_ambiguous: bool = False  # "10.555" in es/pt: read as thousands, could be a decimal
    currency: str | None = None  # ISO 4217
    pesos_unsaid: bool = False  # "pesos" with no country: read as COP, asked which before acting (money.py)
    market: str | None = None  # 1x2 | double_chance | over_under | btts | handicap | half_time_result
    selection: str | None = None  # home | draw | away | over | under | yes | no | home_or_draw | ...
    line: float | None = None  # 2.5 for "over 2.5", -1 for "handicap -1"
    risk: str | None = None  # low | medium | high
    live: bool | None = None
    confirmation: bool | None = None  # yes/no answer to a pending question (bet confirmation)
    wants_real_bet: bool = False  # explicit "place a bet" (vs "what if I bet")
    selection_team: str | None = None  # "Arsenal to win": which team the selection backs (home/away unknown here)
    sport: str | None = None  # catalogue sport name ("Football") from "fútbol", "soccer", "NBA"...
    sport_id: str | None = None  # its catalogue id, what find_fixtures filters on
    selection_negated: bool = False  # "Arsenal won't win": the selection is against selection_team
    unsupported_market: str | None = None  # "first set", "corners", "2-1": a market named that we do not read
    amount_choices: list[str] = field(default_factory=list)  # two different stakes said ("tengo 16 ... 10"): ask
    team_choices: dict[str, list[str]] = field(default_factory=dict)  # "Spurs": the picked name -> every candidate
    uncovered_sport: str | None = None  # "F1", "the Tour de France": a sport we have no markets for, as written
    unknown_tournament: str | None = None  # "Liga MX", "Série B": a competition the catalogue lacks, as written

    @property
    def competition(self) -> str | None:
        """The competition named, covered or not: what the intent cues read ("¿cubren la liga mx?" asks about one)."""
        return self.tournament or self.unknown_tournament

    def to_dict(self) -> dict:
        """JSON-safe: datetimes as ISO 8601, the amount as a string (exact decimal)."""
        return {
            "teams": list(self.teams),
            "unknown_teams": list(self.unknown_teams),
            "tournament": self.tournament,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "date_text": self.date_text,
            "amount": str(self.amount) if self.amount is not None else None,
            "amount_ambiguous": self.amount_ambiguous,
            "currency": self.currency,
            "pesos_unsaid": self.pesos_unsaid,
            "market": self.market,
            "selection": self.selection,
            "line": self.line,
            "risk": self.risk,
            "live": self.live,
            "confirmation": self.confirmation,
            "wants_real_bet": self.wants_real_bet,
            "selection_team": self.selection_team,
            "sport": self.sport,
            "sport_id": self.sport_id,
            "selection_negated": self.selection_negated,
            "unsupported_market": self.unsupported_market,
            "amount_choices": list(self.amount_choices),
            "team_choices": {k: list(v) for k, v in self.team_choices.items()},
            "uncovered_sport": self.uncovered_sport,
            "unknown_tournament": self.unknown_tournament,
        }


@dataclass
class Understanding:
    intent: str  # one of INTENTS
    confidence: float  # 0..1
    entities: Entities
    language: str  # en | es | pt_br
    alternatives: list[tuple[str, float]] = field(default_factory=list)  # most likely readings, best first
    abstain: bool = False  # too unsure to act: ask which reading was meant

    def to_dict(self) -> dict:
        return {"intent": self.intent, "confidence": self.confidence, "language": self.language,
                "entities": self.entities.to_dict(), "alternatives": [list(pair) for pair in self.alternatives],
                "abstain": self.abstain}


_DEFAULT_CLASSIFIER = LearnedClassifier()
# Below this calibrated probability the top reading is not acted on. Chosen on the development set
# (bench/chat_nlu_accuracy.py prints the abstention rate); never on the sealed test set.
ABSTAIN_BELOW = 0.45
_LEADING_ARTICLE = re.compile(r"(?:el|la|los|las|the|o|os|a|as)\s+")


def _after_article(folded: str, mention) -> int:
    """Where a mention's own words start, a leading article ("la liga") left out."""
    article = _LEADING_ARTICLE.match(folded, mention.start, mention.end)
    return article.end() if article else mention.start


_first_words: tuple[object, frozenset[str]] | None = None  # (the index they were read from, the words)


def _club_first_words(index) -> frozenset[str]:
    """The first words of the catalogue's clubs' names of two words or more ("manchester", "borussia"), read once per
    name index: a stake said on one ("10 on Manchester") is a stake on a club, whichever one is asked."""
    global _first_words
    if _first_words is None or _first_words[0] is not index:
        words = frozenset(key.split()[0] for key, (kind, _) in index.exact.items() if kind == "team" and " " in key)
        _first_words = (index, words)
    return _first_words[1]


def extract_entities(
    text: str, *, now: datetime, timezone: str = "UTC", language_hint: str | None = None
) -> tuple[Entities, str, str]:
    """(entities, language, cue text): the cue text is the folded message with names blanked out,
    which is what intent cue words are matched on; names are not language evidence either."""
    folded = fold(text)
    tokens = tokenize(folded)
    taken = SpanSet()
    entities = Entities()

    # A sport word ("basketball", "tenis") is the sport, not a tournament nickname of it; "NBA" stays a tournament.
    sport = find_sport(folded, taken=taken)
    if sport is not None:
        entities.sport, entities.sport_id = sport.name, sport.sport_id
    uncovered = uncovered_sport_span(folded)
    if uncovered is not None:
        entities.uncovered_sport = text[uncovered[0] : uncovered[1]]
        if " " in entities.uncovered_sport:  # an event's words are not a club's or a competition's ("Tour de France")
            taken.add(*uncovered)
    mentions = find_mentions(tokens, taken=taken, original=text)
    cities = city_spans(folded, [m.start for m in mentions if m.kind in ("team", "unknown")])
    if cities:  # "the weather in madrid": a city, no club (left in the cue text, which says it is off-topic)
        mentions = [m for m in mentions if m.start not in cities]
    for m in mentions:
        if m.kind == "team" and m.name not in entities.teams:
            entities.teams.append(m.name)
            if m.choices:
                entities.team_choices[m.name] = list(m.choices)
        elif m.kind == "tournament" and entities.tournament is None:
            entities.tournament = m.name
        elif m.kind == "unknown" and m.name not in entities.unknown_teams:
            entities.unknown_teams.append(m.name)
    known = [m for m in mentions if m.kind != "unknown"]  # an unknown name stays in the cue text, as before
    # A competition we do not cover, named all the same ("League Two"; "Liga MX", not LaLiga for its "Liga").
    named = find_named_competition(text, folded, taken=taken)
    if named is not None:
        # Only the competition word can be another mention's (find_named_competition checks the rest).
        partial = [m for m in mentions if m.start < named.end and named.start < m.end]
        # ... and only where it covers that mention whole, its article aside ("liga mx" over "la liga"; "champions
        # league one" is the Champions League's, not League One's)
        if all(m.kind == "tournament" and named.start <= _after_article(folded, m) and m.end <= named.end
               for m in partial) and (partial or entities.tournament is None):
            known = [m for m in known if m not in partial]
            known.append(Mention("tournament", named.name, named.start, named.end, 0.0))
            taken.add(named.start, named.end)  # "Two"/"2" is part of the name, not a stake or a date
            # Not the catalogue's ("liga mx" is not LaLiga): said as written, like a club we don't have.
            entities.tournament, entities.unknown_tournament = None, named.name
    without_names = text
    cue_text = folded
    mentions = known
    for m in mentions:
        blank = " " * (m.end - m.start)
        cue_text = cue_text[: m.start] + blank + cue_text[m.end :]
        # A leading article of a nickname ("el Madrid", "o Mengão") still tells the language.
        article = _LEADING_ARTICLE.match(folded, m.start, m.end)
        start = article.end() if article else m.start
        without_names = without_names[:start] + " " * (m.end - start) + without_names[m.end :]
    language = detect_language(blank_proper_names(without_names), hint=language_hint)

    past = past_event_spans(folded)  # "after Sunday's win": why the user asks, never a date or market of it
    for start, end in past:
        taken.add(start, end)
    dates = find_dates(folded, text, now=now, timezone=timezone, taken=taken)
    if dates:
        entities.date_from = min(d.date_from for d in dates)
        entities.date_to = max(d.date_to for d in dates)
        entities.date_text = " / ".join(d.text for d in dates)

    market = find_market(without_spans(folded, past) if past else folded,
                         teams=[m for m in mentions if m.kind == "team"], taken=taken)
    entities.market, entities.selection, entities.line = market.market, market.selection, market.line
    entities.selection_team = market.selection_team
    entities.selection_negated, entities.unsupported_market = market.negated, market.unsupported

    # "10 on Manchester": a stake on a club even where the word is several clubs' first (asked which, the stake kept)
    first_words = _club_first_words(get_index())
    club_starts = {m.start for m in mentions if m.kind == "team"} | {
        token.start for token in tokens if len(token.text) >= 4 and token.text in first_words}
    amounts = find_amounts(folded, taken=taken, language=language, team_starts=frozenset(club_starts))
    if amounts:
        first = stake_of(amounts)
        entities.amount, entities.currency = first.value, first.currency
        entities.amount_ambiguous, entities.pesos_unsaid = first.ambiguous, first.pesos_unsaid
        entities.amount_choices = [str(v) for v in stake_choices(amounts)]

    # "celtic to beat rangers": the other side, a club we don't cover, once dates, stakes and markets took theirs
    for m in unknown_opponents(tokens, folded, text, mentions, taken):
        if m.kind == "team" and m.name not in entities.teams:  # in the order said: "celtic won't lose to X"
            before = sum(1 for other in mentions if other.kind == "team" and other.start < m.start)
            entities.teams.insert(before, m.name)
        elif m.kind == "unknown" and m.name not in entities.unknown_teams:
            entities.unknown_teams.append(m.name)

    entities.risk = find_risk(folded)
    entities.live = find_live(folded)
    entities.confirmation = find_confirmation(folded, tokens)
    # "aposta dez reais no ...": a stake in words asks for a real bet as its digits do
    entities.wants_real_bet = find_wants_real_bet(with_digits(folded, language))

    return entities, language, spelled_out(plain_question(cue_text, language))


def _promoted(intent: str, confidence: float, alternatives: list) -> tuple[str, float, list]:
    """A high-precision override of the model: `intent` first, at least 0.9 sure, the model's other readings after."""
    confidence = max(confidence, 0.9)
    return intent, confidence, [(intent, confidence)] + [pair for pair in alternatives if pair[0] != intent][:2]


def understand(
    text: str,
    *,
    now: datetime | None = None,
    timezone: str = "UTC",
    language_hint: str | None = None,
    classifier: IntentClassifier | None = None,
) -> Understanding:
    """Intent, confidence, entities and language of one user message.

    `now` anchors relative dates (defaults to the current time; a naive value is taken as UTC),
    `timezone` is the user's IANA zone, `language_hint` the profile language used when the message
    itself is not conclusive.
    """
    text = (text or "").strip()
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    entities, language, cue_text = extract_entities(text, now=now, timezone=timezone, language_hint=language_hint)
    if not text:
        return Understanding("out_of_scope", 0.0, entities, language)
    classifier = classifier or _DEFAULT_CLASSIFIER
    ranked = getattr(classifier, "ranked", None)
    if ranked is not None:
        alternatives = [(i, float(p)) for i, p in ranked(cue_text, entities, language) if i in INTENTS][:3]
    else:
        alternatives = [tuple(classifier.classify(cue_text, entities, language))]
    intent, confidence = alternatives[0] if alternatives and alternatives[0][0] in INTENTS else ("out_of_scope", 0.0)
    folded = fold(text)
    if entities.uncovered_sport and not (entities.teams or entities.tournament):
        # A sport we have no markets for, with no club or competition of ours: whatever is asked about it is off-topic
        # (the engine says which sports it covers); a high-precision override of the model.
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if (is_weather_question(folded) or is_journey(folded)) and not (
            entities.teams or entities.tournament or entities.market or entities.amount is not None):
        # The weather or a journey, with no club, competition, market or stake of ours: off-topic whatever the model
        # reads ("previsão do tempo pra amanhã em são paulo" names a day, not a fixture; "a hotel in milan" a city,
        # not a club); a high-precision override.
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if intent in ("general_betting_info", "help") and asks_unrelated_explanation(
            folded, read_as_help=intent == "help") and not (
            entities.teams or entities.tournament or entities.competition or entities.market
            or entities.amount is not None):
        # "explain quantum physics", "me explica a fotossíntese": an explanation of no betting concept is off-topic
        # (unrelated.py); a high-precision override of the model's "explain" cue.
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if asks_unrelated_help(folded) and not (entities.teams or entities.tournament or entities.competition
                                            or entities.market or entities.amount is not None or entities.sport):
        # "help me fix my bike", "ayúdame con el informe", "me ajuda a arrumar a casa": help with something of no
        # betting, sport, account or chat word is off-topic; "help", "me ajuda a usar o app" stay help (unrelated.py)
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if intent == "out_of_scope" and asks_help_of_ours(folded):
        # "ayúdame a apostar", "ayúdame a comenzar": help asked with a betting word, or with nothing named, is never
        # off-topic (the model may read the help word's unrelated requests into it); help
        intent, confidence, alternatives = _promoted("help", confidence, alternatives)
    if asks_unrelated_opinion(folded) and not (entities.teams or entities.tournament or entities.market
                                                   or entities.amount is not None or entities.date_from):
        # "qué opinas del cambio climático": an opinion of no match, club or betting word is off-topic (unrelated.py)
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if asks_game_rule(folded) and not (entities.teams or entities.tournament or entities.market
                                           or entities.amount is not None):
        # "explain the offside rule", "¿cómo funciona el VAR?": the laws of the game, no betting (unrelated.py);
        # answered as off-topic, politely, whatever the model reads in "explain"/"rule".
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if asks_club_trivia(cue_text) and not (entities.market or entities.amount is not None or entities.date_from):
        # "who composed the Premier League theme", "quién diseñó el escudo del Betis": trivia of a club or competition,
        # no fixture, odds or table of ours; off-topic whatever the model reads in its name (unrelated.py)
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if asks_price_of_goods(cue_text) and not (entities.market or entities.amount is not None):
        # "how much is a Boca jersey", "quanto custa o ingresso do clássico": the price of a shirt or a ticket, a shop's
        # question (not the balance's "how much", nor odds); answered as off-topic whatever the model reads. Both read
        # the cue text, names blanked: "Betis" is no "bet" word
        intent, confidence, alternatives = _promoted("out_of_scope", confidence, alternatives)
    if asks_which_competitions_play(folded) and not (entities.teams or entities.amount is not None):
        # "que torneios tem jogo amanhã", "which leagues have games tonight": the competitions that play, not a
        # schedule of matches (a high-precision override of the model, which reads the day as a schedule)
        intent, confidence, alternatives = _promoted("tournament_info", confidence, alternatives)
    if asks_which_competitions_to_bet(folded) and not (entities.teams or entities.amount is not None):
        # "what comps can I bet on", "quais campeonatos dá pra apostar": the competitions that take bets, no bet to
        # place nor help (a high-precision override of the model, which reads "bet on" or the casual noun otherwise)
        intent, confidence, alternatives = _promoted("tournament_info", confidence, alternatives)
        entities.wants_real_bet = False
    if asks_stake_limits(folded) and not (entities.teams or entities.tournament or entities.market
                                              or entities.amount is not None):
        # "is there a limit on how much I can bet per match?": the product's stake limits, general information (not
        # the balance, not the odds explainer); a high-precision override of the model (product_questions.py)
        intent, confidence, alternatives = _promoted("general_betting_info", confidence, alternatives)
        entities.wants_real_bet = False  # "the most I'm allowed to stake": a question, no bet asked for
    if asks_return_of_backing(folded) and entities.teams and intent in ("odds_information", "match_schedule"):
        # "how much would I get backing Liverpool tomorrow?": a simulation, its stake asked (product_questions.py)
        intent, confidence, alternatives = _promoted("bet_simulation", confidence, alternatives)
    refine_slots(entities, folded, language)  # after the intent: the shipped model's features stay as trained
    # A yes/no or an explicit "place a bet" belongs to the bet flow; an unsure "off-topic" is answered as such.
    abstain = (ranked is not None and confidence < ABSTAIN_BELOW and intent != "out_of_scope"
               and entities.confirmation is None and not entities.wants_real_bet and len(alternatives) > 1)
    return Understanding(intent, float(confidence), entities, language, alternatives, abstain)
