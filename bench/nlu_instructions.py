#!/usr/bin/env python
"""Instructions of the understanding of one message (`understand` + the safety policy's `classify`), under callgrind.

    .venv/bin/python bench/nlu_instructions.py               # the turn mix's 20 messages, 5 rounds
    .venv/bin/python bench/nlu_instructions.py --rounds 10

The part of a turn that reads the message, without the database, the event loop or the answer: the messages of
`_common.TURN_CONVERSATIONS` (those `turn_instructions.py` and `turn_cost.py` send), warmed three rounds, then
counted for `--rounds` rounds in one callgrind batch (`valgrind --tool=callgrind --instr-atstart=no`, the same
client requests as `turn_instructions.py`). Nothing in it depends on time or threads, so a run repeats to within
~0.1 %: it measures a change to the NLU or the safety cues that the turn's 1-2 % noise would hide.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import TURN_CONVERSATIONS, offline_sqlite_environment  # noqa: E402
from turn_instructions import _compile_client_requests, _total  # noqa: E402


def _child(args: argparse.Namespace) -> None:
    import ctypes

    offline_sqlite_environment("chatbet-nluinstr-")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from chat.engine.nlu import understand
    from chat.engine.nlu_eval import EVAL_NOW
    from chat.services import safety

    messages = [text for conversation in TURN_CONVERSATIONS for text in conversation]

    def one_round() -> None:
        for text in messages:
            understand(text, now=EVAL_NOW)
            safety.classify(text)

    for _ in range(3):  # what a running server has warm: the name index, the model, the memos
        one_round()
    batches = ctypes.CDLL(args.library)
    batches.batch_dump.argtypes = [ctypes.c_char_p]
    batches.batch_start()
    for _ in range(args.rounds):
        one_round()
    batches.batch_dump(b"nlu")
    print(json.dumps(len(messages) * args.rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the mix's messages counted")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--library", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    with tempfile.TemporaryDirectory(prefix="chatbet-callgrind-") as folder:
        workdir = Path(folder)
        library = _compile_client_requests(workdir)
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                   f"--callgrind-out-file={workdir}/callgrind.out.%p", sys.executable, str(Path(__file__).resolve()),
                   "--child", "--library", str(library), "--rounds", str(args.rounds)]
        child = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        if child.returncode:
            sys.exit(f"the run under valgrind failed ({child.returncode}):\n{child.stderr[-3000:]}")
        messages = json.loads(child.stdout.strip().splitlines()[-1])
        total = _total(next(workdir.glob("callgrind.out.*.1")))
    print(f"understanding instructions: {total:,} / {messages} messages = {total / messages / 1e6:.3f}M per message")


if __name__ == "__main__":
    main()
