"""Rebuild the learned intent model from the corpus in the repo (reproducible: fixed seed, pinned names)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from chat.engine.nlu import learned, training


class Command(BaseCommand):
    help = "Train chat/engine/data/nlu_model.npz from the NLU corpus (see chat/engine/nlu/training.py)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--refresh-names", action="store_true",
                            help="first re-pin nlu_names.json from the current catalogue (changes the corpus)")

    def handle(self, *args, refresh_names: bool = False, **options) -> None:
        if refresh_names:
            count = training.dump_catalogue_names()
            self.stdout.write(f"pinned {count} team names to {learned.NAMES_FILE.name}")
        started = time.perf_counter()
        artifact = training.train()
        training.save(artifact)
        self.stdout.write(f"trained on {artifact['examples']} sentences in {time.perf_counter() - started:.1f} s; "
                          f"wrote {learned.ARTIFACT.name} (fingerprint {artifact['fingerprint'][:12]})")
