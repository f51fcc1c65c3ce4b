"""The quality dashboard: numbers against a hand-built data set, and who may see the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from chat.models import Conversation, Feedback, Message
from insights import selectors

pytestmark = [pytest.mark.django_db, pytest.mark.stack]

CONSERVATIVE_DETAILED = {"recommendation_style": "conservative", "answer_length": "detailed"}
VALUE_CONCISE = {"recommendation_style": "value_seeking", "answer_length": "concise"}


def _turn(conversation, *, at, question, answer, intent, engine="offline", ms=100, experiments=None):
    user = Message.objects.create(conversation=conversation, role=Message.Role.USER, content=question,
                                  intent=intent, created_at=at - timedelta(seconds=1))
    return Message.objects.create(conversation=conversation, role=Message.Role.ASSISTANT, content=answer,
                                  intent=intent, engine=engine, response_time_ms=ms, reply_to=user, created_at=at,
                                  experiments=experiments or {})


@pytest.fixture
def data_set():
    """Five turns: four in the last 24 h (100/200/300/400 ms), one three days ago (1000 ms)."""
    now = timezone.now()
    owner = UserFactory()
    mine = Conversation.objects.create(owner=owner)
    guest = Conversation.objects.create(guest_id="g-1")
    anon = Conversation.objects.create()
    a3 = _turn(mine, at=now - timedelta(hours=3), question="odds arsenal", answer="Odds: ...",
               intent="odds_information", engine="fallback:offline", ms=300, experiments=VALUE_CONCISE)
    a1 = _turn(mine, at=now - timedelta(hours=1), question="and chelsea?", answer="Chelsea odds",
               intent="odds_information", ms=100, experiments=VALUE_CONCISE)
    a2 = _turn(guest, at=now - timedelta(hours=2), question="who wins the election?", answer="I can only help...",
               intent="out_of_scope", ms=200, experiments=CONSERVATIVE_DETAILED)
    a4 = _turn(anon, at=now - timedelta(hours=5), question="hi", answer="Sorry...", intent="error", engine="error",
               ms=400)
    old = _turn(anon, at=now - timedelta(days=3), question="matches today", answer="...", intent="fixture_search",
                ms=1000)
    for key in ("user:1", "user:2"):
        Feedback.objects.create(message=a1, rating="up", identity_key=key)
    Feedback.objects.create(message=a2, rating="down", identity_key="guest:g-1")
    Feedback.objects.create(message=a3, rating="down", identity_key="user:1")
    Feedback.objects.create(message=a3, rating="up", identity_key="user:3")
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4, "old": old, "guest": guest}


def test_rates_count_fallback_error_and_out_of_scope_turns(data_set):
    rates = selectors.quality_rates(window=selectors.window_for(period="24h"))
    assert (rates["turns"], rates["fallback"], rates["errors"], rates["out_of_scope"]) == (4, 1, 1, 1)
    assert rates["fallback_rate"] == rates["out_of_scope_rate"] == 0.25
    assert selectors.quality_rates(window=selectors.window_for(period="7d"))["turns"] == 5


def test_latency_percentiles_interpolate_like_percentile_cont(data_set):
    assert selectors.answer_latency(window=selectors.window_for(period="24h")) == {"p50": 250.0, "p95": 385.0}
    assert selectors.answer_latency(window=selectors.window_for(period="7d"))["p50"] == 300.0


def test_latency_of_an_empty_window_is_unknown():
    assert selectors.answer_latency(window=selectors.window_for(period="24h")) == {"p50": None, "p95": None}


def test_intents_and_feedback(data_set):
    window = selectors.window_for(period="24h")
    assert selectors.intent_distribution(window=window) == [("odds_information", 2), ("error", 1),
                                                            ("out_of_scope", 1)]
    assert selectors.feedback_summary(window=window) == {"up": 3, "down": 2, "rated": 5, "up_ratio": 0.6}


def test_turns_per_hour_fill_empty_hours(data_set):
    series = selectors.turns_over_time(window=selectors.window_for(period="24h"))
    assert len(series) in (24, 25)  # the window starts mid-hour
    assert sum(n for _, n in series) == 4
    assert sum(n for _, n in selectors.turns_over_time(window=selectors.window_for(period="30d"))) == 5


def test_lowest_rated_and_out_of_scope_lists(data_set):
    window = selectors.window_for(period="24h")
    worst = list(selectors.lowest_rated_answers(window=window))
    assert [m.id for m in worst] == [data_set["a2"].id, data_set["a3"].id]
    assert (worst[0].ups, worst[0].downs) == (0, 1)
    asked = list(selectors.out_of_scope_questions(window=window))
    assert [m.content for m in asked] == ["who wins the election?"]
    assert asked[0].conversation_id == data_set["guest"].session_id


def test_experiments_compared_by_feedback_and_follow_ups(data_set):
    result = selectors.experiment_comparison(window=selectors.window_for(period="24h"))
    style = {row["variant"]: row for row in result["recommendation_style"]}
    # value_seeking: a3 then a1 in one conversation ("and chelsea?" followed a3); votes: a1 2 up, a3 1 up 1 down
    assert (style["value_seeking"]["answers"], style["value_seeking"]["up"], style["value_seeking"]["down"]) == \
        (2, 3, 1)
    assert (style["value_seeking"]["up_ratio"], style["value_seeking"]["followup_rate"]) == (0.75, 0.5)
    # conservative: a2 alone, thumbed down, never followed up
    assert (style["conservative"]["answers"], style["conservative"]["up_ratio"]) == (1, 0.0)
    assert style["conservative"]["followup_rate"] == 0.0
    length = {row["variant"]: row for row in result["answer_length"]}
    assert (length["concise"]["answers"], length["detailed"]["answers"]) == (2, 1)


def test_staff_see_the_dashboard_with_charts_and_links(client, data_set):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)  # the messages need the conversations' permission (test_attack_10)
    staff.user_permissions.add(Permission.objects.get(codename="view_conversation", content_type__app_label="chat"))
    client.force_login(staff)
    response = client.get("/admin/dashboard/", {"period": "24h"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('role="img"') == 7
    assert '<strong id="stat-turns">4</strong>' in body
    assert "250 ms" in body and "385 ms" in body
    assert f"/admin/chat/conversation/{data_set['guest'].session_id}/change/" in body
    assert "who wins the election?" in body
    assert "<script" not in body.split('id="content-main"')[1]  # charts are plain SVG
    index = client.get("/admin/").content.decode()
    assert 'href="/admin/dashboard/"' in index


def test_an_unknown_period_is_a_400_naming_the_parameter(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/admin/dashboard/", {"period": "1y"})
    assert response.status_code == 400
    assert "period: choose one of" in response.content.decode()


def test_non_staff_are_sent_to_the_admin_login(client):
    client.force_login(UserFactory(is_staff=False))
    response = client.get("/admin/dashboard/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _slip(user, *, state: str, at) -> BetSlip:
    return BetSlip.objects.create(user=user, state=state, fixture_id="f1", fixture_label="A vs B", market="1x2",
                                  selection="home", bet_id="b1", odds="2.000", stake="10.00", currency="USD",
                                  possible_win="20.00", created_at=at, updated_at=at,
                                  expires_at=at + timedelta(minutes=10))


def test_slips_are_counted_by_state_within_the_period(client):
    now, user = timezone.now(), UserFactory()
    for hours, state in ((1, "placed"), (2, "placed"), (3, "refused"), (4, "outcome_unknown"), (5, "proposed"),
                         (6, "expired"), (30, "placed"), (100, "cancelled")):
        _slip(user, state=state, at=now - timedelta(hours=hours))
    day = dict(selectors.slips_by_state(window=selectors.window_for(period="24h", now=now)))
    assert list(day) == list(BetSlip.State.values), "every state, in the state machine's order"
    assert day == {"proposed": 1, "confirmed": 0, "placing": 0, "placed": 2, "refused": 1, "outcome_unknown": 1,
                   "expired": 1, "cancelled": 0}
    week = dict(selectors.slips_by_state(window=selectors.window_for(period="7d", now=now)))
    assert (week["placed"], week["cancelled"]) == (3, 1)

    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # may also open the slip list it links to
    body = client.get("/admin/dashboard/", {"period": "24h"}).content.decode()
    panel = body.split('id="slips-by-state"')[1].split("</div>")[0]
    assert "Bet slips by state (6 proposed in this period)" in panel
    assert 'href="/admin/betting/betslip/?state__exact=placed">placed: 2</a>' in panel
    assert "outcome_unknown: 1" in panel and "cancelled: 0" in panel
    listed = client.get("/admin/betting/betslip/", {"state__exact": "placed"})
    assert listed.status_code == 200 and listed.content.decode().count('class="field-state"') == 3
