"""How a slip's selection reads to the user, in their language ("Real Madrid to win", "Más de 2.5 goles")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from chatbet_project.i18n import in_language

if TYPE_CHECKING:
    from sports.domain import Fixture

SELECTION_LABELS: dict[str, Promise] = {
    "home": pgettext_lazy("selection", "{home} to win"),
    "draw": pgettext_lazy("selection", "Draw"),
    "away": pgettext_lazy("selection", "{away} to win"),
    "home_or_draw": pgettext_lazy("selection", "{home} or draw"),
    "away_or_draw": pgettext_lazy("selection", "{away} or draw"),
    "home_or_away": pgettext_lazy("selection", "{home} or {away}"),
    "over": pgettext_lazy("selection", "Over {line} goals"),
    "under": pgettext_lazy("selection", "Under {line} goals"),
    "yes": pgettext_lazy("selection", "Both teams to score: yes"),
    "no": pgettext_lazy("selection", "Both teams to score: no"),
}


def selection_label(selection: str, fixture: Fixture, *, line: str | None = None, language: str = "en") -> str:
    """The selection as a user reads it in `language` (English msgids, translations in `locale/`)."""
    label = SELECTION_LABELS.get(selection)
    with in_language(language):
        template = str(label) if label is not None else selection
    return template.format(home=fixture.home.name_in(language), away=fixture.away.name_in(language),
                           line=line or "")
