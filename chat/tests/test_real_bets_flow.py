"""Real bets as a user lives them, through the real ASGI stack (socket + auth middleware + turn service):
a slip is confirmed once, a confirmation with nothing waiting places nothing, "my bets" lists them."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from channels.db import database_sync_to_async
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from betting.tests.factories import bets_sent
from chat.tests import factories
from chat.tests.factories import USER_KEY, link_user

from .conftest import close_quietly, open_chat, say

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


def final_text(frames: list[dict]) -> str:
    [end] = [f for f in frames if f["type"] == "streaming_end"]
    return end["final_content"]


@database_sync_to_async
def linked_account() -> tuple[object, str]:
    user = link_user(UserFactory())
    return user, str(AccessToken.for_user(user))


def playable(provider, user) -> Decimal:
    return provider.balance(upstream_user_id=user.profile.upstream_user_id, user_key=USER_KEY).playable


@pytest.mark.stack
async def test_yes_place_it_three_times_places_one_bet(sandbox):
    user, token = await linked_account()
    before = await database_sync_to_async(playable)(sandbox, user)
    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
    session = ack["session_id"]

    async def turn(text: str) -> str:
        return final_text(await say(ws, text, message_id=str(uuid.uuid4()), session_id=session))

    shown = await turn("bet 10 on Real Madrid to win")
    assert "Real Madrid to win" in shown and "10.00 USD" in shown and "yes, place it" in shown
    placed = await turn("yes, place it")
    assert placed.startswith("Done:") and "10.00 USD" in placed
    for text in ("Yes, place it", "yes, place it"):  # the socket drops an identical message repeated at once
        again = await turn(text)
        assert "no bet waiting for your confirmation" in again and "Please confirm" not in again
    await close_quietly(ws)

    assert await database_sync_to_async(playable)(sandbox, user) == before - Decimal("10")
    states = await database_sync_to_async(lambda: list(BetSlip.objects.values_list("state", flat=True)))()
    assert states == [BetSlip.State.PLACED]
    assert await database_sync_to_async(bets_sent)() == 1


async def test_no_after_a_slip_cancels_it_and_a_later_yes_places_nothing(sandbox):
    user, token = await linked_account()
    before = await database_sync_to_async(playable)(sandbox, user)
    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
    session = ack["session_id"]
    shown = final_text(await say(ws, "apuesta 10 a que gana el Arsenal", message_id="b-1", session_id=session))
    assert "sí, apuesta" in shown
    final_text(await say(ws, "no", message_id="b-2", session_id=session))
    later = final_text(await say(ws, "sí, apuesta", message_id="b-3", session_id=session))
    assert "No hay ninguna apuesta esperando tu confirmación" in later
    await close_quietly(ws)
    slip = await database_sync_to_async(BetSlip.objects.get)()
    assert slip.state == BetSlip.State.CANCELLED
    assert await database_sync_to_async(playable)(sandbox, user) == before


@pytest.mark.parametrize(("language", "ask", "other", "yes", "gone"), [
    ("en", "bet 10 on Real Madrid to win", "what's my balance?", "yes, place it", "no bet waiting"),
    ("es", "apuesta 10 a que gana el Arsenal", "¿cuál es mi saldo?", "sí, apuesta", "No hay ninguna apuesta"),
])
async def test_a_slip_left_unanswered_is_withdrawn_so_neither_a_later_yes_nor_its_card_places_it(
        sandbox, language, ask, other, yes, gone):
    """The chat says nothing is waiting once the conversation moved on; the slip agrees (expired, and its card
    is updated with the next answer), so the card's Confirm button cannot place what the chat dropped."""
    from rest_framework.test import APIClient

    user, token = await linked_account()
    before = await database_sync_to_async(playable)(sandbox, user)
    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
    session = ack["session_id"]
    shown = await say(ws, ask, message_id="w-1", session_id=session)
    [card] = [f["bet_slip"] for f in shown if f["type"] == "streaming_end"]
    assert card["state"] == "proposed"
    moved_on = await say(ws, other, message_id="w-2", session_id=session)
    [update] = [f.get("bet_slip") for f in moved_on if f["type"] == "streaming_end"]
    assert update and update["id"] == card["id"] and update["state"] == "expired"
    later = final_text(await say(ws, yes, message_id="w-3", session_id=session))
    assert gone in later
    await close_quietly(ws)

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    clicked = await database_sync_to_async(api.post)(f"/api/v1/bets/slips/{card['id']}/confirm", {}, format="json")
    assert clicked.status_code == 409 and clicked.json()["details"]["slip"]["state"] == "expired"
    assert await database_sync_to_async(playable)(sandbox, user) == before
    slip = await database_sync_to_async(BetSlip.objects.get)(pk=card["id"])
    assert slip.state == BetSlip.State.EXPIRED and slip.reason_code == "withdrawn"


