"""An over/under line the book does not offer is refused with the line on offer, named in the user's language with
what the line counts in their words (goals, points): through the REST chat, single and accumulator leg."""

from __future__ import annotations

import pytest

from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox


@pytest.mark.parametrize(("language", "message", "wording", "english"), [
    ("pt_br", "aposta 10 em mais de 3.5 gols no jogo do Flamengo", "de mais/menos gols não é oferecida", "goals"),
    ("es", "apuesta 10 a más de 300.5 puntos en el partido de los Lakers", "de más/menos puntos no se ofrece",
     "points"),
    ("pt_br", "múltipla de 10: vitória do Flamengo e mais de 3.5 gols no jogo do Palmeiras", "mais/menos gols",
     "goals"),
    ("en", "bet 10 on over 3.5 goals in the Arsenal game", "over/under goals line 3.5 is not offered", None),
])
def test_a_total_not_on_offer_is_worded_in_the_users_language(sandbox, language, message, wording, english):
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    answer = chat.say(message)["message"]
    assert wording in answer, answer
    assert english is None or english not in answer
    assert not BetSlip.objects.exists()
