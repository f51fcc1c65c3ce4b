"""Accumulators in the chat: "combo: 10 on A to win and B to win" proposes one slip of several legs, its
confirmation prompt lists every leg with the combined odds, and one explicit yes places it once. A leg whose
market is unsaid, or whose team plays twice in the window, is asked about; nothing is guessed."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from channels.db import database_sync_to_async
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import USER_KEY, Chat, bets_sent, identity_of, link_user

from .conftest import close_quietly, open_chat, say

sandbox = factories.sandbox


def _playable(provider, user) -> Decimal:
    return provider.balance(upstream_user_id=user.profile.upstream_user_id, user_key=USER_KEY).playable


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "ask", "yes", "words", "placed_words"), [
    ("en", "combo: 10 on Real Madrid to win and Arsenal to win", "yes, place it",
     ("accumulator of 2 legs", "Real Madrid to win", "Arsenal to win", "Combined odds", "stake 10.00 USD",
      "yes, place it"), "Done: your accumulator of 2 legs"),
    ("es", "acumulada de 10: gana el Real Madrid y gana el Arsenal", "sí, apuesta",
     ("combinada de 2 selecciones", "Gana Real Madrid", "Gana Arsenal", "Cuota combinada", "monto 10.00 USD",
      "sí, apuesta"), "Listo: tu combinada de 2 selecciones"),
    ("pt_br", "múltipla de 10: vitória do Flamengo e vitória do Palmeiras", "sim, pode apostar",
     ("múltipla de 2 seleções", "Flamengo vence", "Palmeiras vence", "Odd combinada", "valor 10.00 USD",
      "sim, pode apostar"), "Pronto: sua múltipla de 2 seleções"),
])
def test_a_combo_lists_every_leg_and_one_yes_places_it_once(sandbox, language, ask, yes, words, placed_words):
    user = link_user(UserFactory())
    before = _playable(sandbox, user)
    chat = Chat(identity=identity_of(user), language=language)
    shown = chat.say(ask)
    assert all(word in shown.text for word in words), shown.text
    pending = chat.memory.context["pending_bet"]
    assert len(pending["legs"]) == 2 and pending["market"] == "combo"
    odds = Decimal(str(pending["legs"][0]["odds"])) * Decimal(str(pending["legs"][1]["odds"]))
    combined = f"{odds.quantize(Decimal('0.01')):.2f}"
    assert combined in shown.text and f"{Decimal(10) * Decimal(combined):.2f} USD" in shown.text
    for leg in pending["legs"]:  # each leg with its match and its own odds
        assert f"{leg['fixture']['home']} vs {leg['fixture']['away']}" in shown.text

    placed = chat.say(yes)
    assert placed.text.startswith(placed_words), placed.text
    again = chat.say(yes)
    assert "Please confirm" not in again.text and "Confirma" not in again.text
    slip = BetSlip.objects.get()
    assert (slip.state, slip.legs.count(), bets_sent()) == (BetSlip.State.PLACED, 2, 1)
    assert _playable(sandbox, user) == before - Decimal("10")  # one bet, one stake


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "message", "words"), [
    ("es", "acumulada de 10 con Real Madrid y Barcelona", ("qué quieres en cada partido", "Real Madrid y Barcelona")),
    ("pt_br", "múltipla de 10 com Flamengo e Palmeiras", ("o que você quer em cada partida", "Flamengo e Palmeiras")),
    ("en", "combo: 10 on Real Madrid and Arsenal to win", ("what you want on each match", "Real Madrid")),
])
def test_a_leg_without_its_market_is_asked_never_the_match_winner(sandbox, language, message, words):
    chat = Chat(identity=identity_of(link_user(UserFactory())), language=language)
    answer = chat.say(message)
    assert all(word in answer.text for word in words), answer.text
    assert chat.memory.context.get("pending_bet") is None and not BetSlip.objects.exists()


@pytest.mark.django_db
def test_a_leg_whose_team_plays_twice_in_the_window_is_asked_which(sandbox):
    """Next week Liverpool (and Arsenal) play twice (Champions League midweek, league at the weekend): the leg's
    match is asked, never picked."""
    chat = Chat(identity=identity_of(link_user(UserFactory())))
    answer = chat.say("combo: 10 on Arsenal to win and Liverpool to win next week")
    bullets = [line for line in answer.text.splitlines() if line.startswith("•")]
    assert " has more than one match" in answer.text and len(bullets) >= 2, answer.text
    team = answer.text.split(" has more than one match")[0]
    assert team in ("Arsenal", "Liverpool") and all(team in line for line in bullets)
    assert chat.memory.context.get("pending_bet") is None and not BetSlip.objects.exists()


@pytest.mark.django_db
def test_guests_asking_for_a_combo_get_a_simulation_never_a_slip(sandbox):
    from accounts.identity import Identity

    answer = Chat(identity=Identity(user_id=None, guest_id=uuid.uuid4().hex)).say(
        "combo: 10 on Real Madrid to win and Arsenal to win")
    assert "simulation" in answer.text and "Please confirm" not in answer.text
    assert not BetSlip.objects.exists()
    explicit = Chat().say("place a combo bet of 10 on Real Madrid to win and Arsenal to win")
    assert "log in" in explicit.text and not BetSlip.objects.exists()


@pytest.mark.django_db
def test_a_combo_whose_combined_price_dropped_is_shown_again_at_the_new_price(sandbox):
    chat = Chat(identity=identity_of(link_user(UserFactory())))
    chat.say("combo: 10 on Real Madrid to win and Arsenal to win")
    pending = chat.memory.context["pending_bet"]
    current = Decimal(str(pending["odds"]))
    BetSlip.objects.filter(pk=pending["slip_id"]).update(odds=current + Decimal("0.50"))  # shown higher than now
    moved = chat.say("yes, place it")
    assert f"The price moved from {current + Decimal('0.50'):.2f} to {current:.2f}" in moved.text, moved.text
    assert "accumulator of 2 legs" in moved.text and bets_sent() == 0
    fresh = chat.memory.context["pending_bet"]
    assert fresh["slip_id"] != pending["slip_id"] and len(fresh["legs"]) == 2
    assert chat.say("yes, place it").text.startswith("Done: your accumulator")
    assert BetSlip.objects.get(pk=pending["slip_id"]).reason_code == "price_moved"


@pytest.mark.django_db(transaction=True)
async def test_a_combo_through_the_socket_is_placed_once(sandbox):
    user = await database_sync_to_async(lambda: link_user(UserFactory()))()
    token = str(AccessToken.for_user(user))
    before = await database_sync_to_async(_playable)(sandbox, user)
    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
    session = ack["session_id"]

    async def turn(text: str) -> str:
        frames = await say(ws, text, message_id=str(uuid.uuid4()), session_id=session)
        [end] = [f for f in frames if f["type"] == "streaming_end"]
        return end["final_content"]

    shown = await turn("combo: 10 on Real Madrid to win and Arsenal to win")
    assert "accumulator of 2 legs" in shown and "Real Madrid to win" in shown and "Arsenal to win" in shown
    assert (await turn("yes, place it")).startswith("Done: your accumulator of 2 legs")
    assert "no bet waiting" in await turn("confirm")
    await close_quietly(ws)
    assert await database_sync_to_async(_playable)(sandbox, user) == before - Decimal("10")
    states = await database_sync_to_async(lambda: list(BetSlip.objects.values_list("state", flat=True)))()
    assert states == [BetSlip.State.PLACED]


@pytest.mark.django_db
def test_asking_about_a_combo_hypothetically_simulates_it(sandbox):
    chat = Chat(identity=identity_of(link_user(UserFactory())))
    answer = chat.say("what if I bet a 10 parlay on Arsenal to win and Chelsea to win?")  # legs without a pick: asked
    assert "simulation" in answer.text and "Please confirm" not in answer.text
    assert not BetSlip.objects.exists()


@pytest.mark.django_db
def test_the_place_bet_tool_takes_legs_and_confirms_only_the_same_legs(sandbox):
    """What a model calls: `place_bet` with `legs` shows the accumulator; the next explicit yes places that slip,
    and a yes to different legs (or a different stake) never places the one shown."""
    from chat.engine.memory import ConversationMemory
    from chat.engine.tool_registry import run_tool
    from chat.tests.factories import make_ctx
    from sports.services.fixtures import find_fixtures

    user = link_user(UserFactory())
    arsenal, madrid = (find_fixtures(team=team, limit=1)[0] for team in ("Arsenal", "Real Madrid"))
    arsenal_wins = "home" if arsenal.home.name == "Arsenal" else "away"
    legs = [{"fixture_id": arsenal.id, "market": "1x2", "selection": arsenal_wins},
            {"fixture_id": madrid.id, "market": "btts", "selection": "yes"}]
    first = make_ctx("combo of 10: Arsenal to win and both teams to score in the Real Madrid game",
                     identity=identity_of(user))
    shown = run_tool("place_bet", {"stake": 10, "legs": legs}, ctx=first)
    assert shown["status"] == "confirmation_required" and len(shown["bet"]["legs"]) == 2
    memory = ConversationMemory()
    memory.context["pending_bet"] = first.metadata["pending_bet"]
    other = {"stake": 12, "legs": legs}  # not what was shown, nor a stake the user said: nothing placed or proposed
    guessed = make_ctx("yes, place it", identity=identity_of(user), memory=memory, session_id=first.session_id)
    assert run_tool("place_bet", other, ctx=guessed)["error"] == "stake_not_stated"
    changed = make_ctx("make it 12", identity=identity_of(user), memory=memory, session_id=first.session_id)
    assert run_tool("place_bet", other, ctx=changed)["status"] == "confirmation_required"  # shown as a new slip
    assert bets_sent() == 0
    memory.context["pending_bet"] = changed.metadata["pending_bet"]
    placed = run_tool("place_bet", other, ctx=make_ctx("yes, place it", identity=identity_of(user), memory=memory,
                                                         session_id=first.session_id))
    assert placed["status"] == "placed" and len(placed["bet"]["legs"]) == 2
    assert BetSlip.objects.get(state=BetSlip.State.PLACED).stake == Decimal("12.00")
    assert list(BetSlip.objects.order_by("created_at").values_list("state", "reason_code")) == [
        ("expired", "superseded"), ("placed", "")]
    bad = run_tool("place_bet", {"stake": 10, "legs": [legs[0], {**legs[0], "selection": "draw"}]},
                   ctx=make_ctx("combo", identity=identity_of(user)))
    assert bad["error"] == "same_fixture_twice" and "one selection per match" in bad["message"]