@pytest.mark.parametrize(("language", "ask", "yes", "mine", "words"), [
    ("en", "bet 10 on Arsenal to win", "yes, place it", "show me my bets", ("Your bets (1)", "placed")),
    ("es", "apuesta 10 a que gana el Arsenal", "sí, apuesta", "mis apuestas", ("Tus apuestas (1)", "colocada")),
    ("pt_br", "aposte 10 na vitória do Arsenal", "sim, pode apostar", "minhas apostas",
     ("Suas apostas (1)", "feita")),
])
def test_my_bets_lists_what_was_placed(sandbox, language, ask, yes, mine, words):
    from chat.tests.factories import Chat, identity_of

    user = link_user(UserFactory())
    chat = Chat(identity=identity_of(user), language=language)
    assert "no tienes" in chat.say("mis apuestas").text if language == "es" else True
    chat.say(ask)
    chat.say(yes)
    listed = chat.say(mine)
    assert all(word in listed.text for word in words) and "Arsenal" in listed.text and "10.00 USD" in listed.text
    guest = Chat(language=language).say(mine)
    assert "Your bets" not in guest.text and "Tus apuestas" not in guest.text


@pytest.mark.parametrize(("language", "message", "words"), [
    ("es", "métele 5 mil pesos al Junior", ("está en USD", "convertir pesos", "¿Cuánto quieres apostar en USD?")),
    ("pt_br", "aposte R$ 20 no Flamengo", ("está em USD", "BRL", "Quanto você quer apostar em USD?")),
    ("en", "bet 20 euros on Arsenal to win", ("is in USD", "EUR", "How much in USD")),
])
def test_a_stake_in_another_currency_is_asked_about_never_relabelled(sandbox, language, message, words):
    from chat.tests.factories import Chat, identity_of

    chat = Chat(identity=identity_of(link_user(UserFactory())), language=language)
    answer = chat.say(message)
    assert all(word in answer.text for word in words), answer.text
    assert chat.memory.context.get("pending_bet") is None and not BetSlip.objects.exists()


@pytest.mark.parametrize(("language", "message", "words"), [
    ("en", "bet 15 on the Napoli game", "What do you want to bet on"),
    ("es", "pon $15 al partido del Sevilla", "¿A qué quieres apostar"),
    ("pt_br", "aposte 15 no jogo do Flamengo", "No que você quer apostar"),
    ("en", "bet 10 on Arsenal", "Nothing is prepared until you say"),
])
def test_an_unsaid_market_is_asked_never_the_match_winner(sandbox, language, message, words):
    from chat.tests.factories import Chat, identity_of

    chat = Chat(identity=identity_of(link_user(UserFactory())), language=language)
    answer = chat.say(message)
    assert words in answer.text and "Please confirm" not in answer.text and "Confirma" not in answer.text
    assert not BetSlip.objects.exists()


def test_the_market_the_user_said_is_the_slips_market(sandbox):
    from chat.tests.factories import Chat, identity_of

    chat = Chat(identity=identity_of(link_user(UserFactory())))
    for message, market, selection in (("bet 10 on the draw in the Arsenal game", "1x2", "draw"),
                                       ("bet 10 on BTTS yes in the Arsenal game", "btts", "yes"),
                                       ("Place $10 on Arsenal to win", "1x2", None)):
        answer = chat.say(message)
        pending = chat.memory.context.get("pending_bet")
        assert pending and "Please confirm" in answer.text, answer.text
        assert pending["market"] == market and (selection is None or pending["selection"] == selection)


