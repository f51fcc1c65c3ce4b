"""The operators' quality dashboard: a staff-only admin page with server-rendered SVG charts.

Numbers come from `insights/selectors.py` (SQL aggregation); this module only validates the
period, draws the charts as inline SVG (no JavaScript, nothing loaded from elsewhere) and renders
`admin/insights/dashboard.html`. Mounted at `/admin/dashboard/` behind `admin.site.admin_view`.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache

from . import selectors

PERIOD_LABELS = {"24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days"}
BLUE, GREEN, RED, GREY, AMBER = "#417690", "#2e7d32", "#c62828", "#9e9e9e", "#e0a100"


# Reading what users wrote: the conversation admin's permission (chat's ConversationAdmin is read-only with it).
CONVERSATION_PERMISSION = "chat.view_conversation"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(choices=[(key, PERIOD_LABELS[key]) for key in selectors.PERIODS], required=False)


# --- SVG -------------------------------------------------------------------------------------------


def _svg(width: int, height: int, body: list[str], *, title: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every text in `body` went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def column_chart(series: list[tuple[datetime, int]], *, title: str, hourly: bool, width: int = 900,
                 height: int = 220) -> SafeString:
    """Vertical bars over time, the maximum marked on the axis and a few time labels under the bars."""
    left, bottom, top = 40, 24, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((value for _, value in series), default=0) or 1
    step = plot_w / max(len(series), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="{GREY}"/>',
        f'<text x="{left - 4}" y="{top + 8}" font-size="10" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="10" text-anchor="end">0</text>',
    ]
    label_every = max(1, len(series) // 8)
    for i, (moment, value) in enumerate(series):
        bar_h = plot_h * value / peak
        x = left + i * step
        label = moment.strftime("%d %b %H:00" if hourly else "%d %b")
        body.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{top + plot_h - bar_h:.1f}" width="{max(step * 0.8, 1):.1f}" '
            f'height="{bar_h:.1f}" fill="{BLUE}"><title>{escape(label)}: {value}</title></rect>'
        )
        if i % label_every == 0 and x < width - 70:  # no label clipped at the right edge
            body.append(f'<text x="{x:.1f}" y="{height - 6}" font-size="10">{escape(label)}</text>')
    return _svg(width, height, body, title=title)


def bar_list_chart(items: list[tuple[str, float]], *, title: str, width: int = 600, fmt: str = "{:g}",
                   color: str = BLUE, maximum: float | None = None) -> SafeString:
    """Horizontal bars with their label and value: distributions, percentiles, rates."""
    row, label_w, value_w = 22, 170, 70
    height = max(row * len(items), row) + 4
    if not items:
        return _svg(width, height, ['<text x="0" y="15" font-size="12">no data yet</text>'], title=title)
    peak = maximum or max((value for _, value in items if value is not None), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = i * row + 2
        shown = "—" if value is None else fmt.format(value)
        bar_w = 0 if value is None else (width - label_w - value_w) * min(value / peak, 1.0)
        body += [
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w:.1f}" height="{row - 6}" fill="{color}"/>',
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 15}" font-size="12">{escape(shown)}</text>',
        ]
    return _svg(width, height, body, title=title)


def split_bar(parts: list[tuple[str, int, str]], *, title: str, width: int = 600) -> SafeString:
    """One bar split into coloured parts (thumbs up vs down); grey when there is nothing to split."""
    total = sum(value for _, value, _ in parts)
    body, x = [], 0.0
    if not total:
        body.append(f'<rect x="0" y="0" width="{width}" height="24" fill="{GREY}"/>')
    for label, value, color in parts:
        if not total or not value:
            continue
        part_w = width * value / total
        body.append(f'<rect x="{x:.1f}" y="0" width="{part_w:.1f}" height="24" fill="{color}">'
                    f'<title>{escape(label)}: {value}</title></rect>')
        body.append(f'<text x="{x + 6:.1f}" y="16" font-size="12" fill="#fff">{escape(label)} {value}</text>')
        x += part_w
    return _svg(width, 24, body, title=title)


# --- the view --------------------------------------------------------------------------------------


def dashboard_context(*, period: str, with_messages: bool = True) -> dict:
    """Every number and chart of the page for one period (also what the tests read). `with_messages`: the users'
    own words (out-of-scope questions, the lowest-rated answers) too, for staff who may read conversations."""
    window = selectors.window_for(period=period)
    turns = selectors.turns_over_time(window=window)
    mix = selectors.turn_mix(window=window)
    intents = selectors.intent_distribution(window=window, mix=mix)
    rates = selectors.quality_rates(window=window, mix=mix)
    guarded = selectors.guarded_answers(window=window)
    safety_events = selectors.responsible_gambling_events(window=window, mix=mix)
    feedback = selectors.feedback_summary(window=window)
    latency = selectors.answer_latency(window=window)
    cache = selectors.cache_hit_rates()
    experiments = selectors.experiment_comparison(window=window)
    slips = selectors.slips_by_state(window=window)
    cache_rows = [(kind, row["hit_rate"] * 100) for kind, row in cache.items()
                  if kind != "total" and row.get("hits", 0) + row.get("misses", 0)]
    return {
        "period": period,
        "period_label": PERIOD_LABELS[period],
        "window": window,
        "rates": rates,
        "guarded": guarded,
        "feedback": feedback,
        "latency": latency,
        "cache": cache,
        "intents": intents,
        "safety_events": safety_events,
        "experiments": experiments,
        "slips": slips,
        "slips_total": sum(n for _, n in slips),
        "messages_shown": with_messages,
        "lowest_rated": list(selectors.lowest_rated_answers(window=window)) if with_messages else [],
        "out_of_scope": list(selectors.out_of_scope_questions(window=window)) if with_messages else [],
        "charts": {
            "turns": column_chart(turns, title=f"Turns per {'hour' if window.hourly else 'day'}",
                                  hourly=window.hourly),
            "intents": bar_list_chart(intents, title="Intent distribution"),
            "safety": bar_list_chart(safety_events, title="Responsible-gambling events"),
            "rates": bar_list_chart(
                [("fallback engine", rates["fallback_rate"] * 100), ("error apology", rates["errors_rate"] * 100),
                 ("out of scope", rates["out_of_scope_rate"] * 100)],
                title="Fallback, error and out-of-scope rates", fmt="{:.1f}%", color=AMBER,
                maximum=max(10.0, 125 * max(rates["fallback_rate"], rates["errors_rate"], rates["out_of_scope_rate"]))),
            "feedback": split_bar([("up", feedback["up"], GREEN), ("down", feedback["down"], RED)],
                                  title="Thumbs up vs down"),
            "latency": bar_list_chart([("p50", latency.get("p50")), ("p95", latency.get("p95"))],
                                      title="Answer latency (ms)", fmt="{:.0f} ms"),
            "slips": bar_list_chart(slips, title="Bet slips by state", color=GREEN),
            "cache": bar_list_chart(cache_rows, title="Cache hit rate by data kind", fmt="{:.1f}%", color=GREEN,
                                    maximum=100),
        },
    }


@never_cache
def dashboard_view(request: HttpRequest) -> TemplateResponse:
    """`GET /admin/dashboard/?period=24h|7d|30d` (staff only through `admin.site.admin_view`). The users' messages
    on it need `CONVERSATION_PERMISSION`, as the conversation admin does: numbers are for any staff account."""
    form = PeriodForm(request.GET)
    status = 200
    if form.is_valid():
        period = form.cleaned_data["period"] or selectors.DEFAULT_PERIOD
    else:
        period, status = selectors.DEFAULT_PERIOD, 400
    context = {
        **admin.site.each_context(request),
        "title": "Quality dashboard",
        "form": form,
        "periods": PERIOD_LABELS,
        **dashboard_context(period=period, with_messages=request.user.has_perm(CONVERSATION_PERMISSION)),
    }
    return TemplateResponse(request, "admin/insights/dashboard.html", context, status=status)
