"""Responsible-gambling policy: runs on every turn before any intent and before the engine is chosen.

Why here and not in an engine: the offline engine and every LLM engine must refuse the same things in
the same words, so the turn service asks this module first and only calls an engine when it returns
None. What it catches (en/es/pt, matched on folded text):
- a stated age under 18 or "I'm a minor" / "soy menor" / "menor de idade" -> no tips or odds, the legal age;
- distress, chasing losses, rent or debt money -> no tips, a supportive note, a help line, self-exclusion;
- a request to stop gambling -> offer self-exclusion; the exact phrase performs it for a signed-in user;
- "guaranteed win" / "lucro certo" -> no bet is guaranteed, plus the risk note.
Each answer's intent is `rg_<kind>`: stored with the message, counted by the turn metrics and the
operators' dashboard (intent breakdown), so these events can be counted.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils.translation import pgettext_lazy

from accounts.selectors import has_stated_minor
from accounts.services import profile_get_or_create, profile_update, record_stated_minor
from chat.engine import tools
from chat.engine.base import EngineAnswer, TurnContext, estimate_tokens
from chat.engine.nlu.language import detect_language
from chat.engine.nlu.text import fold
from chatbet_project.i18n import PerLanguage

logger = logging.getLogger(__name__)

LEGAL_AGE = 18
SELF_EXCLUSION_DAYS = 183

HELP = PerLanguage(pgettext_lazy("help line", "BeGambleAware, begambleaware.org (free, confidential, 24/7)"))
CONFIRM = PerLanguage(pgettext_lazy("self-exclusion phrase", "Self-exclude me for 6 months"))


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


_AGE = r"(?:1[0-7]|[5-9])"
# Per language, so the refusal is in the language the user stated their age in: a detector scoring
# "sou menor de idade" (no Portuguese-only function word) would answer it in Spanish.
MINOR_BY_LANGUAGE = {
    "en": _rx(
        rf"(?:i'?m|i am|im)\s+(?:only\s+|just\s+)?{_AGE}\s*(?:years?\s*old|yrs?\s*old|y/?o|yo)",
        rf"(?:i'?m|i am|im)\s+(?:only\s+|just\s+)?{_AGE}(?=\s*(?:$|[,.!?;]|and\b|but\b|so\b))",
        # "im 17 give me the odds": an age straight before a request (not "I'm 10 up", "I'm 5 goals behind")
        rf"(?:i'?m|i am|im)\s+(?:only\s+|just\s+)?{_AGE}\s+(?=(?:give|show|tell|what|which|who|how|can|could|"
        r"should|want|need|odds|any|pls|please)\b)",
        r"(?:i'?m|i am|im)\s+(?:a\s+)?minor", r"under\s?age", r"under 18", r"not (?:yet )?18",
        r"(?:my|using my) (?:cousin|brother|sister|dad|mom|mum|father|mother|uncle|friend)'?s account",
    ),
    "es": _rx(
        rf"tengo\s+(?:solo\s+)?{_AGE}\s*(?:anos|anitos)", r"soy menor", r"menor de edad", r"no tengo 18",
        r"cuenta de mi (?:primo|prima|hermano|hermana|papa|mama|tio|tia|amigo|amiga)",
    ),
    "pt_br": _rx(
        rf"tenho\s+(?:so\s+)?{_AGE}\s*anos", r"sou menor", r"menor de idade", r"nao tenho 18",
        r"conta do meu (?:primo|irmao|pai|tio|amigo)", r"conta da minha (?:prima|irma|mae|tia|amiga)",
    ),
}
DISTRESS = _rx(
    r"chas(?:e|ing) (?:my )?loss(?:es)?", r"win (?:it|my money|everything) back", r"recover (?:my )?loss(?:es)?",
    r"lost (?:everything|all my|my savings|my salary|my rent)", r"rent money", r"money for (?:the |my )?rent",
    r"pay (?:the|my) rent", r"(?:in|my|pay off (?:my )?) ?debts?", r"borrowed money",
    r"can'?t stop (?:gambling|betting)", r"addicted", r"desperate",
    r"recuperar (?:lo que perdi|lo perdido|mis perdidas|la plata|el dinero)", r"perdi todo",
    r"(?:plata|dinero) del (?:arriendo|alquiler|mercado)", r"pagar (?:el )?(?:arriendo|alquiler|la renta)",
    r"deudas?", r"prestamo", r"desesperad[oa]", r"no puedo parar de apostar", r"adict[oa]",
    r"recuperar (?:o que perdi|as? minhas? perdas?|o dinheiro)", r"perdi tudo", r"dinheiro do aluguel",
    r"pagar o aluguel", r"dividas?", r"emprestimo", r"nao consigo parar de apostar", r"viciad[oa]",
)
GUARANTEED = _rx(
    r"guarantee(?:d)? (?:win|winner|bet|money|profit|return)s?", r"sure (?:win|bet|thing|profit)", r"can'?t lose",
    r"risk[- ]?free", r"100 ?% (?:sure|win|certain)", r"fixed match(?:es)?",
    r"(?:ganancia|ganar|dinero|plata) segur[oa]", r"garantizad[oa]", r"sin riesgo", r"100 ?% segur[oa]",
    r"lucro certo", r"ganho certo", r"garantid[oa]", r"aposta certa", r"sem risco", r"dinheiro certo",
    r"100 ?% cert[oa]",
)
STOP = _rx(
    r"stop (?:gambling|betting)", r"quit (?:gambling|betting)", r"self[- ]?exclu\w*", r"exclude me",
    r"block (?:me|my account) from betting", r"dejar de apostar", r"autoexclu\w*", r"excluirme",
    r"no quiero apostar mas", r"parar de apostar", r"me excluir", r"nao quero mais apostar",
)
CONFIRMED = re.compile(r"^\s*(?:self[- ]?exclude me|autoexcluirme|me autoexcluir) (?:for|por) 6 (?:months|meses)\W*$")

TEXT = {
    "minor": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Sorry, betting is only for adults aged {age} or over, so I can't give you tips or odds to bet with. If "
        "gambling worries you, you can talk to {help}.")),
    "distress": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "That sounds hard, and I'm sorry. I won't suggest bets with money you need for rent or debts, or to win "
        "losses back: no bet is guaranteed, and chasing losses usually makes them bigger. Free, confidential help: "
        "{help}. If you'd like a break, I can self-exclude your account: say \"{confirm}\".")),
    "guaranteed": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "No bet is guaranteed: any selection can lose, and odds only say how likely the bookmaker thinks an "
        "outcome is. Only stake what you can afford to lose.")),
    "stop": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Good call, and I can help. Self-exclusion blocks betting on your account for 6 months and can't be "
        "shortened. To do it now, reply exactly \"{confirm}\". Support: {help}.")),
    "stop_guest": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "I can self-exclude an account once you're signed in (a guest chat has no account to block). Support "
        "meanwhile: {help}.")),
    "excluded": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Done. Your account is self-excluded until {until}: no bets can be placed until then. Support: {help}.")),
}
ACTIONS = {
    "safe": PerLanguage([
        pgettext_lazy("responsible gambling suggestion", "What can you do?"),
        pgettext_lazy("responsible gambling suggestion", "Which leagues do you cover?"),
    ]),
    "guaranteed": PerLanguage([
        pgettext_lazy("responsible gambling suggestion", "How do odds work?"),
        pgettext_lazy("responsible gambling suggestion", "Recommend a low-risk bet"),
    ]),
}


def minor_language(message: str) -> str | None:
    """The language of the "I'm under 18" phrase in this message; None when it states no such age."""
    folded = fold(message)
    return next((language for language, rx in MINOR_BY_LANGUAGE.items() if rx.search(folded)), None)


def _safe_questions() -> frozenset[str]:
    """The questions the minor refusal suggests (every language): still answered in a minor's conversation."""
    return frozenset(fold(question) for language in HELP for question in ACTIONS["safe"][language])


