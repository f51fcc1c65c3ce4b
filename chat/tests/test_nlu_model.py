"""The learned intent model: artifact freshness, reproducible training, calibrated abstention."""

from __future__ import annotations

import pytest

from chat.engine.nlu import ABSTAIN_BELOW, Entities, learned, training, understand
from chat.tests import factories

sandbox = factories.sandbox


def test_the_model_artifact_is_not_stale_against_its_corpus():
    """Editing the corpus, the templates, the pinned names or the features without `manage.py train_nlu`
    fails here: the shipped model would not be the one the repo describes."""
    assert learned.ARTIFACT.exists(), "run manage.py train_nlu"
    assert not learned.is_stale(), "the corpus changed since the model was trained: run manage.py train_nlu"


def test_training_reproduces_the_shipped_model_and_serving_computes_what_scikit_learn_computes():
    """Same corpus, seed and scikit-learn: the shipped numbers come back; and `Runtime` (numpy only, what
    serves) gives scikit-learn's `predict_proba` (to float32 tf-idf rounding) on every development sentence."""
    import numpy as np

    from chat.engine.nlu import extract_entities
    from chat.engine.nlu_eval import DEV_SET, EVAL_NOW, load

    artifact = training.train()
    fresh, shipped = training.to_runtime(artifact), learned.read_runtime()
    assert fresh.meta == shipped.meta
    for key, array in shipped.arrays.items():
        assert np.allclose(fresh.arrays[key], array, atol=1e-9), key
    rules = learned.RuleClassifier()
    for example in load(DEV_SET):
        entities, language, cue_text = extract_entities(example["text"], now=EVAL_NOW)
        reference = training.sklearn_proba(artifact, cue_text, entities, language)
        row = learned._rule_row(rules, cue_text, entities, language)
        served = dict(zip(shipped.classes, shipped.proba(learned.model_text(cue_text, entities), row), strict=True))
        assert all(abs(served[c] - reference[c]) < 1e-6 for c in reference), example["text"]


def test_the_model_is_loaded_once_per_process_without_scikit_learn():
    import subprocess
    import sys

    assert learned.load_model() is learned.load_model()
    code = ("import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'chatbet_project.settings'); "
            "django.setup(); from chat.engine.nlu import understand; understand('odds for Arsenal'); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "REDIS_URL": ""})
    assert out.stdout.strip().splitlines()[-1] == "False"  # serving never pays scikit-learn's import


def test_probabilities_are_a_distribution_over_the_intents():
    ranked = learned.LearnedClassifier().ranked("odds for Arsenal", Entities(teams=["Arsenal"]), "en")
    assert abs(sum(p for _, p in ranked) - 1.0) < 0.01
    assert ranked[0][0] == "odds_information"


class _Unsure:
    """A classifier torn between two readings."""

    def ranked(self, text, entities, language):
        return [("odds_information", 0.40), ("match_schedule", 0.35), ("help", 0.25)]

    def classify(self, text, entities, language):
        return self.ranked(text, entities, language)[0]


def test_below_the_threshold_the_understanding_abstains_with_its_two_readings():
    result = understand("Arsenal stuff", classifier=_Unsure())
    assert 0.40 < ABSTAIN_BELOW
    assert result.abstain and [i for i, _ in result.alternatives[:2]] == ["odds_information", "match_schedule"]


def test_a_yes_or_an_explicit_bet_is_never_held_back_by_abstention():
    assert not understand("yes", classifier=_Unsure()).abstain
    assert not understand("place a bet on Arsenal", classifier=_Unsure()).abstain


@pytest.mark.django_db(transaction=True)
def test_an_unsure_message_gets_a_question_with_the_two_readings_as_actions(api_client, sandbox, monkeypatch):
    import chat.engine.nlu as nlu

    monkeypatch.setattr(nlu, "_DEFAULT_CLASSIFIER", _Unsure())
    response = api_client.post("/api/v1/chat/message", {"message": "Arsenal stuff"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["detected_intent"] == "clarification"
    assert "the odds" in body["message"] and "when a match is on" in body["message"]
    assert body["suggested_actions"] == ["Odds for Arsenal", "When does Arsenal play?"]
    assert body["function_calls_made"] == []  # nothing was looked up on a guess

    # Tapping a suggestion is understood without doubt by the real model.
    monkeypatch.undo()
    follow = api_client.post("/api/v1/chat/message", {"message": "Odds for Arsenal",
                                                      "session_id": body["session_id"]}, format="json").json()
    assert follow["detected_intent"] == "odds_information"
    assert [call["name"] for call in follow["function_calls_made"]] == ["get_odds"]


def test_spanish_and_portuguese_clarifications_are_in_their_language():
    from chat.engine.clarify import clarifying_question

    text, actions = clarifying_question(["odds_information", "bet_simulation"], "es", teams=["Getafe"], amount="20")
    assert text.startswith("No estoy seguro")
    assert actions == ["Cuotas de Getafe", "Si apuesto 20 al Getafe, ¿cuánto gano?"]
    text, actions = clarifying_question(["balance_query", "help"], "pt_br", teams=[])
    assert "saldo" in text and actions == ["Qual é o meu saldo?", "O que você pode fazer?"]
