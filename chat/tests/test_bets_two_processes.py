"""20 confirmations of one slip, in mixed wording with distinct message ids, sent at once to two real
daphne processes sharing one PostgreSQL database and one Redis: exactly one bet is placed."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import UserFactory
from betting.models import BetAuditEntry, BetSlip
from betting.tests.factories import bets_sent
from chat.tests.factories import link_user
from conftest import daphne_processes, server_env

WORDINGS = ["yes, place it", "confirm", "I confirm the bet", "place it", "Yes, place it", "ok, place it",
            "confirm it", "confirmed", "yes, confirm the bet", "ok, confirm", "please place it", "place it now",
            "yes, confirm", "I confirm", "confirm the bet", "confirm my bet", "yes, place it please",
            "yes, place the bet", "Confirm", "yes, confirm it"]

pytestmark = [pytest.mark.stack, pytest.mark.redis, pytest.mark.xdist_group("multi_instance")]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"




def _post(host: str, path: str, body: dict, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://{host}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}",
                                              "Origin": "http://localhost:4200"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def _get(host: str, path: str, token: str) -> dict | list:
    request = urllib.request.Request(f"http://{host}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.mark.django_db(transaction=True)
def test_twenty_confirmations_over_two_processes_place_exactly_one_bet(redis_url, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two server processes need one shared database with row locks: PostgreSQL (the stack pass)")
    user = link_user(UserFactory())
    token = str(AccessToken.for_user(user))
    env = server_env(
        SECRET_KEY=settings.SECRET_KEY, DATABASE_URL=_database_url(), REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"bets{os.getpid()}", CHANNEL_LAYER_PREFIX=f"bets{os.getpid()}",
        # Both sandboxes stop their clocks at the same instant, so the price cannot move mid-test.
        SANDBOX_FROZEN_AT=datetime.now(UTC).replace(microsecond=0).isoformat(),
        THROTTLE_CHAT="", THROTTLE_USER="",
    )
    # Both servers share the test's clock (tokens minted here carry its time).
    with daphne_processes({"a": env, "b": env}, tmp_path, at=datetime.now(UTC)) as daphnes:
        hosts = [daphne.host for daphne in daphnes.values()]
        status, shown = _post(hosts[0], "/api/v1/chat/message", {"message": "bet 10 on Arsenal to win"}, token)
        assert status == 200 and "yes, place it" in shown["message"], shown
        session = shown["session_id"]
        before = _get(hosts[0], "/api/v1/auth/balance", token)

        start = threading.Barrier(len(WORDINGS))
        answers: list[tuple[int, dict]] = []

        def confirm(index: int, text: str) -> None:
            start.wait(timeout=30)
            answers.append(_post(hosts[index % 2], "/api/v1/chat/message",
                                 {"message": text, "session_id": session, "message_id": str(uuid.uuid4())}, token))

        threads = [threading.Thread(target=confirm, args=(i, text)) for i, text in enumerate(WORDINGS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        after = _get(hosts[1], "/api/v1/auth/balance", token)

    assert len(answers) == len(WORDINGS)
    texts = [body.get("message", "") for _, body in answers]
    assert sum(text.startswith("Done:") for text in texts) == 1, texts
    assert all(text.startswith("Done:") or "placed only once" in text or "no bet waiting" in text
               or status != 200 for (status, _), text in zip(answers, texts, strict=True)), texts
    assert Decimal(str(before["playable"])) - Decimal(str(after["playable"])) == Decimal("10")
    assert list(BetSlip.objects.values_list("state", flat=True)) == [BetSlip.State.PLACED]
    assert bets_sent() == 1
    slip = BetSlip.objects.get()
    assert list(BetAuditEntry.objects.filter(slip=slip).order_by("created_at", "id")
                .values_list("status", flat=True)) == ["proposed", "confirmed", "placing", "placed"]
