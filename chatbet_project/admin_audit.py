"""Operator changes recorded with their values: what an admin changed from what to what.

Django's admin log names the changed fields only. For a betting operator the values matter (a
daily stake limit raised, a self-exclusion cleared), so `ValueAuditMixin` adds `"values": {field:
[old, new]}` to each "changed" entry of the admin's change message (stored in `LogEntry`), for the
object and for its inlines. Secrets (passwords, user keys, tokens) are recorded as changed, never
with their values.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

SECRET_MARKERS = ("password", "key", "token", "secret")
MASK = "***"


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal | date | datetime):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(getattr(value, "pk", value))


def changed_values(form) -> dict[str, list]:
    """`{field: [old, new]}` for a bound, valid form's changed fields; secrets masked."""
    values = {}
    for name in form.changed_data:
        if any(marker in name.lower() for marker in SECRET_MARKERS):
            values[name] = [MASK, MASK]
            continue
        old = form.initial.get(name, form.fields[name].initial if name in form.fields else None)
        values[name] = [_plain(old), _plain(form.cleaned_data.get(name))]
    return values


class ValueAuditMixin:
    """For ModelAdmins whose changes operators must be accountable for (users, profiles)."""

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if add:
            return message
        entries = [entry for entry in message if "changed" in entry]
        object_entries = [entry for entry in entries if "name" not in entry["changed"]]
        if object_entries and form.changed_data:
            object_entries[0]["changed"]["values"] = changed_values(form)
        inline_forms = [f for formset in formsets or [] for f in formset.forms
                        if f.has_changed() and f not in getattr(formset, "new_objects", [])
                        and getattr(f, "instance", None) is not None and f.instance.pk]
        for entry in (e for e in entries if "name" in e["changed"]):
            match = next((f for f in inline_forms if str(f.instance) == entry["changed"].get("object")), None)
            if match is not None:
                entry["changed"]["values"] = changed_values(match)
        return message


def change_values(change_message: str) -> list[dict]:
    """The recorded `[{"object"?, "values": {...}}]` of a LogEntry's change message (empty if none)."""
    try:
        entries = json.loads(change_message or "[]")
    except ValueError:
        return []
    out = []
    for entry in entries if isinstance(entries, list) else []:
        changed = entry.get("changed") if isinstance(entry, dict) else None
        if isinstance(changed, dict) and changed.get("values"):
            out.append({"object": changed.get("object"), "values": changed["values"]})
    return out
