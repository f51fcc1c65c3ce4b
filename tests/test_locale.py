"""The translation catalogues in `locale/`: complete, current and compiled.

- Every message the code uses (Python, templates, the web page's JavaScript) has a Spanish and a Brazilian
  Portuguese translation, none empty or fuzzy, and no catalogue entry is left over: `manage.py
  makemessages` is run on a copy of the sources against the committed catalogues, as a developer would.
- The compiled `.mo` files (built at install, not committed) say exactly what the `.po` files say.
- Texts come out in the language they are rendered for, whatever language the request has active.

Needs GNU gettext (`msgfmt`, `msgattrib`, `xgettext`: Debian package `gettext`), as `make install` does.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from betting.errors import text as refusal_text
from chat.engine.phrases import MONTH_NAMES, suggestions, t
from chat.engine.tool_registry import run_tool
from chat.tests.factories import make_ctx
from conftest import frozen_provider

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("es", "pt_BR")
DOMAINS = ("django", "djangojs")
SOURCES = (".py", ".html", ".txt", ".js")
SKIP_DIRS = {"var", "node_modules", "__pycache__", "test-output", "locale"}


def _gettext_tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} not found: install GNU gettext (Debian: apt-get install gettext), as `make install` needs"
    return path


def _copy_sources(into: Path) -> None:
    """The files makemessages reads (it skips hidden directories and symlinks such as .venv), and the catalogues."""
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS
                       and not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            if name.endswith(SOURCES):
                source = Path(dirpath, name)
                target = into / source.relative_to(ROOT)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    shutil.copytree(ROOT / "locale", into / "locale", ignore=shutil.ignore_patterns("*.mo"))


def _entries(catalogue: Path, *flags: str) -> list[str]:
    """The msgids `msgattrib flags` selects from a catalogue (the header excluded)."""
    out = subprocess.run([_gettext_tool("msgattrib"), *flags, str(catalogue)], capture_output=True, text=True,
                         check=True).stdout
    blocks = [block for block in out.split("\n\n") if "msgid" in block]
    return [block for block in blocks if 'msgid ""\nmsgstr ""\n"' not in block or "msgctxt" in block]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """A copy of the sources whose catalogues `manage.py makemessages` has merged with the code's messages."""
    _gettext_tool("xgettext")
    copy = tmp_path_factory.mktemp("sources")
    _copy_sources(copy)
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    for domain in DOMAINS:
        subprocess.run([sys.executable, "manage.py", "makemessages", "--domain", domain, "-v", "0",
                        *(arg for locale in LOCALES for arg in ("-l", locale))],
                       cwd=copy, env=env, check=True, capture_output=True, text=True)
    return copy


# One worker runs them all (`--dist loadgroup`): the module's makemessages pass (the slow part) is made once, not per
# worker that happens to draw one of them.
@pytest.mark.xdist_group("locale_makemessages")
@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_in_the_code_is_translated(regenerated, locale, domain):
    catalogue = regenerated / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
    assert (ROOT / "locale" / locale / "LC_MESSAGES" / f"{domain}.po").exists(), "catalogue not committed"
    translated = _entries(catalogue, "--translated", "--no-fuzzy", "--no-obsolete")
    assert len(translated) > 10, f"{catalogue.name} has almost nothing in it"
    missing = _entries(catalogue, "--untranslated", "--no-obsolete")
    assert not missing, f"{len(missing)} messages without a {locale} translation (makemessages, then translate):\n" \
                        + "\n\n".join(missing[:5])
    fuzzy = _entries(catalogue, "--only-fuzzy", "--no-obsolete")
    assert not fuzzy, f"{len(fuzzy)} fuzzy {locale} translations to review:\n" + "\n\n".join(fuzzy[:5])
    unused = _entries(catalogue, "--only-obsolete")
    assert not unused, f"{len(unused)} {locale} entries no longer in the code (run makemessages):\n" \
                       + "\n\n".join(unused[:5])


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_its_source(tmp_path, locale, domain):
    """The .mo Django reads is the .po compiled now (placeholders checked): not missing, not stale."""
    source = ROOT / "locale" / locale / "LC_MESSAGES" / f"{domain}.po"
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run([_gettext_tool("msgfmt"), "--check-format", "-o", str(fresh), str(source)], check=True)
    compiled = source.with_suffix(".mo")
    assert compiled.exists(), f"{compiled.relative_to(ROOT)} missing: run `make messages`"
    with fresh.open("rb") as new, compiled.open("rb") as installed:
        expected, actual = gettext.GNUTranslations(new), gettext.GNUTranslations(installed)
    assert len(expected._catalog) > 10
    assert actual._catalog == expected._catalog, f"{compiled.relative_to(ROOT)} is stale: run `make messages`"


