"""The project's languages as Django locales, so every app renders its texts the same way.

Sentences live in gettext catalogues (`locale/<locale>/LC_MESSAGES/django.po`, compiled to `.mo` at
install): English msgids in the code, Spanish and Brazilian Portuguese in the catalogues. A turn, a bet
refusal or a label is rendered in the language it is for with `in_language(...)`, whatever language
the HTTP request (LocaleMiddleware) or the worker happens to have active.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any

from django.utils import translation

# Our language codes (the profile's and the wire's: en / es / pt_br) -> Django language codes.
DJANGO_LANGUAGES = {"en": "en", "es": "es", "pt_br": "pt-br"}


def django_language(language: str | None) -> str:
    """The Django language code for one of ours; English for anything we do not speak (as before)."""
    return DJANGO_LANGUAGES.get(language or "", "en")


def in_language(language: str | None) -> AbstractContextManager[None]:
    """Translate in `language` (en / es / pt_br) inside the block, then restore the previous language."""
    return translation.override(django_language(language))


def resolved(value: Any) -> Any:
    """`value` with every lazy translation in it turned into text in the active language."""
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(resolved(item) for item in value)
    return str(value)


def _copied(value: Any) -> Any:
    """A copy a caller may change without changing the next caller's (strings and tuples are shared)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


class PerLanguage(Mapping[str, Any]):
    """A `{language: value}` view of catalogue messages (a lazy text, or a list/dict of them).

    Lets code written against per-language dicts (`NAMES.get(language, NAMES["en"])`) read the
    catalogues unchanged; a language we do not speak is missing, as it was from those dicts.
    """

    def __init__(self, value: Any) -> None:
        self._value = value
        self._rendered: dict[str, Any] = {}  # per language: the catalogues do not change while a process runs

    def __getitem__(self, language: str) -> Any:
        if language not in DJANGO_LANGUAGES:
            raise KeyError(language)
        return _copied(self._render(language))

    def read(self, language: str | None) -> Any:
        """The value in `language` (English for one we do not speak, as `.get(language, self["en"])`)
        to read only: not copied, so never change it. For hot paths (a date in every fixture line)."""
        return self._render(language if language in DJANGO_LANGUAGES else "en")

    def _render(self, language: str) -> Any:
        rendered = self._rendered.get(language)
        if rendered is None:
            with in_language(language):
                rendered = self._rendered[language] = resolved(self._value)
        return rendered

    def __iter__(self) -> Iterator[str]:
        return iter(DJANGO_LANGUAGES)

    def __len__(self) -> int:
        return len(DJANGO_LANGUAGES)
