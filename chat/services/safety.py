"""Responsible-gambling policy: runs on every turn before any intent and before the engine is chosen.

Why here and not in an engine: the offline engine and every LLM engine must refuse the same things in
the same words, so the turn service asks this module first and only calls an engine when it returns
None. What it catches (en/es/pt; the cues, negation aware, are chat/services/safety_cues.py and the modules it
reads: safety_ages, safety_requests, safety_text), most protective first:
- a self-harm statement -> a short message with a crisis resource, no bets;
- a stated age under 18 or "I'm a minor" / "soy menor" / "menor de idade" -> no tips or odds, the legal age;
  it holds for the conversation and, signed in, for the account ("actually I'm 19" lifts nothing);
- a bet by or for someone else under 18 ("my son is 14 and wants to put 10 on Liverpool", "hazle la apuesta") -> no
  slip, tips or odds for it, the legal age; for this message only (`classify`: the adult is no minor);
- distress, chasing losses, rent or debt money -> no tips, a supportive note, a help line, self-exclusion;
- a request to stop gambling, to close, block, pause or limit the account, or a question about self-exclusion ->
  offer it (6 months); a first-person request to self-exclude (naming no length or the 6 months), the exact
  phrase, or a yes to the offer performs it for a signed-in user (a guest is told it takes an account, and how);
- "guaranteed win" / "lucro certo" / "una fija" -> no bet is guaranteed, plus the risk note;
- someone else under 18 ("my son is 16") -> the engine answers, with a legal-age note after it.
Help and crisis resources: the catalogue's per language unless settings RG_HELP_LINES / RG_CRISIS_LINES
name the deployment's own.
Each answer's intent is `rg_<kind>`: stored with the message, counted by the turn metrics and the
operators' dashboard (intent breakdown), so these events can be counted.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import pgettext_lazy

from accounts.selectors import has_stated_minor
from accounts.services import profile_get_or_create, profile_update, record_stated_minor
from chat.engine import tools
from chat.engine.base import EngineAnswer, TurnContext, estimate_tokens
from chat.engine.nlu.language import HINT_MARGIN, language_scores
from chat.engine.nlu.stance import find_confirmation
from chat.engine.nlu.text import fold, tokenize
from chat.services import safety_cues as cues
from chat.services import safety_model
from chatbet_project.i18n import PerLanguage
from sports.domain import LANGUAGES

logger = logging.getLogger(__name__)

LEGAL_AGE = 18
SELF_EXCLUSION_DAYS = 183
OFFER = "self_exclusion"  # the memory's `asked` while a self-exclusion offer awaits its yes

HELP = PerLanguage(pgettext_lazy("help line", "BeGambleAware, begambleaware.org (free, confidential, 24/7)"))
CRISIS = PerLanguage(pgettext_lazy(
    "crisis line", "a free, confidential crisis line in your country (findahelpline.com lists them)"))
CONFIRM = PerLanguage(pgettext_lazy("self-exclusion phrase", "Self-exclude me for 6 months"))


HELP_LINES = "RG_HELP_LINES"  # settings: {language: resource}, overriding the catalogue's default per language
CRISIS_LINES = "RG_CRISIS_LINES"


def help_line(language: str) -> str:
    """Where to get help with gambling, in `language`: the deployment's own (settings) or the catalogue's."""
    return (getattr(settings, HELP_LINES, None) or {}).get(language) or HELP[language]


def crisis_line(language: str) -> str:
    """A crisis resource for someone who speaks of ending their life, in `language` (settings, else the catalogue)."""
    return (getattr(settings, CRISIS_LINES, None) or {}).get(language) or CRISIS[language]


CONFIRMED = re.compile(r"^\s*(?:self[- ]?exclude me|autoexcluirme|me autoexcluir) (?:for|por) 6 (?:months|meses)\W*$")

TEXT = {
    "minor": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Sorry, betting is only for adults aged {age} or over, so I can't give you tips or odds to bet with. If "
        "gambling worries you, you can talk to {help}.")),
    "minor_bet": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Sorry, I can't set up, suggest or price a bet for someone under {age}: betting is only for adults aged {age} "
        "or over, and an adult's account can't be used to bet for them. If gambling worries you or your family, you "
        "can talk to {help}.")),
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
        "Self-exclusion blocks betting on an account for 6 months and can't be shortened. I can do it once you're "
        "signed in (a guest chat has no account to block): then say \"{confirm}\". Support meanwhile: {help}.")),
    "crisis": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "I'm really sorry you're feeling this way, and I'm glad you said it. Please talk to someone now: {crisis}. "
        "If you might act on these thoughts, call your local emergency number. You don't have to go through this "
        "alone, and I won't suggest any bets.")),
    "limit": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Good call. You can set a daily stake limit on your account yourself, in your profile's limits: a lower limit "
        "applies at once, a higher one only after {hours} hours. If you'd rather take a full break, self-exclusion "
        "blocks betting for 6 months and can't be shortened: reply exactly \"{confirm}\". Support: {help}.")),
    "limit_guest": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Good call. A daily stake limit is set on an account, in its profile's limits, once you're signed in: a lower "
        "limit applies at once, a higher one only after {hours} hours. For a full break, self-exclusion blocks betting "
        "on an account for 6 months: signed in, say \"{confirm}\". Support meanwhile: {help}.")),
    "caution": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "A note: betting is only for adults aged {age} or over, so please keep your account, bets and tips away "
        "from anyone younger.")),
    "excluded": PerLanguage(pgettext_lazy(
        "responsible gambling",
        "Done. Your account is self-excluded until {until} (6 months, which can't be shortened): no bets can be "
        "placed until then. Support: {help}.")),
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
    """The language of the "I'm under 18" statement in this message; None when it states no such age."""
    return cues.minor_language(cues.Reading.of(message))


@lru_cache(maxsize=1)
def _safe_questions() -> frozenset[str]:
    """The questions the minor refusal suggests (every language): still answered in a minor's conversation.
    Computed once per process: folding every translation cost ~30 % of `classify` on each turn."""
    return frozenset(fold(question).strip(" ?!.") for language in HELP for question in ACTIONS["safe"][language])


_SAYS_BET = re.compile(r"\b(?:place|placed|bet|bets|betting|wager|stake|slip|confirm|confirmed|apuest\w*|apost\w*"
                       r"|aposta\w*|boleto|bilhete|coloca\w*|pon\w*|meter|metele|manda ver|manda bala)\b")


_SAYS_BREAK = re.compile(r"\b(?:exclu\w*|self[- ]?exclu\w*|autoexclu\w*|block\w*|bloque\w*|break|pause|pausa\w*"
                         r"|descanso|stop|parar|dejar|deixar|6 months|6 meses|six months|seis meses)\b")


def _answers_offer(folded: str, context: dict) -> bool:
    """A yes to the self-exclusion the last answer offered (that answer, not an older one: `asked` lives one turn);
    `folded`: the message, `fold`ed."""
    if context.get("asked") != OFFER or context.get("last_intent") not in ("rg_stop", "rg_distress"):
        return False
    # a yes that speaks of a bet ("yes, place it", "sí, apuesta", "sim, pode apostar", "confirm") confirms a slip, not
    # 6 months without betting: the offer is taken only by a yes that could be said of it
    if find_confirmation(folded, tokenize(folded)) is not True or _SAYS_BET.search(folded):
        return False
    # after distress the offer was an aside ("if you'd like a break, say ..."): a yes there may be agreeing with what
    # the answer said of losses ("yes, it's been a rough month"); only a yes that names the break takes it
    return context["last_intent"] == "rg_stop" or bool(_SAYS_BREAK.search(folded))


def account_is_minor(identity) -> bool:
    """A signed-in user who stated an age under 18 in any conversation (`Profile.stated_minor_at`); a guest has
    no account to remember it on, so for a guest it holds in the conversation where it was said."""
    return bool(identity is not None and identity.is_authenticated and has_stated_minor(user_id=identity.user_id))


def classify(message: str, *, context: dict | None = None, identity=None, second_opinion: bool = True) -> str | None:
    """Which policy applies to this message, most protective first; None when none does.

    `context`: the conversation's (memory); once a user stated an age under 18 (`minor`), every
    later turn of the conversation is refused too (no tips, odds or slips; "actually I'm 19" changes
    nothing), except the suggested questions the refusal offers, which say nothing about betting. A
    signed-in `identity` who stated it in any conversation is refused in every one (Profile.stated_minor_at).
    "minor_bet": a bet by or for someone else under 18, asked in this message ("my son is 14 and wants to put 10 on
    Liverpool, can you set it up?", "meu filho de 16 anos quer apostar, faz a aposta pra ele"): refused, and every slip
    waiting in the conversation cancelled, but not sticky as `minor` is: the asker is an adult, whose own bets later
    (and the account) are not a minor's, and a stated-minor mark would refuse their real slips for good.
    "caution": someone else under 18 is mentioned ("my son is 16"); the engine answers, with a note.
    Where no cue said anything, the learned second opinion (chat/services/safety_model.py) may name a kind it is
    confident of (`second_opinion=False`: the cues alone, as the model's own corpus and benchmark read them)."""
    context = context or {}
    reading = cues.Reading.of(message)
    if cues.signals(reading, "crisis"):
        return "crisis"
    if cues.minor_language(reading) is not None:
        return "minor"
    folded = fold(message)
    if folded.strip(" ?!.") not in _safe_questions() and (context.get("minor") or account_is_minor(identity)):
        return "minor"
    if cues.bets_for_a_minor(reading) or (context.get("minor_relative") and cues.bet_for_someone(reading)) \
            or (context.get("pending_bet") and cues.minor_named(reading) and cues.for_someone(reading)):
        # the age said in this message, or earlier in the conversation ("ok, put 10 on Arsenal for him" after the
        # refusal), or of whom the slip waiting is for ("it's for my son, he's 16")
        return "minor_bet"
    if CONFIRMED.match(folded) or _answers_offer(folded, context) or cues.asks_self_exclusion(reading):
        return "self_exclude"
    for kind in ("distress", "stop", "guaranteed"):
        if cues.signals(reading, kind):
            return kind
    if cues.minor_mentioned(reading):
        return "caution"
    return safety_model.second_opinion(reading.text) if second_opinion else None


def _phrase_language(message: str) -> str | None:
    """The language whose self-exclusion phrase this is ("Me autoexcluir por 6 meses" is Portuguese, whatever a
    detector makes of four words)."""
    folded = fold(message).strip(" .!?")
    return next((language for language in HELP if fold(CONFIRM[language]) == folded), None)


def _spoken_language(message: str, hint: str | None) -> str:
    """`detect_language` with the policy's own words as more evidence (`safety_text.SPOKEN`): "n aguento mais viver"
    is Portuguese even on an English page; the hint (page, conversation) still wins unless clearly beaten."""
    scores = language_scores(message)
    for language, evidence in cues.spoken_evidence(cues.Reading.of(message)).items():
        scores[language] += evidence
    hint = hint if hint in LANGUAGES else None
    best = max(LANGUAGES, key=lambda language: (scores[language], language == hint))
    if hint and scores[best] - scores[hint] < HINT_MARGIN:
        return hint
    return best if scores[best] > 0 else (hint or "en")


def _language(ctx: TurnContext) -> str:
    language = (minor_language(ctx.message) or _phrase_language(ctx.message)
                or _spoken_language(ctx.message, ctx.language))
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


def policy_answer(*, ctx: TurnContext, kind: str | None) -> EngineAnswer | None:
    """The policy's answer for this turn, or None to let the engine answer. `kind`: what `classify` said of this
    message when the turn was prepared (same message, memory and identity: not classified, nor queried, twice)."""
    context = dict(ctx.memory.context) if ctx.memory is not None else {}
    if kind is None or kind == "caution":
        return None
    context.pop("asked", None)  # an offer is answered now or never
    language = _language(ctx)
    signed_in = ctx.identity is not None and ctx.identity.is_authenticated
    values = {"age": LEGAL_AGE, "help": help_line(language), "crisis": crisis_line(language),
              "confirm": CONFIRM[language], "until": "", "hours": settings.DAILY_LIMIT_RAISE_COOLING_OFF_HOURS}
    key, actions = kind, ACTIONS["safe"][language]
    if kind in ("stop", "self_exclude") and not signed_in:
        key = "stop_guest"
    elif kind == "self_exclude":
        key, values["until"] = _self_exclude(ctx, language)
    elif kind in ("stop", "distress") and signed_in:
        actions = [CONFIRM[language], ACTIONS["safe"][language][0]]
    elif kind == "guaranteed":
        actions = ACTIONS["guaranteed"][language]
    reading = cues.Reading.of(ctx.message) if kind in ("stop", "distress") else None
    if kind == "stop" and cues.asks_limit(reading):  # the profile's daily limit first
        key = "limit" if signed_in else "limit_guest"
    if reading is not None and key not in ("limit", "limit_guest") and cues.signals(reading, kind):
        # the next bare "yes" takes the offer (performs it, or says how for a guest): only where a cue heard it. On
        # the model's word alone, or after the limit answer (whose yes means the limit), only the exact phrase does.
        context["asked"] = OFFER
    text = TEXT[key][language].format(**values)
    if kind == "minor_bet":
        context["minor_relative"] = True  # a bet for him or her later in the conversation is refused too
    if kind == "minor":
        context["minor"] = True  # for the rest of the conversation (memory and the stored context carry it)
        if signed_in:  # and for the account, in any conversation: betting refuses their real slips
            record_stated_minor(user_id=ctx.identity.user_id, now=ctx.now)
    pending = context.pop("pending_bet", None)
    context.pop("real_bet", None)  # nor the bet it asked about: a "yes, place it" next prepares nothing again
    # Nothing staked survives a policy turn ("guaranteed" too): every slip waiting in the conversation is cancelled
    tools.cancel_waiting_slips(ctx=ctx, pending=pending, reason="safety")
    logger.info("responsible gambling policy", extra={"kind": kind, "session_id": str(ctx.session_id)})
    return EngineAnswer(text=text, intent=f"rg_{kind}", confidence=1.0, entities={}, suggested_actions=actions,
                        tool_calls=[], token_count=estimate_tokens(text), engine="policy",
                        metadata={"context": context, "language": language})


def caution_note(language: str) -> str:
    """The legal-age note after an answer to a message that mentions someone else under 18 ("my son is 16")."""
    return TEXT["caution"][language if language in HELP else "en"].format(age=LEGAL_AGE)


def with_caution(answer: EngineAnswer, *, kind: str | None, language: str) -> EngineAnswer:
    """The engine's answer with the caution note after it when the message called for one (`kind` "caution")."""
    if kind != "caution" or answer.intent.startswith("rg_"):
        return answer
    note = caution_note(language)
    return dataclasses.replace(answer, text=f"{answer.text}\n\n{note}",
                               token_count=answer.token_count + estimate_tokens(note))