def test_a_team_with_two_matches_in_the_window_asked_about_is_asked_which(sandbox):
    """Next week Liverpool plays twice (Champions League midweek, league at the weekend): never pick one."""
    from chat.tests.factories import Chat, identity_of

    chat = Chat(identity=identity_of(link_user(UserFactory())))
    answer = chat.say("bet 10 on Liverpool to win next week")
    bullets = [line for line in answer.text.splitlines() if line.startswith("•")]
    assert "more than one match" in answer.text and len(bullets) >= 2, answer.text
    assert all("Liverpool" in line for line in bullets) and len(set(bullets)) == len(bullets)
    assert chat.memory.context.get("pending_bet") is None and not BetSlip.objects.exists()


def test_a_stake_above_the_balance_is_refused_in_spanish_before_any_confirmation(sandbox):
    from chat.tests.factories import Chat, identity_of

    chat = Chat(identity=identity_of(link_user(UserFactory())), language="es")
    answer = chat.say("apuesta 50000 a que gana el Barcelona")
    assert answer.text.startswith("Tu saldo disponible es 1000.00 USD") and "Insufficient" not in answer.text
    assert chat.memory.context.get("pending_bet") is None and not BetSlip.objects.exists()


def test_a_price_that_moved_against_the_user_is_shown_again_then_placed_at_the_new_price(sandbox):
    from chat.tests.factories import Chat, identity_of

    chat = Chat(identity=identity_of(link_user(UserFactory())))
    chat.say("bet 10 on Arsenal to win")
    pending = chat.memory.context["pending_bet"]
    current = Decimal(str(pending["odds"]))
    # The user was shown 0.25 more than the book offers now (the price dropped after it was shown).
    BetSlip.objects.filter(pk=pending["slip_id"]).update(odds=current + Decimal("0.25"))
    moved = chat.say("yes, place it")
    assert f"The price moved from {current + Decimal('0.25'):.2f} to {current:.2f}" in moved.text, moved.text
    assert "Please confirm" in moved.text and bets_sent() == 0
    fresh = chat.memory.context["pending_bet"]
    assert fresh["slip_id"] != pending["slip_id"] and Decimal(str(fresh["odds"])) == current
    placed = chat.say("yes, place it")
    assert placed.text.startswith("Done:") and BetSlip.objects.filter(state="placed").count() == 1
    assert BetSlip.objects.get(pk=pending["slip_id"]).reason_code == "price_moved"


def test_my_bets_lists_a_bet_placed_before_slips_existed(sandbox):
    """betting/migrations/0005 turned each placement row of the pre-slip era into a slip (no label, no legs' details
    beyond the placement's): "my bets" shows it with its selection and match, and an unknown one as unknown."""
    from datetime import UTC, datetime

    from betting.models import LEGACY_UNKNOWN
    from chat.engine.answer import BET_STATES
    from chat.tests.factories import Chat, identity_of

    user = link_user(UserFactory())
    at = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    for state, stake, reason_code in (("placed", Decimal("10.00"), ""), ("outcome_unknown", Decimal("3.00"),
                                                                           LEGACY_UNKNOWN)):
        BetSlip.objects.create(user=user, state=state, fixture_id="f1", fixture_label="Real v Barça", market="1x2",
                               selection="home", bet_id="b1", odds=Decimal("2.000"), placed_odds=Decimal("2.000"),
                               stake=stake, currency="USD", possible_win=stake * 2, proposed_by="legacy",
                               reason_code=reason_code, created_at=at, expires_at=at, confirmed_at=at, updated_at=at)
    listed = Chat(identity=identity_of(user)).say("show me my bets").text
    assert "Your bets (2)" in listed, listed
    assert "• home (Real v Barça): 10.00 USD @ 2.00 → 20.00 USD — placed" in listed, listed
    unknown = BET_STATES["outcome_unknown"]["en"]
    assert f"• home (Real v Barça): 3.00 USD @ 2.00 → 6.00 USD — {unknown}" in listed, listed