def test_texts_follow_the_language_they_are_for_not_the_active_one():
    with translation.override("es"):  # e.g. a Spanish browser's request
        assert t("out_of_scope", "pt_br") == ("Só posso ajudar com jogos, odds e simulações de apostas. Pergunte "
                                              "sobre um time ou uma partida.")
        assert t("thanks", "en") == "You're welcome! Anything else about fixtures or odds?"
        assert refusal_text("slip_cancelled", "pt_br") == "Essa aposta foi cancelada; nada foi feito."
        assert MONTH_NAMES["pt_br"][1] == "fev"
        assert translation.get_language() == "es"
    assert suggestions("confirm", "es") == ["sí, apuesta", "cancelar"]
    assert t("thanks", "fr") == t("thanks", "en")  # a language we do not speak gets English, as before


def test_the_merged_branches_texts_speak_portuguese():
    """The texts the accumulator, slip card and follow-up branches added as per-language dicts are catalogue
    messages now: a Portuguese user gets the Portuguese they had, never the English msgid."""
    from betting.labels import STATE_TEXTS, line_wording
    from chat.engine.handlers.references import QUESTIONS

    with translation.override("en"):
        assert t("combo_leg", "pt_br", label="Vitória do Santos", match="Santos vs Bahia", tournament="Série A",
                 when="sáb 14 jun 18:00 UTC", odds="2.10") == ("• Vitória do Santos — Santos vs Bahia (Série A, "
                                                               "sáb 14 jun 18:00 UTC), odd 2.10")
        assert t("combo_need_legs", "es").startswith("Una combinada necesita dos o más partidos")
        assert t("combo_placed", "pt_br", n=2, legs="A; B", odds="3.00", stake="10.00", cur="BRL", win="30.00",
                 ref="X1").startswith("Pronto: sua múltipla de 2 seleções (A; B) com odd combinada 3.00")
        assert refusal_text("combo_unavailable", "pt_br") == ("A casa de apostas não consegue calcular a odd desta "
                                                              "múltipla agora, então não posso oferecê-la; nada foi "
                                                              "feito.")
        assert refusal_text("line_not_offered", "pt_br", label="mais/menos", offered="2.5", asked="3.5") == (
            "A linha disponível para mais/menos é 2.5, não 3.5, então nada foi preparado. Peça de novo com 2.5 se "
            "quiser essa aposta.")
        assert QUESTIONS["no_team"]["pt_br"] == "Qual time você quer dizer? Me diga o nome."
        assert QUESTIONS["which_side"]["es"] == "¿A qué resultado de {match}: {home}, {away} o el empate?"
        assert line_wording("over_under", "over", None, language="pt_br")[0] == "mais/menos"
        with translation.override("pt-br"):
            assert str(STATE_TEXTS["refused"]) == "Aposta não realizada: ela foi recusada e nada foi cobrado."


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "missing", "login"), [
    ("pt_br", "O jogo nope-404 não foi encontrado.", "Faça login e vincule sua conta ChatBet para fazer isso."),
    ("es", "No se encontró el partido nope-404.", "Inicia sesión y vincula tu cuenta de ChatBet para hacerlo."),
    ("en", "Fixture nope-404 not found.", "Log in and link your ChatBet account to do that."),
])
def test_tool_errors_reach_the_user_in_the_turns_language(language, missing, login):
    """A tool's refusal is shown inside the answer ("Não consegui obter isso: ..."): it speaks the turn's language."""
    with translation.override("en"):  # the socket's language, unrelated to the turn's
        assert run_tool("get_odds", {"fixture_id": "nope-404"}, ctx=make_ctx("odds", language=language)) == {
            "error": "not_found", "message": missing}
        assert run_tool("get_balance", {}, ctx=make_ctx("balance", language=language))["message"] == login


@pytest.mark.django_db
def test_an_unreachable_provider_is_a_sentence_in_the_turns_language(settings):
    """The provider's technical detail stays in the logs; the user reads why, in their language."""
    with frozen_provider(settings, "sports.tests.providers.FlakyProvider") as provider:
        provider.down = True
        result = run_tool("get_odds", {"team": "Real Madrid"}, ctx=make_ctx("odds do Real Madrid", language="pt_br"))
    assert result == {"error": "upstream_unavailable",
                      "message": "Os dados esportivos estão indisponíveis agora; tente novamente em instantes."}


def test_per_language_read_is_the_same_text_without_a_copy():
    """`PerLanguage.read` (hot paths: a date in every fixture line) gives what `.get(language, ["en"])`
    gives, English for a language we do not speak, and the one rendered value instead of a copy."""
    for language in ("en", "es", "pt_br", "fr", None):
        assert MONTH_NAMES.read(language) == MONTH_NAMES.get(language, MONTH_NAMES["en"])
    assert MONTH_NAMES.read("es")[0] != MONTH_NAMES.read("en")[0]
    assert MONTH_NAMES.read("es") is MONTH_NAMES.read("es") and MONTH_NAMES["es"] is not MONTH_NAMES["es"]
