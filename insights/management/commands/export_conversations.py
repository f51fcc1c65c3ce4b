"""Export conversations of a period as JSON lines with pseudonymised users (see insights/exports.py).

    manage.py export_conversations --since 2026-11-01 --until 2026-11-08 --output nov.jsonl

Dates are ISO (a bare date is midnight UTC); `--until` is exclusive. Without `--output` the lines
go to stdout, so they can be piped; the count goes to stderr.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from insights.exports import conversations_in, export_lines, write_export


def parse_when(value: str | None, *, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(f"--{name}: {value!r} is not an ISO date or datetime (e.g. 2026-11-01).")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = "Export conversations with messages in [--since, --until) as JSON lines, users pseudonymised."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="ISO date/datetime, inclusive (default: the beginning)")
        parser.add_argument("--until", help="ISO date/datetime, exclusive (default: now)")
        parser.add_argument("--output", "-o", help="file to write (default: stdout)")

    def handle(self, *args, since=None, until=None, output=None, **options):
        start, end = parse_when(since, name="since"), parse_when(until, name="until")
        if start and end and start >= end:
            raise CommandError("--since: must be before --until.")
        lines = export_lines(conversations_in(since=start, until=end))
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                count = write_export(lines, handle)
        else:
            count = write_export(lines, self.stdout)
        self.stderr.write(f"exported {count} conversation(s)")
