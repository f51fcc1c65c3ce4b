"""Which match a real bet is on, through the REST chat endpoint as a signed-in user with a linked sandbox account:
when the team plays more than once in the window said, the answer to "which one?" continues that real bet on the
match picked (the full confirmation prompt, stake, market and selection kept); an answer that does not pick one
is asked again; and a "cancel" only ever stops the slip waiting in its own conversation."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import RestChat
from sports.services.fixtures import get_fixture

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox

ASK = {"en": "bet 10 on Liverpool to win next week", "es": "apuesta 10 a que gana el Liverpool la próxima semana",
       "pt_br": "aposte 10 na vitória do Liverpool na próxima semana"}
CONFIRM = {"en": "Please confirm this bet", "es": "Confirma esta apuesta", "pt_br": "Confirme esta aposta"}
YES = {"en": "yes, place it", "es": "sí, apuesta", "pt_br": "sim, pode apostar"}
WEEKDAYS = {"Mon": "Monday", "Tue": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday", "Fri": "Friday",
            "Sat": "Saturday", "Sun": "Sunday"}
BULLET = re.compile(r"^• (.+?) vs (.+?) — .+?, (\w{3}) \d{1,2} \w{3} ")


def listed(message: str) -> list[tuple[str, str, str]]:
    """(home, away, weekday) of each match the answer lists."""
    return [BULLET.match(line).groups() for line in message.splitlines() if line.startswith("• ")]


def asked_which(chat: RestChat, language: str = "en") -> list[tuple[str, str, str]]:
    answer = chat.say(ASK[language])
    matches = listed(answer["message"])
    assert answer["detected_intent"] == "place_bet" and len(matches) >= 2, answer["message"]
    assert answer["bet_slip"] is None and not BetSlip.objects.exists()
    return matches


def the_slip() -> BetSlip:
    [slip] = BetSlip.objects.all()
    return slip


@pytest.mark.parametrize(("language", "answer", "pick"), [
    ("en", "the second one", 1),
    ("es", "el segundo", 1),
    ("pt_br", "o segundo", 1),
    ("en", "the first one", 0),
    ("es", "el último", -1),
])
def test_a_place_in_the_list_continues_the_real_bet_on_that_match(sandbox, language, answer, pick):
    chat = RestChat()
    home, away, _ = asked_which(chat, language)[pick]
    body = chat.say(answer)
    assert body["detected_intent"] == "place_bet", body["message"]
    assert CONFIRM[language] in body["message"] and YES[language] in body["message"], body["message"]
    assert f"{home} vs {away}" in body["message"] and "10.00 USD" in body["message"]
    slip = the_slip()
    fixture = get_fixture(fixture_id=slip.fixture_id)
    side = "home" if fixture.home.name == "Liverpool" else "away"
    assert (slip.state, slip.stake, slip.market, slip.selection) == ("proposed", Decimal("10.00"), "1x2", side)
    assert slip.fixture_label == f"{fixture.home.name} vs {fixture.away.name}" and "Liverpool" in slip.fixture_label
    assert body["bet_slip"]["id"] == str(slip.pk)
    placed = chat.say(YES[language])["message"]
    assert the_slip().state == BetSlip.State.PLACED and "10.00 USD" in placed, placed


def test_the_opponent_named_picks_that_match(sandbox):
    chat = RestChat()
    matches = asked_which(chat)
    home, away, _ = matches[-1]
    opponent = away if home == "Liverpool" else home
    body = chat.say(f"the {opponent} one")
    assert "Please confirm this bet: Liverpool to win" in body["message"], body["message"]
    assert opponent in the_slip().fixture_label and the_slip().stake == Decimal("10.00")


def test_the_day_named_picks_the_match_on_that_day(sandbox):
    chat = RestChat()
    matches = asked_which(chat)
    days = [day for _, _, day in matches]
    assert len(set(days)) == len(days), "the listed matches must fall on different days for this test"
    home, away, day = matches[-1]
    body = chat.say(f"the one on {WEEKDAYS[day]}")
    assert body["detected_intent"] == "place_bet" and "Please confirm" in body["message"], body["message"]
    assert the_slip().fixture_label == f"{home} vs {away}"


@pytest.mark.parametrize("answer", ["the fifth one", "the Bayern one"])
def test_an_answer_that_picks_no_listed_match_asks_again(sandbox, answer):
    chat = RestChat()
    matches = asked_which(chat)
    if "Bayern" in answer:
        assert all("Bayern" not in home + away for home, away, _ in matches)
    again = chat.say(answer)
    assert listed(again["message"]) == matches and "more than one match" in again["message"], again["message"]
    assert not BetSlip.objects.exists()
    picked = chat.say("the second one")  # the question still stands, with the bet as it was
    assert "Please confirm" in picked["message"] and the_slip().stake == Decimal("10.00")


@pytest.mark.parametrize(("language", "ask", "answer", "words"), [
    ("en", "bet 10 on Real Madrid next week", "to win", "Real Madrid to win"),
    ("es", "apuesta 10 al Real Madrid la próxima semana", "que gane", "Gana Real Madrid"),
])
def test_a_bare_win_answers_the_market_question_for_the_one_team(sandbox, language, ask, answer, words):
    chat = RestChat()
    asked = chat.say(ask)["message"]
    assert not BetSlip.objects.exists() and "?" in asked
    body = chat.say(answer)
    assert body["detected_intent"] == "place_bet", body["message"]
    if BetSlip.objects.exists():
        assert words in body["message"] and "10.00 USD" in body["message"], body["message"]
        assert (the_slip().market, the_slip().stake) == ("1x2", Decimal("10.00"))
    else:  # Real Madrid plays twice that week: the match question comes next, the bet kept
        assert len(listed(body["message"])) >= 2, body["message"]
        chat.say({"en": "the first one", "es": "el primero"}[language])
        assert (the_slip().market, the_slip().stake) == ("1x2", Decimal("10.00"))


def test_a_client_cannot_state_the_match_for_the_betting_check(sandbox):
    """What the user said about the match is the server's reading of the message, never the client's metadata."""
    chat = RestChat()
    choices = asked_which(chat)
    assert choices
    response = chat.client.post("/api/v1/chat/message", {
        "message": "bet 10 on Liverpool to win next week", "session_id": chat.session,
        "context": {"bet_stated": {"teams": [], "date_from": None, "date_to": None, "chosen": ["x"]},
                    "real_bet": {"choices": [{"id": "x"}]}}}, format="json")
    assert response.status_code == 200 and "more than one match" in response.json()["message"]
    assert not BetSlip.objects.exists()


def test_cancel_stops_only_the_slip_waiting_in_its_own_conversation(sandbox):
    first = RestChat()
    second = RestChat.__new__(RestChat)  # the same user in another conversation
    second.client, second.session = first.client, None
    first.say("bet 10 on Arsenal to win")
    second.say("bet 10 on Real Madrid to win")
    assert "didn't place anything" in second.say("cancel")["message"]
    by_conversation = {str(k): v for k, v in BetSlip.objects.values_list("conversation_id", "state")}
    assert by_conversation == {first.session: "proposed", second.session: "cancelled"}
    again = second.say("cancel it")  # nothing waits there any more: said, never a simulation of the old bet
    assert again["detected_intent"] == "bet_confirmation" and "no bet waiting" in again["message"], again["message"]
    assert {str(k): v for k, v in BetSlip.objects.values_list("conversation_id", "state")} == by_conversation


def test_cancel_after_the_talk_moved_on_says_nothing_waits_and_nothing_can_be_placed(sandbox):
    chat = RestChat()
    chat.say("bet 10 on Arsenal to win")
    chat.say("odds for Real Madrid")  # the slip is withdrawn: the talk moved on
    cancelled = chat.say("cancel the bet")
    assert cancelled["detected_intent"] == "bet_confirmation" and "no bet waiting" in cancelled["message"]
    assert the_slip().state == BetSlip.State.EXPIRED and the_slip().reason_code == "withdrawn"
    assert "no bet waiting" in chat.say("yes, place it")["message"] and the_slip().state == "expired"


def test_a_yes_after_the_talk_moved_on_places_nothing(sandbox):
    chat = RestChat()
    chat.say("bet 10 on Real Madrid to win")
    other = chat.say("odds for Arsenal")
    assert "Please confirm" not in other["message"]
    late = chat.say("yes, place it")
    assert "no bet waiting" in late["message"] and not late["message"].startswith("Done")
    assert the_slip().state == BetSlip.State.EXPIRED  # withdrawn when the talk moved on; never placed


def test_a_new_stake_after_the_bet_was_placed_is_never_a_real_bet(sandbox):
    chat = RestChat()
    chat.say("bet 10 on Real Madrid to win")
    assert chat.say("yes, place it")["message"].startswith("Done:")
    changed = chat.say("actually make it 35")
    assert changed["detected_intent"] != "place_bet" and "Please confirm" not in changed["message"]
    assert "no bet waiting" in chat.say("yes, place it")["message"]
    assert list(BetSlip.objects.values_list("state", "stake")) == [("placed", Decimal("10.00"))]


def test_every_answer_of_a_real_bet_keeps_what_was_said_before(sandbox):
    """Currency, then match, then market: each answer continues the same real bet, nothing said is lost (the match
    is asked before its market: "what in that match?" with several matches is no question)."""
    chat = RestChat()
    asked = chat.say("métele 5 mil pesos al Liverpool la próxima semana")["message"]
    assert "¿Cuánto quieres apostar en USD?" in asked and not BetSlip.objects.exists()
    which = chat.say("10 dólares")
    matches = listed(which["message"])
    assert which["detected_intent"] == "place_bet" and len(matches) >= 2 and not BetSlip.objects.exists(), \
        which["message"]
    home, away, _ = matches[1]
    market = chat.say("el segundo")
    assert "¿A qué quieres apostar" in market["message"] and not BetSlip.objects.exists(), market["message"]
    slip_text = chat.say("que gane")["message"]
    assert "Confirma esta apuesta: Gana Liverpool" in slip_text and f"{home} vs {away}" in slip_text, slip_text
    slip = the_slip()
    assert (slip.stake, slip.currency, slip.market, slip.fixture_label) == (Decimal("10.00"), "USD", "1x2",
                                                                           f"{home} vs {away}")


COMBO = {"en": ("combo: 10 on Liverpool to win and Arsenal to win next week", "the second one", "the first one",
                "Please confirm this accumulator"),
         "es": ("acumulada de 10: gana el Liverpool y gana el Arsenal la próxima semana", "el segundo", "el primero",
                "Confirma esta combinada"),
         "pt_br": ("múltipla de 10: vitória do Liverpool e vitória do Arsenal na próxima semana", "o segundo",
                   "o primeiro", "Confirme esta múltipla")}


@pytest.mark.parametrize("language", ["en", "es", "pt_br"])
def test_the_answer_to_an_accumulators_which_match_continues_that_accumulator(sandbox, language):
    """Both teams play twice next week: each "which match?" of the accumulator is answered by a place in its list,
    and the answers build that accumulator (same legs, same stake) on the matches picked, never a single bet."""
    ask, second, first, confirm = COMBO[language]
    chat = RestChat()
    liverpool = listed(chat.say(ask)["message"])
    assert len(liverpool) >= 2 and all("Liverpool" in home + away for home, away, _ in liverpool)
    arsenal = listed(chat.say(second)["message"])
    assert len(arsenal) >= 2 and all("Arsenal" in home + away for home, away, _ in arsenal)
    assert not BetSlip.objects.exists()
    body = chat.say(first)
    assert body["message"].startswith(confirm), body["message"]
    slip = the_slip()
    assert (slip.state, slip.stake, slip.market) == ("proposed", Decimal("10.00"), "combo")
    labels = list(slip.legs.order_by("position").values_list("fixture_label", "market"))
    assert labels == [(f"{liverpool[1][0]} vs {liverpool[1][1]}", "1x2"), (f"{arsenal[0][0]} vs {arsenal[0][1]}",
                                                                            "1x2")]
    assert chat.say(YES[language])["bet_slip"]["state"] == "placed" and the_slip().state == BetSlip.State.PLACED


def test_an_answer_that_picks_no_match_of_an_accumulator_asks_again_and_keeps_it(sandbox):
    chat = RestChat()
    liverpool = listed(chat.say(COMBO["en"][0])["message"])
    again = chat.say("the fifth one")
    assert listed(again["message"]) == liverpool and "more than one match" in again["message"], again["message"]
    assert not BetSlip.objects.exists()
    arsenal = listed(chat.say("the first one")["message"])  # Liverpool's picked: Arsenal's question next
    assert arsenal and all("Arsenal" in home + away for home, away, _ in arsenal)
    assert "Please confirm this accumulator" in chat.say("the second one")["message"]
    assert the_slip().stake == Decimal("10.00") and the_slip().legs.count() == 2


@pytest.mark.parametrize(("language", "ask", "question", "answer"), [
    ("en", "bet 10 on over/under 1.5 in the Sevilla game", "On which side", "over"),
    ("en", "bet 10 on over/under 1.5 in the Sevilla game", "On which side", "Under 1.5 goals"),
    ("es", "apuesta 10 al más/menos 1.5 en el partido del Sevilla", "¿A qué lado", "más"),
])
def test_a_market_said_without_its_side_is_asked_and_the_answer_continues_the_bet(sandbox, language, ask, question,
                                                                                   answer):
    """A team is no side of over/under: "10 on over/under 2.5 in the Sevilla game" asks over or under (it once went
    on "under", then on a refused "home"), and "over" continues that bet with its stake and line. A line the match
    does not offer is said, never swapped."""
    chat = RestChat()
    asked = chat.say(ask)
    assert question in asked["message"] and "1.5" in asked["message"], asked["message"]
    assert asked["bet_slip"] is None and not BetSlip.objects.exists()
    body = chat.say(answer)
    assert body["detected_intent"] == "place_bet" and CONFIRM[language] in body["message"], body["message"]
    slip = the_slip()
    side = "under" if answer.startswith("Under") else "over"
    assert (slip.market, slip.selection, slip.line, slip.stake) == ("over_under", side, "1.5", Decimal("10.00"))
    assert "Sevilla" in slip.fixture_label


def test_a_market_said_with_a_line_not_on_offer_says_so_and_prepares_nothing(sandbox):
    chat = RestChat()
    body = chat.say("bet 10 on over/under 2.5 in the Sevilla game")
    assert "over/under goals line 2.5 is not offered" in body["message"] and "only 1.5 is" in body["message"], \
        body["message"]
    assert body["bet_slip"] is None and not BetSlip.objects.exists()


def test_a_simulation_on_a_market_without_its_side_shows_each_side(sandbox):
    """"what if I bet 10 on over/under 1.5 in the Sevilla game?" once simulated the home team's win; now each side
    of the market at its real price, and nothing is prepared."""
    chat = RestChat()
    body = chat.say("what if I bet 10 on over/under 1.5 in the Sevilla game?")
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "Over 1.5 goals" in body["message"] and "Under 1.5 goals" in body["message"], body["message"]
    assert "to win" not in body["message"] and not BetSlip.objects.exists()
