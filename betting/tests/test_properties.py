"""Property-based: whatever sequence of propose (single or combo) / confirm / cancel / expire events arrives, a slip is
placed at most once, the balance never goes below zero, and every transition is on the audit trail."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.selectors import get_betting_link
from accounts.tests.factories import UserFactory
from betting.errors import BettingRefusal
from betting.models import BetAuditEntry, BetSlip
from betting.selectors import COMMITTED_STATES, staked_since
from betting.services import slips
from betting.tests import factories
from betting.tests.factories import link_user
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
KEYS = itertools.count()

EVENTS = st.lists(st.one_of(
    st.tuples(st.just("propose"), st.sampled_from(["1", "150", "400", "700", "999.99"])),
    st.tuples(st.just("propose_combo"), st.sampled_from(["2", "300", "999.99"])),
    st.tuples(st.just("confirm"), st.integers(min_value=0, max_value=5)),
    st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=5)),
    st.tuples(st.just("expire"), st.integers(min_value=1, max_value=15)),  # minutes pass
), min_size=1, max_size=14)


def _path_is_legal(states: list[str]) -> bool:
    """The audited states of one slip, in order, follow the state machine from `proposed`."""
    if not states or states[0] != BetSlip.State.PROPOSED:
        return False
    return all(b in slips.TRANSITIONS.get(a, {}) for a, b in itertools.pairwise(states))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=EVENTS)
def test_any_event_sequence_keeps_the_money_invariants(sandbox, events):
    user = link_user(UserFactory(), user_key=f"prop-key-{next(KEYS)}")
    link = get_betting_link(user_id=user.pk)
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    price = get_odds(fixture_id=fixture.id).markets["1x2"].selections["home"]
    other = find_fixtures(team="Real Madrid", limit=1)[0]
    combo = [slips.LegOffer(fixture=fixture, price=price, market="1x2", selection="home"),
             slips.LegOffer(fixture=other, price=get_odds(fixture_id=other.id).markets["1x2"].selections["away"],
                            market="1x2", selection="away")]
    now = start_time = sandbox.now()
    start = Decimal(str(sandbox.balance(upstream_user_id=link.upstream_user_id, user_key=link.user_key).playable))
    proposed: list[BetSlip] = []
    for kind, value in events:
        try:
            if kind == "propose":
                proposed.append(slips.propose_slip(link=link, fixture=fixture, price=price, market="1x2",
                                                   selection="home", stake=Decimal(value), now=now))
            elif kind == "propose_combo":
                proposed.append(slips.propose_combo_slip(link=link, legs=combo, stake=Decimal(value), now=now))
            elif kind == "confirm" and proposed:
                slip = proposed[value % len(proposed)]
                slips.confirm_slip(user_id=user.pk, slip_id=slip.pk, link=link, now=now)
            elif kind == "cancel" and proposed:
                slips.cancel_slip(user_id=user.pk, slip_id=proposed[value % len(proposed)].pk, now=now)
            elif kind == "expire":
                now += timedelta(minutes=value)
                slips.expire_slips(now=now)
        except BettingRefusal:
            pass  # a refusal is a legal outcome; the invariants below must hold either way
        balance = Decimal(str(sandbox.balance(upstream_user_id=link.upstream_user_id,
                                              user_key=link.user_key).playable))
        assert balance >= 0

    rows = BetSlip.objects.filter(user=user)
    placed = rows.filter(state=BetSlip.State.PLACED)
    charged = start - Decimal(str(sandbox.balance(upstream_user_id=link.upstream_user_id,
                                                  user_key=link.user_key).playable))
    assert charged == sum((s.stake for s in placed), Decimal("0"))  # each placed slip charged exactly once
    sent = rows.exclude(placed_odds=None)  # the slips that reached the upstream
    assert factories.bets_sent(user_id=user.pk) == sent.count()  # each of them sent once, no other bet sent
    assert len({s.upstream_bet_id for s in placed}) == placed.count() and "" not in {s.upstream_bet_id for s in placed}
    staked = staked_since(user_id=user.pk, since=start_time)  # the daily limit counts every bet in flight or placed
    assert staked == sum((s.stake for s in sent.filter(state__in=COMMITTED_STATES)), Decimal("0"))
    for slip in rows:
        legs = list(slip.legs.values_list("fixture_id", flat=True))  # 1..N legs, never two on one match
        assert len(legs) == (2 if slip.is_combo else 1) and len(set(legs)) == len(legs)
        states = list(BetAuditEntry.objects.filter(slip=slip).order_by("created_at", "id")
                      .values_list("status", flat=True))
        assert _path_is_legal(states) and states[-1] == slip.state, states
