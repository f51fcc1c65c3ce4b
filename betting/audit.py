"""Audit entries for bet simulations (real-bet entries are written by the slip service's transitions).

A simulation is recorded with the odds of the moment, whatever its outcome, so operators can see what
a user was shown. Never raises: the answer stands even if the trail cannot be written.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connections, router

from chatbet_project import metrics

from .models import BetAuditEntry

logger = logging.getLogger(__name__)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _insert_sql(db) -> tuple[str, list]:
    """The INSERT of one audit entry on this database, and the fields in its column order (built once per vendor)."""
    kept = _INSERTS.get(db.vendor)
    if kept is None:
        fields = [field for field in BetAuditEntry._meta.concrete_fields if not field.primary_key]
        quote = db.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)  # the model's own names, no user input
        sql = (f"INSERT INTO {quote(BetAuditEntry._meta.db_table)} ({columns}) "  # noqa: S608
               f"VALUES ({', '.join(['%s'] * len(fields))})")
        kept = _INSERTS[db.vendor] = (sql, fields)
    return kept


_INSERTS: dict[str, tuple[str, list]] = {}


def record_simulation(*, arguments: dict, result: dict, user_id: int | None, identity_key: str,
                      session_id=None) -> bool:
    """Append one `simulation` entry: `simulated`, or `rejected` when the simulation was refused; False when
    it could not be written. One plain INSERT (a simulation is a turn's only other write; the ORM's create
    cost more than the statement): every column as the model declares it, defaults included."""
    try:
        arguments = arguments if isinstance(arguments, dict) else {}
        result = result if isinstance(result, dict) else {"value": result}
        status = BetAuditEntry.Status.REJECTED if "error" in result else BetAuditEntry.Status.SIMULATED
        fixture = result.get("fixture") if isinstance(result.get("fixture"), dict) else {}
        label = f"{fixture.get('home')} vs {fixture.get('away')}" if fixture.get("home") else ""
        if not label and isinstance(result.get("legs"), list):
            label = f"accumulator of {len(result['legs'])} legs"
        values = {
            "kind": BetAuditEntry.Kind.SIMULATION, "status": status, "user_id": user_id,
            "identity_key": identity_key[:80], "session_id": session_id, "request": _jsonable(arguments),
            "upstream": _jsonable(result),
            "fixture_id": str(fixture.get("id") or arguments.get("fixture_id") or "")[:64],
            "fixture_label": label[:200],
            "market": str(result.get("market") or arguments.get("market") or "")[:40],
            "selection": str(result.get("selection") or arguments.get("selection") or "")[:40],
            "stake": _decimal(result.get("stake") if result.get("stake") is not None else arguments.get("stake")),
            "odds": _decimal(result.get("odds") if result.get("odds") is not None else arguments.get("odds")),
        }
        db = connections[router.db_for_write(BetAuditEntry)]
        sql, fields = _insert_sql(db)
        params = [field.get_db_prep_save(values[field.attname] if field.attname in values else field.get_default(),
                                         connection=db) for field in fields]
        with db.cursor() as cursor:
            cursor.execute(sql, params)
    except Exception:
        logger.warning("could not write the simulation audit entry", exc_info=True)
        return False
    metrics.BETS.labels(kind=BetAuditEntry.Kind.SIMULATION, status=status).inc()
    return True
