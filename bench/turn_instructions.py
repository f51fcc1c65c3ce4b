#!/usr/bin/env python
"""Instructions per chat turn (valgrind's callgrind), the CPU figure a shared machine cannot disturb.

    .venv/bin/python bench/turn_instructions.py                  # 20 and 220 turns: (I(220) - I(20)) / 200
    .venv/bin/python bench/turn_instructions.py --turns 20,420 --top 40
    .venv/bin/python bench/turn_instructions.py --transport socket   # through the ASGI app's chat socket (or bare)
    .venv/bin/python bench/turn_instructions.py --transport socket --regions   # + the turn's named parts (_regions.py)
    .venv/bin/python bench/turn_instructions.py --database-url postgres://postgres@127.0.0.1:5432/chatbet_bench \
        --redis-url redis://127.0.0.1:6390/0                  # the full stack's stores (this process's share)

The same turns as `bench/turn_cost.py` (`_common.prepare_turn_mix`: offline engine, sandbox, a temporary
SQLite file holding `--seed` messages of other conversations, five-turn conversations), in one process run
under `valgrind --tool=callgrind --instr-atstart=no`: set-up and warm-up run uninstrumented, then each batch
of turns is counted on its own (a tiny C helper compiled here issues callgrind's client requests: zero,
start, dump, stop). Instructions per turn are the difference between the two batches divided by the
difference in turns, so what a batch costs once (starting `async_to_sync`'s loop) cancels out; the pair
of batches runs `--repeat` times and the median pair is reported. Every thread is counted (database hops,
executors, lease timers); the GIL's switch interval is 50x its 5 ms, as the run is ~50x slower than native
(else threads would be asked to switch ~50x as often per instruction), and so are the odds' TTL, the sports
memo's recheck, the lease renewal, the counters' flush (`STRETCHED`) and the NLU name index's rebuild.
Wall-clock figures on a busy machine move with its load; a pair's instruction count moves by ~1-2 % between
runs (uuids, garbage collection, thread hand-overs differ), and a busier machine still adds some (compare trees
measured side by side, as bench/README does).
Prints instructions per turn and the functions of the larger batch by inclusive cost (the interpreter's
call machinery left out) and by self cost (`callgrind_annotate`: C functions of the interpreter, SQLite, `re`,
…; for Python functions use `turn_cost.py --profile`) → `bench/results/turn_instructions.json` (`--out`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import TRANSPORTS, TURN_CONVERSATIONS, prepare_turn_mix  # noqa: E402

# valgrind runs the turns ~50x slower than native: every wall-clock period on a turn's path is stretched as much,
# so it lapses as often per turn as it does natively (odds TTL, the sports memo's recheck, the lease renewal, the
# counters' flush); else a slower run (a busier machine) refetches odds and renews leases more often per turn.
SLOWDOWN = 50
STRETCHED = {"SPORTS_TTL_ODDS": 30, "SPORTS_TTL_LIVE_ODDS": 10, "SPORTS_TTL_BALANCE": 30,
             "SPORTS_MEMO_RECHECK_SECONDS": 1, "CHAT_TURN_LEASE_SECONDS": 10}

CLIENT_REQUESTS = r"""
#include <valgrind/callgrind.h>
void batch_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void batch_dump(const char *label) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS_AT(label); }
"""


def _compile_client_requests(workdir: Path) -> Path:
    """A shared library whose two functions are callgrind's client requests (no-ops outside valgrind)."""
    source = workdir / "batches.c"
    library = workdir / "libbatches.so"
    source.write_text(CLIENT_REQUESTS)
    subprocess.run(["cc", "-O1", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


def _child(args: argparse.Namespace) -> None:
    """Runs under valgrind: set up, warm, then count each batch of turns."""
    import ctypes

    # The interpreter asks a running thread to hand the GIL over every 5 ms of wall time; under valgrind a turn
    # runs ~50x slower, so it would be asked ~50x as often per instruction (and more on a busier machine).
    sys.setswitchinterval(0.005 * SLOWDOWN)
    batches = ctypes.CDLL(args.library)
    batches.batch_dump.argtypes = [ctypes.c_char_p]
    for name, seconds in STRETCHED.items():
        os.environ[name] = str(seconds * SLOWDOWN)
    run = prepare_turn_mix(prefix="chatbet-turninstr-", seed=args.seed, database_url=args.database_url,
                           redis_url=args.redis_url, transport=args.transport)
    import sports.cache
    from chat.engine.nlu import names
    from chat.engine.nlu import sports as sport_names

    sports.cache.FLUSH_SECONDS *= SLOWDOWN
    # The NLU's name index and sport table are rebuilt every 300 s of wall time: natively once in ~60,000 turns,
    # under valgrind on a busy machine within a batch (a pair then read ~11M instead of ~7.2M per turn).
    names.INDEX_TTL *= SLOWDOWN
    sport_names.TTL *= SLOWDOWN
    if args.regions_library:
        import _regions

        _regions.install(args.regions_library)
    run(len(TURN_CONVERSATIONS) * 5 * 2)  # what a running server has warm (as turn_cost.py)
    done = []
    for _ in range(args.repeat):
        for turns in args.batches:
            batches.batch_start()
            done.append(run(turns))
            if args.regions_library:
                _regions.calibrate_calls(1000)
            batches.batch_dump(f"turns-{turns}".encode())
    print(json.dumps(done))


def _total(dump: Path) -> int:
    """The instructions of one callgrind dump (its `totals:` line; `summary:` stays 0 after a zeroing)."""
    for line in dump.read_text(errors="replace").splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise RuntimeError(f"no total in {dump}")


# The interpreter's own call machinery: on the path of every Python call, so its inclusive cost says nothing.
DISPATCH = re.compile(r"ceval\.c|call\.c|classobject\.c|pycore_\w+\.h|context\.c|_functoolsmodule\.c|slot_tp_call"
                      r"|genobject\.c|descrobject\.c|methodobject\.c|^\?\?\?|'\d+$")


def _short(function: str) -> str:
    """`file:function [library]` without the build folder and the library."""
    function = re.sub(r"\s*\[[^\]]*\]$", "", function)
    return re.sub(r"^/tmp/python-build[^/]*/Python-[\d.]+/(\./)?", "", function)


def _top_functions(dump: Path, rows: int, *, inclusive: bool) -> list[dict]:
    """Functions by inclusive (interpreter dispatch left out) or self instructions (callgrind_annotate)."""
    text = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100",
                           str(dump)], capture_output=True, text=True, check=True).stdout
    total = _total(dump)
    found: dict[str, int] = {}
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(\S.*)$", line)
        if not match or match.group(2) == "PROGRAM TOTALS":
            continue
        function = _short(match.group(2).strip())
        if inclusive and DISPATCH.search(function):
            continue
        found.setdefault(function, int(match.group(1).replace(",", "")))  # a function's first (largest) line
        if len(found) == rows:
            break
    return [{"function": function, "instructions": count, "share": round(count / total, 4)}
            for function, count in found.items()]


