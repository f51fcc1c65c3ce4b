"""Read-only numbers for the operators' quality dashboard, computed by the database.

Every function aggregates in SQL over an index (`chat_msg_role_created`, `chat_msg_intent_created`,
`chat_msg_conv_created`, the feedback foreign key) and returns a handful of rows, so the dashboard
costs the same whether the window holds a hundred or a million messages: no per-row Python, no
loading of the rows themselves. A *turn* is one assistant message (the answer to one user message).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet
from django.db.models.fields.json import KT, KeyTextTransform
from django.db.models.functions import TruncDay, TruncHour
from django.utils import timezone

from betting.models import BetSlip
from betting.selectors import count_by_state
from chat.experiments import EXPERIMENTS
from chat.models import Feedback, Message
from sports.cache import stats

PERIODS: dict[str, timedelta] = {
    "24h": timedelta(hours=24),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}
DEFAULT_PERIOD = "7d"
FALLBACK_PREFIX = "fallback"
ERROR_ENGINE = "error"
OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class Window:
    key: str
    start: datetime
    end: datetime

    @property
    def hourly(self) -> bool:
        """Per-hour buckets up to a week; longer windows are shown per day (720 bars read as noise)."""
        return self.end - self.start <= timedelta(days=7)


def window_for(*, period: str, now: datetime | None = None) -> Window:
    """The window ending now for one of PERIODS (callers validate `period` first)."""
    end = now or timezone.now()
    return Window(key=period, start=end - PERIODS[period], end=end)


def _answers(window: Window) -> QuerySet[Message]:
    return Message.objects.filter(role=Message.Role.ASSISTANT, created_at__gte=window.start,
                                  created_at__lt=window.end)


# --- volume and mix -------------------------------------------------------------------------------


def turns_over_time(*, window: Window) -> list[tuple[datetime, int]]:
    """Answered turns per hour (per day for windows over a week), oldest first; empty buckets filled with 0."""
    trunc = TruncHour if window.hourly else TruncDay
    step = timedelta(hours=1) if window.hourly else timedelta(days=1)
    rows = (_answers(window).annotate(bucket=trunc("created_at")).values("bucket")
            .annotate(n=Count("id")).order_by("bucket"))
    counts = {row["bucket"]: row["n"] for row in rows}
    first = window.start.replace(minute=0, second=0, microsecond=0)
    if not window.hourly:
        first = first.replace(hour=0)
    series, bucket = [], first
    while bucket < window.end:
        series.append((bucket, counts.get(bucket, 0)))
        bucket += step
    return series


def turn_mix(*, window: Window) -> list[dict]:
    """Turns per (intent, engine): one grouped scan that both the intent chart and the rates read."""
    return list(_answers(window).values("intent", "engine").annotate(n=Count("id")).order_by())


def intent_distribution(*, window: Window, limit: int = 12, mix: list[dict] | None = None) -> list[tuple[str, int]]:
    """Turns per detected intent, most frequent first; the tail past `limit` is summed as "other"."""
    counts: dict[str, int] = {}
    for row in turn_mix(window=window) if mix is None else mix:
        counts[row["intent"] or "unknown"] = counts.get(row["intent"] or "unknown", 0) + row["n"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    tail = sum(n for _, n in ranked[limit:])
    return ranked[:limit] + ([("other", tail)] if tail else [])


RESPONSIBLE_GAMBLING_PREFIX = "rg_"  # intents of chat.services.safety's answers


def responsible_gambling_events(*, window: Window, mix: list[dict] | None = None) -> list[tuple[str, int]]:
    """Policy turns per kind (minor, distress, guaranteed, stop, self_exclude), most frequent first."""
    rows = turn_mix(window=window) if mix is None else mix
    counts: dict[str, int] = {}
    for row in rows:
        intent = row["intent"] or ""
        if intent.startswith(RESPONSIBLE_GAMBLING_PREFIX):
            kind = intent[len(RESPONSIBLE_GAMBLING_PREFIX):]
            counts[kind] = counts.get(kind, 0) + row["n"]
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def quality_rates(*, window: Window, mix: list[dict] | None = None) -> dict:
    """Turns, and the share answered by a fallback engine, by the error apology, or as out of scope."""
    rows = turn_mix(window=window) if mix is None else mix
    totals = {
        "turns": sum(r["n"] for r in rows),
        "fallback": sum(r["n"] for r in rows if (r["engine"] or "").startswith(FALLBACK_PREFIX)),
        "errors": sum(r["n"] for r in rows if r["engine"] == ERROR_ENGINE),
        "out_of_scope": sum(r["n"] for r in rows if r["intent"] == OUT_OF_SCOPE),
    }
    turns = totals["turns"]
    return {**totals, **{f"{key}_rate": (totals[key] / turns if turns else 0.0)
                         for key in ("fallback", "errors", "out_of_scope")}}


def guarded_answers(*, window: Window) -> dict:
    """Turns where the answer guard held a model reply back (numbers no tool gave, or the prompt's rules):
    corrected by the model's one retry, or answered by the offline engine."""
    rows = (_answers(window).filter(context__answer_guard__outcome__isnull=False)
            .values(outcome=KT("context__answer_guard__outcome")).annotate(n=Count("id")).order_by())
    counts = {row["outcome"]: row["n"] for row in rows}
    return {"retried": counts.get("retried", 0), "fallback": counts.get("fallback", 0),
            "total": sum(counts.values())}


def feedback_summary(*, window: Window) -> dict:
    """Thumbs up/down given on the window's answers, and the share that are up."""
    totals = _feedback_in(window).aggregate(up=Count("id", filter=Q(rating=Feedback.Rating.UP)),
                down=Count("id", filter=Q(rating=Feedback.Rating.DOWN)))
    rated = totals["up"] + totals["down"]
    return {**totals, "rated": rated, "up_ratio": totals["up"] / rated if rated else None}


# --- latency percentiles --------------------------------------------------------------------------


class PercentileCont(Aggregate):
    """PostgreSQL's `percentile_cont(p) WITHIN GROUP (ORDER BY x)` (p is a constant of ours, not input)."""

    function = "percentile_cont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, percentile: float, **extra):
        if not 0.0 <= float(percentile) <= 1.0:
            raise ValueError("percentile: must be between 0 and 1")
        super().__init__(expression, percentile=repr(float(percentile)), **extra)


def _percentile_by_offset(values: QuerySet, *, count: int, percentile: float) -> float | None:
    """Same result as percentile_cont (linear interpolation) from at most two rows fetched with
    ORDER BY + OFFSET: the database sorts (or walks an index), Python never sees the other rows."""
    if count == 0:
        return None
    position = percentile * (count - 1)
    low, high = math.floor(position), math.ceil(position)
    pair = list(values[low:high + 1])
    if not pair:
        return None
    lower = float(pair[0])
    upper = float(pair[-1])
    return lower + (upper - lower) * (position - low)


def answer_latency(*, window: Window, percentiles: tuple[float, ...] = (0.5, 0.95)) -> dict[str, float | None]:
    """Answer latency percentiles in ms (`p50`, `p95`), over answers that recorded one."""
    timed = _answers(window).filter(response_time_ms__isnull=False)
    names = {p: f"p{round(p * 100):g}" for p in percentiles}
    if connection.vendor == "postgresql":
        return timed.aggregate(**{names[p]: PercentileCont("response_time_ms", percentile=p) for p in percentiles})
    count = timed.count()
    ordered = timed.order_by("response_time_ms").values_list("response_time_ms", flat=True)
    return {names[p]: _percentile_by_offset(ordered, count=count, percentile=p) for p in percentiles}


# --- cache ----------------------------------------------------------------------------------------


def cache_hit_rates() -> dict[str, dict]:
    """Sports cache reads per data kind since the counters were last reset (they live in the shared cache
    and are not kept per period; per-period rates come from Prometheus `chatbet_cache_reads_total`)."""
    try:
        return stats()
    except Exception:  # the dashboard must render even when the cache is down
        return {}


# --- what to look at ------------------------------------------------------------------------------


def lowest_rated_answers(*, window: Window, limit: int = 20) -> list[Message]:
    """Answers with at least one thumbs down, worst score (ups - downs) first, with the question they
    answered. Grouped over the feedback rows (a few % of answers), then only `limit` messages are read."""
    worst = list(
        _feedback_in(window)
        .values("message_id")
        .annotate(ups=Count("id", filter=Q(rating=Feedback.Rating.UP)),
                  downs=Count("id", filter=Q(rating=Feedback.Rating.DOWN)))
        .filter(downs__gt=0)
        .annotate(score=F("ups") - F("downs"))
        .order_by("score", "-downs", "-message__created_at")[:limit]
    )
    messages = Message.objects.select_related("reply_to").only(
        "id", "conversation_id", "content", "intent", "engine", "created_at", "reply_to__content",
    ).in_bulk([row["message_id"] for row in worst])
    ranked = []
    for row in worst:
        message = messages[row["message_id"]]
        message.ups, message.downs = row["ups"], row["downs"]
        ranked.append(message)
    return ranked


def _feedback_in(window: Window) -> QuerySet[Feedback]:
    return Feedback.objects.filter(message__role=Message.Role.ASSISTANT, message__created_at__gte=window.start,
                                   message__created_at__lt=window.end)


def out_of_scope_questions(*, window: Window, limit: int = 20) -> QuerySet[Message]:
    """The newest user messages the assistant classified as out of scope: what users want and cannot get yet."""
    return (
        Message.objects.filter(role=Message.Role.USER, intent=OUT_OF_SCOPE, created_at__gte=window.start,
                               created_at__lt=window.end)
        .order_by("-created_at")
        .only("id", "conversation_id", "content", "created_at")[:limit]
    )


# --- experiments ----------------------------------------------------------------------------------


def experiment_comparison(*, window: Window) -> dict[str, list[dict]]:
    """Per experiment and variant: answers, follow-up rate and thumbs up/down on those answers.

    A follow-up is the user writing again in the same conversation after an answer. Variants are
    fixed per identity, so a conversation's answers share one variant and all but its last answer
    were followed up: follow-ups = answers - conversations. One grouped scan over the answers for all
    experiments at once (no per-answer subquery), one over the feedback rows. Answers recorded
    before an experiment existed group under no variant and are left out."""
    names = list(EXPERIMENTS)
    by_answers = (
        _answers(window)
        # the JSON values as text: plain variant names on every backend; all experiments in one scan
        .values(**{name: KT(f"experiments__{name}") for name in names})
        .annotate(answers=Count("id"), conversations=Count("conversation_id", distinct=True))
        .order_by()
    )
    by_votes = (
        _feedback_in(window)
        .values(**{name: KeyTextTransform(name, "message__experiments") for name in names})  # KT() misreads joins
        .annotate(up=Count("id", filter=Q(rating=Feedback.Rating.UP)),
                  down=Count("id", filter=Q(rating=Feedback.Rating.DOWN)))
        .order_by()
    )
    totals = {(name, variant): {"answers": 0, "conversations": 0, "up": 0, "down": 0}
              for name, variants in EXPERIMENTS.items() for variant in variants}
    for row in [*by_answers, *by_votes]:  # a handful of rows: one per combination of variants
        for name in names:
            bucket = totals.get((name, row[name]))
            if bucket is not None:
                for key in ("answers", "conversations", "up", "down"):
                    bucket[key] += row.get(key, 0)
    result: dict[str, list[dict]] = {}
    for name, variants in EXPERIMENTS.items():
        result[name] = []
        for variant in variants:
            t = totals[(name, variant)]
            rated = t["up"] + t["down"]
            result[name].append({
                "variant": variant, "answers": t["answers"], "up": t["up"], "down": t["down"],
                "up_ratio": t["up"] / rated if rated else None,
                "followup_rate": (t["answers"] - t["conversations"]) / t["answers"] if t["answers"] else None,
            })
    return result


def slips_by_state(*, window: Window) -> list[tuple[str, int]]:
    """The real-money slips proposed in the window, by where they stand now, in the state machine's order
    (every state listed, zeros included: a jump in `refused` or `outcome_unknown` is what operators look for)."""
    counts = count_by_state(since=window.start, until=window.end)
    return [(state, counts.get(state, 0)) for state in BetSlip.State.values]


__all__ = [
    "PERIODS", "DEFAULT_PERIOD", "Window", "window_for", "turns_over_time", "turn_mix", "intent_distribution",
    "quality_rates", "guarded_answers", "responsible_gambling_events",
    "feedback_summary", "answer_latency", "cache_hit_rates", "lowest_rated_answers", "out_of_scope_questions",
    "experiment_comparison", "slips_by_state",
]