def account_is_minor(identity) -> bool:
    """A signed-in user who stated an age under 18 in any conversation (`Profile.stated_minor_at`); a guest has
    no account to remember it on, so for a guest it holds in the conversation where it was said."""
    return bool(identity is not None and identity.is_authenticated and has_stated_minor(user_id=identity.user_id))


def classify(message: str, *, context: dict | None = None, identity=None) -> str | None:
    """Which policy applies to this message, most protective first; None when none does.

    `context`: the conversation's (memory); once a user stated an age under 18 (`minor` in the conversation, or
    on the signed-in `identity`'s profile, whatever the conversation), every later turn is refused too (no tips,
    odds or slips), except the suggested questions the refusal offers, which say nothing about betting."""
    folded = fold(message)
    if minor_language(message) is not None:
        return "minor"
    if folded.strip(" ?!.") not in {q.strip(" ?!.") for q in _safe_questions()} \
            and ((context or {}).get("minor") or account_is_minor(identity)):
        return "minor"
    if CONFIRMED.match(folded):
        return "self_exclude"
    if DISTRESS.search(folded):
        return "distress"
    if STOP.search(folded):
        return "stop"
    if GUARANTEED.search(folded):
        return "guaranteed"
    return None


def _language(ctx: TurnContext) -> str:
    language = minor_language(ctx.message) or detect_language(ctx.message, hint=ctx.language)
    return language if language in HELP else (ctx.language if ctx.language in HELP else "en")


