"""Issue 17, batch 7's kinds of names and slots, on sentences of their own (in no data file), through `understand()`
for what is read and the real REST chat endpoint (the turn service) for what the user gets, at the evaluation clock.

1. A club we don't cover, typed in lower case, is said back as the proper name it is ("River Plate"), with the
   user's own capitals kept as typed and initials in capitals ("FC", "PSV").
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import ACTING_TOOLS, EVAL_NOW
from chat.engine.unknown_names import as_a_name
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = [pytest.mark.django_db, pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

NOT_COVERED = {"en": "I don't cover", "es": "No cubro", "pt_br": "Não cubro"}


def tools_of(body: dict) -> set[str]:
    return {call["name"] for call in body["function_calls_made"]}


def _in(language: str) -> RestChat:
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    return chat


# --- 1. a club we don't cover, said as a proper name -----------------------------------------------------------------

@pytest.mark.parametrize("typed, said", [
    ("river plate", "River Plate"),
    ("fc zurich", "FC Zurich"),
    ("estudiantes de la plata", "Estudiantes de la Plata"),
    ("paris saint-germain", "Paris Saint-Germain"),
    ("Sporting Cristal", "Sporting Cristal"),  # the user's capitals: as typed
    ("LDU quito", "LDU quito"),
])
def test_a_name_typed_in_lower_case_is_said_as_a_proper_name(typed, said):
    assert as_a_name(typed) == said


@pytest.mark.parametrize("message, language, named", [
    ("what odds do you have for river plate", "en", "River Plate"),
    ("cuánto pagan las cuotas de river plate", "es", "River Plate"),
    ("quanto tá pagando o river plate?", "pt_br", "River Plate"),
    ("odds on the Sporting Cristal game", "en", "Sporting Cristal"),
])
def test_the_club_we_lack_is_named_properly_in_each_language(sandbox, message, language, named):
    body = _in(language).say(message)
    assert NOT_COVERED[language] in body["message"] and f'"{named}"' in body["message"], body["message"]
    assert not ACTING_TOOLS & tools_of(body), body["message"]