def _report_parts(small: Path, large: Path, turns: int) -> dict:
    """Each named part's instructions per turn (the pair's difference), less the trampoline's cost per call."""
    import _regions

    before, after = _regions.inclusive(small), _regions.inclusive(large)
    instructions, calls = after["calibrate"]
    per_call = instructions / calls if calls else 0
    parts = {}
    print(f"  parts (instructions per turn; a region call's own {per_call:,.0f} taken out):")
    for name, _target, what in _regions.PARTS:
        count = (after[name][0] - before[name][0]) / turns
        made = (after[name][1] - before[name][1]) / turns
        parts[name] = {"instructions": round(count - made * per_call), "calls": round(made, 3), "what": what}
        print(f"  {parts[name]['instructions'] / 1e6:8.3f}M  {made:6.2f} calls  {name:18} {what}")
    return {"per_call_overhead": round(per_call), "parts": parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", default="20,220", help="two batch sizes, multiples of 20 (one round of the mix)")
    parser.add_argument("--seed", type=int, default=20000, help="messages already stored in other conversations")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of batches; the median pair is reported")
    parser.add_argument("--top", type=int, default=30, help="functions listed by inclusive cost")
    parser.add_argument("--keep", help="keep the callgrind dumps in this folder")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "turn_instructions.json"))
    parser.add_argument("--database-url", help="an existing PostgreSQL database instead of the temporary SQLite file "
                                               "(as turn_cost.py: its chat tables are emptied)")
    parser.add_argument("--redis-url", help="cache and channel layer on this Redis (as turn_cost.py: a private server)")
    parser.add_argument("--transport", choices=TRANSPORTS, default="service",
                        help="service: the turn service's stream; socket: the ASGI app's /ws/chat (consumer, "
                             "frames, JSON); bare: bench/bare_app.py's 5-frame reply, the floor (_common.py)")
    parser.add_argument("--regions", action="store_true",
                        help="also count the turn's named parts (bench/_regions.py: consumer, service, NLU, engine)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--library", help=argparse.SUPPRESS)
    parser.add_argument("--regions-library", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.batches = [int(n) for n in args.turns.split(",")]
    if args.child:
        _child(args)
        return
    if len(args.batches) != 2 or args.batches[0] >= args.batches[1]:
        parser.error("--turns takes two increasing batch sizes, e.g. 20,220")

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="chatbet-callgrind-"))
    workdir.mkdir(parents=True, exist_ok=True)
    library = _compile_client_requests(workdir)
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={workdir}/callgrind.out.%p",
               sys.executable, str(Path(__file__).resolve()), "--child", "--library", str(library),
               "--turns", args.turns, "--seed", str(args.seed), "--repeat", str(args.repeat),
               "--transport", args.transport]
    if args.regions:
        import _regions

        command += ["--regions-library", str(_regions.compile_library(workdir))]
    command += [f"--{name}={value}" for name, value in (("database-url", args.database_url),
                                                        ("redis-url", args.redis_url)) if value]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    child = subprocess.run(command, capture_output=True, text=True, env=env)
    if child.returncode:
        sys.exit(f"the run under valgrind failed ({child.returncode}):\n{child.stderr[-3000:]}")
    done = json.loads(child.stdout.strip().splitlines()[-1])
    dumps = sorted(workdir.glob("callgrind.out.*.*"), key=lambda p: int(p.name.rsplit(".", 1)[1]))
    totals = [_total(dump) for dump in dumps[: len(done)]]
    pairs = sorted(((totals[i + 1] - totals[i]) / (done[i + 1] - done[i]), i) for i in range(0, len(done), 2))
    per_turn, median = pairs[len(pairs) // 2]
    small, large, first, second = totals[median], totals[median + 1], done[median], done[median + 1]
    report = {
        "turns": [first, second],
        "instructions": [small, large],
        "instructions_per_turn": round(per_turn),
        "per_turn_of_each_pair": [round(value) for value, _ in pairs],
        "seeded_messages": args.seed,
        "transport": args.transport,
        "top_inclusive": _top_functions(dumps[median + 1], args.top, inclusive=True),
        "top_self": _top_functions(dumps[median + 1], args.top, inclusive=False),
        "command": " ".join(command[:3] + ["python", "bench/turn_instructions.py", "--turns", args.turns,
                                           "--transport", args.transport]
                            + [arg for arg in command if arg.startswith(("--database-url", "--redis-url"))]),
    }
    print(f"turn instructions ({args.transport}): ({large:,} - {small:,}) / {second - first} turns "
          f"= {per_turn / 1e6:.3f}M instructions per turn (median of {len(pairs)} pairs: "
          f"{', '.join(f'{value / 1e6:.3f}M' for value, _ in pairs)})")
    for title in ("top_inclusive", "top_self"):
        print(f"  {title.replace('_', ' ')} ({second} turns; share of the batch, instructions per turn):")
        for row in report[title]:
            print(f"  {row['share'] * 100:5.1f} %  {row['instructions'] / second:11,.0f}  "
                  f"{row['function'][:110]}")
    if args.regions:
        report["parts"] = _report_parts(dumps[median], dumps[median + 1], second - first)
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"  → {out}")


if __name__ == "__main__":
    main()