def _self_exclude(ctx: TurnContext, language: str) -> tuple[str, str]:
    """Perform the exclusion (never shortens an existing one); (text key, until as shown)."""
    user = get_user_model().objects.get(pk=ctx.identity.user_id)
    profile = profile_get_or_create(user=user)
    until = ctx.now + timedelta(days=SELF_EXCLUSION_DAYS)
    if profile.is_self_excluded and profile.self_excluded_until >= until:
        until = profile.self_excluded_until
    else:
        profile_update(user=user, data={"self_excluded_until": until})
    logger.info("self-exclusion from chat", extra={"user_id": user.pk, "until": until.isoformat()})
    return "excluded", until.date().isoformat()


def policy_answer(*, ctx: TurnContext) -> EngineAnswer | None:
    """The policy's answer for this turn, or None to let the engine answer."""
    context = dict(ctx.memory.context) if ctx.memory is not None else {}
    kind = classify(ctx.message, context=context, identity=ctx.identity)
    if kind is None:
        return None
    language = _language(ctx)
    signed_in = ctx.identity is not None and ctx.identity.is_authenticated
    values = {"age": LEGAL_AGE, "help": HELP[language], "confirm": CONFIRM[language], "until": ""}
    key, actions = kind, ACTIONS["safe"][language]
    if kind in ("stop", "self_exclude") and not signed_in:
        key = "stop_guest"
    elif kind == "self_exclude":
        key, values["until"] = _self_exclude(ctx, language)
    elif kind in ("stop", "distress") and signed_in:
        actions = [CONFIRM[language], ACTIONS["safe"][language][0]]
    elif kind == "guaranteed":
        actions = ACTIONS["guaranteed"][language]
    text = TEXT[key][language].format(**values)
    if kind == "minor":
        context["minor"] = True  # for the rest of the conversation (memory and the stored context carry it)
        if signed_in:  # and for the account, in any conversation: betting refuses their real slips
            record_stated_minor(user_id=ctx.identity.user_id, now=ctx.now)
    pending = context.pop("pending_bet", None)  # nothing staked survives a safety turn...
    if pending:  # ...not even as a slip card's Confirm button: the slip itself is cancelled (the card shows it)
        tools.cancel_pending_bet(ctx=ctx, pending=pending)
    logger.info("responsible gambling policy", extra={"kind": kind, "session_id": str(ctx.session_id)})
    return EngineAnswer(text=text, intent=f"rg_{kind}", confidence=1.0, entities={}, suggested_actions=actions,
                        tool_calls=[], token_count=estimate_tokens(text), engine="policy",
                        metadata={"context": context, "language": language})
