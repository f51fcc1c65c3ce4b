"""Warm the sports caches without Celery (embedded mode, deploy hooks, demos).

`warm_caches` runs every job once; `--loop` keeps warming odds every `--interval` seconds and
fixtures/tournaments on their own cadence until interrupted. It shares the cache with the web
process only when the cache is shared (Redis); with the local-memory cache it only warms itself.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from sports.services import warming


class Command(BaseCommand):
    help = "Warm the sports caches (tournaments, fixtures, odds of the next 48 h)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep warming until interrupted")
        parser.add_argument("--interval", type=float, default=20.0, help="seconds between odds warmings")
        parser.add_argument("--hours", type=int, default=48, help="warm odds of fixtures starting within this")

    def handle(self, *args, loop=False, interval=20.0, hours=48, **options):
        if loop and settings.STACK_MODE == "embedded":
            self.stderr.write("note: the local-memory cache is per process; the web server will not see these values")
        self.stdout.write(str(warming.warm_all(hours=hours)))
        last_fixtures = last_tournaments = time.monotonic()
        while loop:
            time.sleep(interval)
            now = time.monotonic()
            if now - last_tournaments >= 3600:
                self.stdout.write(str(warming.warm_tournaments()))
                last_tournaments = now
            if now - last_fixtures >= 600:
                self.stdout.write(str(warming.warm_fixtures()))
                last_fixtures = now
            self.stdout.write(str(warming.warm_odds(hours=hours)))
