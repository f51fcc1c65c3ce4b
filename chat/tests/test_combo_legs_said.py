"""An accumulator's legs are the ones the user said, each on the club the words name: through the REST chat (a
signed-in user with a linked sandbox account, the offline engine). A leg on a name several catalogue clubs share
("Madrid", "Spurs", "United") is asked about, in the user's language, never guessed; a club named in its translated
name ("Bayern Múnich") is the same club; a leg the message said is never dropped from the slip."""

from __future__ import annotations

import pytest

from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox


def chat_in(language: str) -> RestChat:
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    return chat


@pytest.mark.parametrize(("language", "message", "shared", "clubs", "words"), [
    ("en", "combo: 10 on Madrid to win and Arsenal to win", "Madrid", ("Real Madrid", "Atlético Madrid"),
     "Which club do you mean"),
    ("en", "combo: 10 on Arsenal to win and Spurs to win", "Spurs", ("Tottenham Hotspur", "San Antonio Spurs"),
     "Which club do you mean"),
    ("es", "acumulada de 10: gana el Arsenal y gana el United", "United",
     ("Manchester United", "Leeds United", "Newcastle United", "West Ham United"), "¿Cuál"),
    ("pt_br", "múltipla de 10: vitória do Madrid e vitória do Flamengo", "Madrid",
     ("Real Madrid", "Atlético Madrid"), "Qual"),
])
def test_a_leg_on_a_shared_name_is_asked_which_club(sandbox, language, message, shared, clubs, words):
    chat = chat_in(language)
    answer = chat.say(message)
    assert answer["bet_slip"] is None and not BetSlip.objects.exists(), answer["message"]
    text = answer["message"]
    assert words in text and shared in text and all(club in text for club in clubs), text
    assert all(club in answer["suggested_actions"] for club in clubs)


@pytest.mark.parametrize(("language", "message", "label"), [
    ("es", "acumulada de 10: gana el Bayern Múnich y gana el Arsenal", "Gana Bayern Múnich"),
    ("pt_br", "múltipla de 10: vitória do Bayern de Munique e vitória do Flamengo", "Bayern de Munique vence"),
    ("es", "acumulada de 10: gana el Bayern Munich y gana el Arsenal", "Gana Bayern Múnich"),
])
def test_a_club_named_in_a_translation_is_that_club(sandbox, language, message, label):
    answer = chat_in(language).say(message)
    slip = answer["bet_slip"]
    assert slip is not None, answer["message"]
    assert [leg["label"] for leg in slip["legs"]][0] == label


@pytest.mark.parametrize(("language", "message", "said"), [
    ("en", "combo: 10 on Real Madrid to win, Arsenal to win and both teams to score", "both teams to score"),
    ("es", "acumulada de 10: gana el Real Madrid, gana el Arsenal y más de 2.5 goles", "más de 2.5 goles"),
])
def test_a_leg_said_without_its_match_is_asked_never_dropped(sandbox, language, message, said):
    answer = chat_in(language).say(message)
    assert answer["bet_slip"] is None and not BetSlip.objects.exists(), answer["message"]
    assert said in answer["message"], answer["message"]


@pytest.mark.parametrize("wrong", ["other_side", "draw"])
def test_a_leg_resolved_to_a_pick_the_words_did_not_say_is_refused(sandbox, monkeypatch, wrong):
    """The betting service holds the offline engine's legs to the words as it holds a model's: a leg's side that
    the message did not say never reaches a slip, whatever the engine resolved (here a resolver gone wrong)."""
    from chat.engine.handlers import bets

    def mistaken(fixture, *, market, team, negated=False):
        side = bets.side_of(fixture, team)
        return "draw" if wrong == "draw" else {"home": "away", "away": "home"}.get(side)

    monkeypatch.setattr(bets, "selection_of", mistaken)
    answer = RestChat().say("combo: 10 on Real Madrid to win and Arsenal to win")
    assert answer["bet_slip"] is None and not BetSlip.objects.exists(), answer["message"]
    assert "Please confirm" not in answer["message"]


@pytest.mark.parametrize(("language", "message", "answer", "club", "label"), [
    ("en", "combo: 10 on Madrid to win and Arsenal to win", "Atlético Madrid", "Atlético Madrid",
     "Atlético Madrid to win"),
    ("en", "combo: 10 on Arsenal to win and Spurs to win", "the first one", "Tottenham Hotspur",
     "Tottenham Hotspur to win"),
    ("pt_br", "múltipla de 10: vitória do Madrid e vitória do Flamengo", "o Real Madrid", "Real Madrid",
     "Real Madrid vence"),
])
def test_the_answer_to_which_club_continues_the_accumulator(sandbox, language, message, answer, club, label):
    """The answer to "which club?" continues that accumulator: the same legs and stake, the leg on the club named
    (or picked by its place in the question), straight to the confirmation prompt."""
    chat = chat_in(language)
    asked = chat.say(message)
    assert asked["bet_slip"] is None and club in asked["message"], asked["message"]
    shown = chat.say(answer)
    slip = shown["bet_slip"]
    assert slip is not None and len(slip["legs"]) == 2, shown["message"]
    assert label in [leg["label"] for leg in slip["legs"]] and slip["stake"] == "10.00"
    assert BetSlip.objects.count() == 1
