"""Understanding: entities a user would notice being wrong, and intent accuracy on the labelled sets.

Names come from the real sandbox catalogue (no mocks): if a club disappears from it, these tests
say so. "Now" is fixed at Thursday 2026-11-26 12:00 UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from chat.engine.eval_batches import BATCHES
from chat.engine.nlu import INTENT_EXAMPLES, INTENTS, Entities, IntentClassifier, Understanding, understand

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday
BOGOTA = "America/Bogota"  # UTC-5, no DST


def u(text: str, tz: str = "UTC", **kw) -> Understanding:
    return understand(text, now=NOW, timezone=tz, **kw)


def local_range(result: Understanding, tz: str) -> tuple[str, str]:
    zone = ZoneInfo(tz)
    e = result.entities
    return e.date_from.astimezone(zone).isoformat(), e.date_to.astimezone(zone).isoformat()


# --- teams and tournaments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        ("When does Barça play?", ["Barcelona"]),
        ("man utd vs man city tomorrow", ["Manchester United", "Manchester City"]),
        ("¿Juega el Madrid el sábado?", ["Real Madrid"]),
        ("odds for the Gunners", ["Arsenal"]),
        ("cuotas de los merengues", ["Real Madrid"]),
        ("Atlético Nacional contra Millonarios", ["Atlético Nacional", "Millonarios"]),
        ("ATLETICO NACIONAL", ["Atlético Nacional"]),
        ("liverpol vs juventos", ["Liverpool", "Juventus"]),  # typos
        ("quando joga o Mengão?", ["Flamengo"]),
        ("PSG - Bayern", ["Paris Saint-Germain", "Bayern Munich"]),
    ],
)
@pytest.mark.stack
def test_teams_are_canonical_catalogue_names_in_mention_order(text, teams):
    assert u(text).entities.teams == teams


@pytest.mark.parametrize(
    "text",
    [
        "that was an interesting game",  # "inter" inside a word
        "is this bet real or fake?",  # "real" alone is nobody
        "como funciona el hándicap",  # "Como" (Serie A) is Spanish for "how"
        "nice, thanks",  # "Nice" (Ligue 1) only when written as a name
        "what's the weather like",
    ],
)
def test_ordinary_words_are_not_teams(text):
    assert u(text).entities.teams == []


def test_tournaments_and_their_nicknames():
    assert u("Champions League games tonight").entities.tournament == "UEFA Champions League"
    assert u("partidos de la liga colombiana").entities.tournament == "Liga BetPlay"
    assert u("premier league fixtures").entities.tournament == "Premier League"
    assert u("jogos do brasileirão").entities.tournament == "Brasileirão"


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tz", "start", "end", "phrase"),
    [
        ("games today", "UTC", "2026-11-26T00:00:00+00:00", "2026-11-27T00:00:00+00:00", "today"),
        ("partidos de hoy", BOGOTA, "2026-11-26T00:00:00-05:00", "2026-11-27T00:00:00-05:00", "hoy"),
        ("who plays tomorrow?", BOGOTA, "2026-11-27T00:00:00-05:00", "2026-11-28T00:00:00-05:00", "tomorrow"),
        ("¿qué hay mañana?", BOGOTA, "2026-11-27T00:00:00-05:00", "2026-11-28T00:00:00-05:00", "mañana"),
        ("tonight", "Europe/Madrid", "2026-11-26T17:00:00+01:00", "2026-11-27T00:00:00+01:00", "tonight"),
        ("this weekend", BOGOTA, "2026-11-28T00:00:00-05:00", "2026-11-30T00:00:00-05:00", "this weekend"),
        ("este fin de semana", "UTC", "2026-11-28T00:00:00+00:00", "2026-11-30T00:00:00+00:00",
         "este fin de semana"),
        ("el fin de semana", "UTC", "2026-11-28T00:00:00+00:00", "2026-11-30T00:00:00+00:00", "el fin de semana"),
        ("el sábado", BOGOTA, "2026-11-28T00:00:00-05:00", "2026-11-29T00:00:00-05:00", "el sábado"),
        ("next Friday", "UTC", "2026-11-27T00:00:00+00:00", "2026-11-28T00:00:00+00:00", "next Friday"),
        ("on thursday", "UTC", "2026-11-26T00:00:00+00:00", "2026-11-27T00:00:00+00:00", "on thursday"),
        ("on the 28th", "UTC", "2026-11-28T00:00:00+00:00", "2026-11-29T00:00:00+00:00", "on the 28th"),
        ("the 3rd", "UTC", "2026-12-03T00:00:00+00:00", "2026-12-04T00:00:00+00:00", "the 3rd"),  # next month
        ("28/11", BOGOTA, "2026-11-28T00:00:00-05:00", "2026-11-29T00:00:00-05:00", "28/11"),
        ("28 de noviembre", "UTC", "2026-11-28T00:00:00+00:00", "2026-11-29T00:00:00+00:00", "28 de noviembre"),
        ("December 5th", "UTC", "2026-12-05T00:00:00+00:00", "2026-12-06T00:00:00+00:00", "December 5th"),
        ("amanhã", "America/Sao_Paulo", "2026-11-27T00:00:00-03:00", "2026-11-28T00:00:00-03:00", "amanhã"),
        ("next week", "UTC", "2026-11-30T00:00:00+00:00", "2026-12-07T00:00:00+00:00", "next week"),
    ],
)
def test_dates_resolve_in_the_users_time_zone(text, tz, start, end, phrase):
    result = u(text, tz)
    assert local_range(result, tz) == (start, end)
    assert result.entities.date_text == phrase
    assert result.entities.date_from.tzinfo == UTC


def test_late_evening_in_bogota_is_already_tomorrow_in_utc():
    # 23:30 in Bogotá on the 26th is 04:30 UTC on the 27th: "today" is still the 26th for the user.
    late = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)
    e = understand("games today", now=late, timezone=BOGOTA).entities
    assert e.date_from == datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
    assert e.date_to == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)


def test_por_la_manana_is_a_time_of_day_not_tomorrow():
    this_morning = u("partidos hoy por la mañana", BOGOTA)
    assert local_range(this_morning, BOGOTA) == ("2026-11-26T00:00:00-05:00", "2026-11-26T12:00:00-05:00")
    assert u("partidos esta mañana").entities.date_text == "esta mañana"
    tomorrow = u("mañana por la mañana")
    assert tomorrow.entities.date_text == "mañana"
    assert local_range(tomorrow, "UTC") == ("2026-11-27T00:00:00+00:00", "2026-11-28T00:00:00+00:00")


@pytest.mark.parametrize(
    "text", ["3 out of 5", "win in 3 set", "the 1st half", "2-1 final score", "bet 5/2 odds"]
)
def test_numbers_that_are_not_dates(text):
    assert u(text).entities.date_from is None


def test_weekend_asked_on_a_sunday_starts_today():
    sunday = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    e = understand("this weekend", now=sunday).entities
    assert (e.date_from, e.date_to) == (datetime(2026, 11, 29, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC))


# --- money -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("bet $50 on Arsenal", "50", "USD"),
        ("20 euros al Barça", "20", "EUR"),
        ("100k COP on Millonarios", "100000", "COP"),
        ("50 mil pesos al Nacional", "50000", "COP"),
        ("R$ 30 no Flamengo", "30", "BRL"),
        ("£10 on Chelsea", "10", "GBP"),
        ("si apuesto 50.000 pesos", "50000", "COP"),
        ("what if I bet 12.50", "12.50", None),
        ("apuesta 10 a Real Madrid", "10", None),
        ("USD 25 on the draw", "25", "USD"),
        ("bet 10.555 on Barcelona", "10.555", None),  # English: a decimal point, not 10,555
        ("apuesta 10.000 pesos al Barcelona", "10000", "COP"),  # Spanish: thousands separator
        ("bet 0 on Chelsea", "0", None),  # a stated (invalid) stake is kept so it can be refused
        ("bet -5 on Chelsea", "-5", None),
    ],
)
def test_amounts_and_currencies(text, amount, currency):
    e = u(text).entities
    assert e.amount == Decimal(amount)
    assert e.currency == currency


@pytest.mark.parametrize("text", ["over 2.5 goals", "handicap -1 Bayern", "partidos el 28", "28/11", "top 3 teams"])
def test_lines_dates_and_counts_are_not_stakes(text):
    assert u(text).entities.amount is None


# --- markets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "market", "selection", "line"),
    [
        ("over 2.5 in Liverpool vs Chelsea", "over_under", "over", 2.5),
        ("under 3.5 goals", "over_under", "under", 3.5),
        ("más de 2.5 goles", "over_under", "over", 2.5),
        ("both teams to score in the Arsenal game", "btts", None, None),  # the market named, no side said
        ("ambos marcan", "btts", None, None),
        ("put 10 on both teams to score in the Arsenal game", "btts", "yes", None),  # backed: the yes side
        ("odds for both teams not to score", "btts", "no", None),
        ("draw odds Inter Milan", "1x2", "draw", None),
        ("cuánto paga el empate", "1x2", "draw", None),
        ("handicap -1 Bayern", "handicap", None, -1.0),
        ("asian handicap +1.5 for Chelsea", "handicap", None, 1.5),
        ("double chance 1X", "double_chance", "home_or_draw", None),
        ("doble oportunidad para el Barça", "double_chance", None, None),
        ("half time result odds", "half_time_result", None, None),
        ("empate al descanso", "half_time_result", "draw", None),
        ("home win odds", "1x2", "home", None),
    ],
)
def test_markets_selections_and_lines(text, market, selection, line):
    e = u(text).entities
    assert (e.market, e.selection, e.line) == (market, selection, line)


def test_team_to_win_names_the_team_backed():
    e = u("Arsenal to win against Chelsea").entities
    assert e.market == "1x2"
    assert e.selection_team == "Arsenal"


@pytest.mark.parametrize(
    ("text", "risk"),
    [("give me a safe bet", "low"), ("algo arriesgado", "high"), ("a value pick", None),
     ("medium risk please", "medium"), ("aposta segura", "low")],
)
def test_risk(text, risk):
    assert u(text).entities.risk == risk


def test_live_flag():
    assert u("live games right now").entities.live is True
    assert u("partidos en vivo").entities.live is True
    assert u("games tomorrow").entities.live is None


@pytest.mark.parametrize(
    ("text", "confirmation"),
    [("yes, place it", True), ("confirmo", True), ("sí, dale", True), ("no, cancel", False),
     ("cancela la apuesta", False), ("what are the odds?", None)],
)
def test_confirmation(text, confirmation):
    assert u(text).entities.confirmation is confirmation


@pytest.mark.parametrize(
    ("text", "real"),
    [
        ("place a bet of 10 on Arsenal", True),
        ("apuesta 10 a Real Madrid", True),
        ("I want to bet 20 on Barça", True),
        ("what if I bet 50 on Arsenal?", False),
        ("should I bet on Liverpool?", False),
        ("si apuesto 10 al Madrid cuánto gano", False),
        ("how do I place a bet?", False),
    ],
)
def test_explicit_placing_versus_simulating(text, real):
    assert u(text).entities.wants_real_bet is real


# --- intents, follow-ups, language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("and the odds?", "odds_information"),
        ("what if I bet 50 instead?", "bet_simulation"),
        ("and tomorrow?", "match_schedule"),
        ("compare it with Chelsea", "team_comparison"),
        ("y las cuotas?", "odds_information"),
        ("what's the weather", "out_of_scope"),
        ("write me a poem", "out_of_scope"),
    ],
)
def test_follow_ups_and_off_topic_need_no_team(text, intent):
    assert u(text).intent == intent


def test_confidence_is_lower_for_weak_matches():
    strong = u("What are the odds for Arsenal vs Chelsea tomorrow?")
    weak = u("Arsenal?")
    assert strong.intent == "odds_information"
    assert 0 < weak.confidence < strong.confidence <= 1


@pytest.mark.parametrize(
    ("text", "language"),
    [("When does Arsenal play?", "en"), ("¿Cuándo juega el Barça?", "es"), ("Quando joga o Flamengo?", "pt_br"),
     ("hola", "es"), ("oi, tudo bem?", "pt_br")],
)
def test_language_detection(text, language):
    assert u(text).language == language


def test_language_hint_decides_messages_without_words():
    assert u("Barça - Madrid", language_hint="es").language == "es"
    assert u("Barça - Madrid").language == "en"


def test_entities_to_dict_is_json_safe():
    import json

    d = u("what if I bet 20 euros on Barça tomorrow", BOGOTA).entities.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["amount"] == "20" and d["currency"] == "EUR" and d["date_from"] == "2026-11-27T05:00:00+00:00"


def test_a_learned_classifier_can_replace_the_rules():
    class Always:
        def classify(self, text: str, entities: Entities, language: str) -> tuple[str, float]:
            return "greeting", 0.42

    assert isinstance(Always(), IntentClassifier)
    result = u("odds for Arsenal", classifier=Always())
    assert (result.intent, result.confidence) == ("greeting", 0.42)
    assert result.entities.teams == ["Arsenal"]  # entities do not depend on the classifier


def test_every_intent_has_examples_and_they_classify_as_labelled():
    assert set(INTENT_EXAMPLES) == set(INTENTS)
    for intent, examples in INTENT_EXAMPLES.items():
        assert examples
        for text in examples:
            assert u(text).intent == intent, text


# --- accuracy on the labelled sets -----------------------------------------------------------------


def test_labelled_set_is_varied_enough():
    from collections import Counter

    from chat.engine.nlu_eval import LABELLED_SET, load

    examples = load(LABELLED_SET)
    per_intent = Counter(ex["intent"] for ex in examples)
    assert set(per_intent) == set(INTENTS)
    assert min(per_intent.values()) >= 30, per_intent
    languages = Counter(ex["language"] for ex in examples)
    assert languages["en"] >= 100 and languages["es"] >= 80 and languages["pt_br"] >= 30, languages
    assert sum("entities" in ex for ex in examples) >= 200


def test_intent_and_entity_accuracy_on_the_labelled_set(capsys):
    from chat.engine.nlu_eval import LABELLED_SET, evaluate, format_report

    report = evaluate(LABELLED_SET)
    with capsys.disabled():
        print("\n" + format_report(report, title="labelled set"))
    assert report["accuracy"] >= 0.95
    assert report["entities"]["f1"] >= 0.90
    assert all(row["recall"] >= 0.8 for row in report["per_intent"].values()), report["per_intent"]


def test_intent_accuracy_on_the_development_set(capsys):
    """Batches written before the rules saw them, then read while tuning: a development set, not a test."""
    from chat.engine.nlu_eval import DEV_SET, evaluate, format_report

    report = evaluate(DEV_SET)
    with capsys.disabled():
        print("\n" + format_report(report, title="development set"))
    assert report["accuracy"] >= 0.85
    assert report["entities"]["f1"] >= 0.85


def test_the_sealed_test_set_is_unchanged():
    """The sealed set is never edited: a changed byte means someone tuned labels or sentences on it."""
    import hashlib

    from chat.engine.nlu_eval import SEALED_SHA256, SEALED_TEST_SET

    assert hashlib.sha256(SEALED_TEST_SET.read_bytes()).hexdigest() == SEALED_SHA256


@pytest.mark.parametrize("batch", BATCHES, ids=lambda batch: f"batch {batch.number}")
def test_an_outsiders_batch_is_never_edited(batch):
    """Each outsider batch (intents, follow-up scripts, safety cases) was committed alone, before any run, by a
    helper who never saw the engine. Sealed, a changed byte would make its first-run figure meaningless; as a
    development set (after its first run) it is read to fix errors by kind, but a changed sentence or label would
    make its figures incomparable: a wrong expectation is marked in the WRONG_* dicts instead."""
    import hashlib

    for path, digest in batch.pinned.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path.name


def test_at_most_one_batch_is_sealed_and_it_is_the_newest():
    sealed = [batch for batch in BATCHES if batch.sealed]
    assert len(sealed) <= 1
    assert not sealed or sealed[0] is BATCHES[-1]
    assert all(batch.first_run for batch in BATCHES if not batch.sealed)  # development only after a first run


def test_unseen_examples_leave_out_what_the_training_or_development_data_says(tmp_path):
    """Batch 3's "unseen" figure is measured without stock sentences that also appear, up to case and
    punctuation, in the data the model was trained or tuned on."""
    from chat.engine.nlu_eval import LABELLED_SET, load, unseen_examples

    path = tmp_path / "set.jsonl"
    seen_text = load(LABELLED_SET)[0]["text"]
    path.write_text(json.dumps({"text": seen_text.upper() + " !!", "intent": "greeting"}) + "\n"
                    + json.dumps({"text": "zzqx a sentence nobody wrote before", "intent": "out_of_scope"}) + "\n",
                    encoding="utf-8")
    assert [ex["text"] for ex in unseen_examples(path)] == ["zzqx a sentence nobody wrote before"]


def test_the_sealed_test_set_stays_at_least_at_its_first_run():
    """A floor at the first-run figure (0.839 intent, 0.928 entity F1 with the rules of 9d5d2ce). A development set
    since issue 17's second round (its errors were read with batch 2's); the floor stays."""
    from chat.engine.nlu_eval import SEALED_TEST_SET, evaluate

    report = evaluate(SEALED_TEST_SET)
    assert report["accuracy"] >= 0.83, report["accuracy"]
    assert report["entities"]["f1"] >= 0.92, report["entities"]["f1"]


# --- the name index follows the catalogue -----------------------------------------------------------


@pytest.fixture
def name_source():
    """Swap the catalogue for a given one; always restores the real catalogue."""
    from chat.engine.nlu import set_name_source

    yield set_name_source
    set_name_source(None)


def test_names_come_from_the_catalogue_not_a_fixed_list(name_source):
    from chat.engine.nlu.names import CatalogueNames

    name_source(lambda: CatalogueNames(teams={"Deportivo Pasto": [], "Real Madrid": []}, tournaments={}))
    result = u("cuándo juega el Pasto contra el Madrid")
    assert result.entities.teams == ["Deportivo Pasto", "Real Madrid"]  # "Pasto": a distinctive word of the name
    assert u("odds for Arsenal").entities.teams == []  # not in this catalogue


def test_an_unavailable_catalogue_degrades_to_no_names(name_source):
    def broken():
        raise ConnectionError("catalogue down")

    name_source(broken)
    result = u("odds for Arsenal tomorrow")
    assert result.intent == "odds_information"
    assert result.entities.teams == []
    assert result.entities.date_text == "tomorrow"


def test_bare_numbers_before_a_preposition_are_stakes_only_before_a_team_or_selection():
    assert u("10 on Arsenal").entities.amount == Decimal("10")
    assert u("20 al empate").entities.amount == Decimal("20")
    assert u("los 3 en la premier").entities.amount is None
    assert u("I have 2 questions").entities.amount is None
    assert u("I have 100, what should I bet?").entities.amount == Decimal("100")


def test_unknown_time_zone_falls_back_to_utc():
    e = u("games tomorrow", "Mars/Olympus_Mons").entities
    assert (e.date_from, e.date_to) == (datetime(2026, 11, 27, tzinfo=UTC), datetime(2026, 11, 28, tzinfo=UTC))


@pytest.mark.parametrize(
    "text", ["I think I have a gambling problem", "quiero dejar de apostar", "how do I self-exclude?"]
)
def test_responsible_gambling_requests_go_to_help_never_to_a_bet(text):
    result = u(text)
    assert result.intent == "help"
    assert result.entities.wants_real_bet is False


def test_a_greeting_with_a_question_is_about_the_question():
    assert u("hola! qué partidos hay hoy?").intent == "match_schedule"
    assert u("hi, what are the odds for Arsenal?").intent == "odds_information"
    assert u("hi, how are you?").intent == "greeting"


@pytest.mark.parametrize(
    ("text", "confirmation"),
    [("si apuesto 50 al Madrid, ¿cuánto gano?", None), ("no sé qué apostar", None), ("para mañana", None),
     ("sí", True), ("si, dale", True), ("no gracias", False), ("don't place it", False)],
)
def test_yes_and_no_words_that_start_ordinary_sentences(text, confirmation):
    e = u(text).entities
    assert e.confirmation is confirmation
    assert e.wants_real_bet is False


def test_a_team_that_drops_out_of_the_current_fixtures_stays_known(name_source):
    from chat.engine.nlu import names
    from chat.engine.nlu.names import CatalogueNames

    current = {"Deportivo Pasto": []}
    name_source(lambda: CatalogueNames(teams=dict(current), tournaments={}))
    assert u("odds for Pasto").entities.teams == ["Deportivo Pasto"]
    current.clear()
    current["Once Caldas"] = []
    names._cache._expires = 0.0  # the index TTL ran out: rebuilt from a catalogue without Pasto
    assert u("odds for Pasto vs Once Caldas").entities.teams == ["Deportivo Pasto", "Once Caldas"]


def test_teams_known_only_by_the_catalogue_nicknames_are_recognised():
    # PSV has a nickname entry in the catalogue whether or not it has a fixture right now.
    assert u("when does PSV play").entities.teams == ["PSV Eindhoven"]


@pytest.mark.parametrize(("text", "sport_id"), [
    ("football matches today", "1"), ("partidos de fútbol este fin de semana", "1"), ("soccer games", "1"),
    ("jogos de futebol amanhã", "1"), ("basketball tonight", "2"), ("partidos de baloncesto", "2"),
    ("jogos de basquete", "2"), ("tenis mañana", "3"), ("Barcelona matches", None),
])
def test_sports_come_from_the_catalogue_and_their_synonyms(text, sport_id):
    e = u(text).entities
    assert e.sport_id == sport_id
    assert e.to_dict()["sport_id"] == sport_id


@pytest.mark.parametrize(("text", "ambiguous"), [
    ("apuesta 10.555 al Barcelona", True), ("apuesta 10.000 al Barcelona", False),
    ("apuesta 10.555 pesos al Barcelona", False), ("bet 10.555 on Barcelona", False),
])
def test_dotted_thousands_that_could_be_decimals_are_flagged(text, ambiguous):
    assert u(text).entities.amount_ambiguous is ambiguous
