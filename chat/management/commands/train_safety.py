"""Rebuild the safety model (the policy's learned second opinion) from its corpus in the repo, reproducibly."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from chat.services import safety_model, safety_training


class Command(BaseCommand):
    help = "Train chat/engine/data/safety_model.npz (see chat/services/safety_model.py); never the intent model."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--collect", action="store_true",
                            help="first re-collect the safety sentences of chat/tests into "
                                 "data/safety/collected.jsonl, labelled by the policy as it is now")

    def handle(self, *args, collect: bool = False, **options) -> None:
        if collect:
            count = safety_training.collect_test_sentences()
            self.stdout.write(f"collected {count} sentences into {safety_model.TEST_SENTENCES.name}")
        started = time.perf_counter()
        artifact = safety_training.train()
        safety_training.save(artifact)
        self.stdout.write(f"trained on {artifact['examples']} sentences in {time.perf_counter() - started:.1f} s; "
                          f"wrote {safety_model.ARTIFACT.name} (fingerprint {artifact['fingerprint'][:12]})")
