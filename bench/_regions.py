"""Where a turn's instructions go: named parts of the turn counted under callgrind (`turn_instructions.py --regions`).

Each part is a Python function called through a C function of its own (`region_<name>` of a tiny CPython extension
compiled here: ctypes' callbacks run through libffi closures that callgrind cannot name), so callgrind's inclusive cost
of `region_<name>` is that part's instructions, on whichever thread it runs; parts nest (the engine's answer holds the
understanding), and the report subtracts. A region costs a little per call (a lambda; `region_calibrate` measures
it), which the report takes out of each part. Only synchronous functions can be parts: the coroutines' share (Channels'
dispatch, the event loop, the communicator) is what the parts leave of the event loop's thread.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sysconfig
from pathlib import Path

# (name, "module:attribute" or "module:Class.method", what the part is; `*` after the target: a generator function,
# its items produced inside the part). Patched where the turn path looks them up.
PARTS = [
    # the consumer's own work (event loop's thread)
    ("loads_json", "chat.transport.consumers:loads_json", "consumer: the client frame's JSON"),
    ("plain_user_message", "chat.transport.consumers:plain_user_message", "consumer: the frame's validation"),
    ("quota", "chat.transport.consumers:consume_chat_quota", "consumer: the chat quota"),
    ("presence", "chat.services.presence:record_message", "consumer: presence's counter"),
    ("ws_metrics", "chatbet_project.metrics:ws_message", "consumer: the frame counter"),
    ("turn_frames", "chat.transport.protocol:turn_frames*", "consumer: events → frame dicts"),
    ("encode", "chat.transport.protocol:encode", "consumer: frames → JSON text"),
    # the turn service on the event loop's thread
    ("clean", "chat.services.turns:_clean", "service (loop): the message's checks"),
    ("send_whole", "chat.services.turns:_send_whole", "service (loop): the answer cut into chunks"),
    ("emit", "chat.events:TurnStream.emit", "service (loop): events handed to the reader"),
    ("keepalive", "chat.services.leases:KeepAlive.__init__", "service (loop): the lease timer started"),
    ("keepalive_stop", "chat.services.leases:KeepAlive.stop", "service (loop): the lease timer stopped"),
    # the database hop (the database thread)
    ("close_old", "channels.db:close_old_connections", "hop: Channels' stale-connection check (twice a hop)"),
    ("hop", "chat.services.turns:_prepare_and_answer", "the whole database hop"),
    ("prepare", "chat.services.turns:_prepare", "service: prepare (rows, memory, policy)"),
    ("resolve", "chat.services.turn_conversations:resolve_conversation", "service: the conversation's lookup"),
    ("lookup_row", "chat.services.turn_rows:lookup", "service: its one SELECT"),
    ("insert_question", "chat.services.turn_rows:insert_question", "service: the question's INSERT"),
    ("load_memory", "chat.services.turns:load_memory", "service: the memory loaded"),
    ("spoken", "chat.services.turns:unopposed_language", "NLU: the message's own language (new conversation)"),
    ("classify", "chat.services.safety:classify", "NLU: the safety reading"),
    ("second_opinion", "chat.services.safety_model:second_opinion", "NLU: the safety model"),
    ("context", "chat.services.turns:_context", "service: the turn's context"),
    ("policy_answer", "chat.services.safety:policy_answer", "service: the policy's answer"),
    ("engine", "chat.engine.offline:OfflineEngine.answer", "engine: answer"),
    ("understand", "chat.engine.offline:understand_message", "NLU: understand"),
    ("entities", "chat.engine.nlu:extract_entities", "NLU: entities, language, cue text"),
    ("mentions", "chat.engine.nlu:find_mentions", "NLU: names (the entity resolver)"),
    ("intent_model", "chat.engine.nlu.learned:LearnedClassifier.ranked", "NLU: the intent model"),
    ("slots", "chat.engine.offline:slots_from", "engine: slots"),
    ("followups", "chat.engine.offline:apply_followups", "engine: the dialogue frame"),
    ("dispatch", "chat.engine.offline:dispatch", "engine: handlers and tools"),
    ("run_tool", "chat.engine.tool_registry:run_tool", "engine: tools"),
    ("remember", "chat.engine.offline:remember", "engine: the frame remembered"),
    ("finish", "chat.services.turns:_finish", "service: settled in a language"),
    ("store", "chat.services.turns:_store", "service: the answer stored"),
    ("persist", "chat.services.turns:persist_answer", "service: persist_answer"),
    ("store_answer", "chat.services.turn_rows:store_answer", "service: the answer's transaction"),
    ("row_json", "chat.services.turn_rows:_json", "service: the rows' JSON"),
    ("row_when", "chat.services.turn_rows:_when", "service: the rows' datetimes"),
    ("save_memory", "chat.services.answers:save_memory", "service: the memory written through"),
    ("sql", "django.db.backends.utils:CursorWrapper.execute", "every statement (Django's cursor down to SQLite)"),
    # gettext wherever it runs (entry points of django.utils.translation; nested calls of trans_real not counted twice)
    ("gettext", "django.utils.translation:_trans.gettext", "gettext"),
    ("pgettext", "django.utils.translation:_trans.pgettext", "pgettext"),
    ("ngettext", "django.utils.translation:_trans.ngettext", "ngettext"),
    ("override_enter", "django.utils.translation:override.__enter__", "translation.override entered"),
    ("override_exit", "django.utils.translation:override.__exit__", "translation.override left"),
]
NAMES = [name for name, _, _ in PARTS] + ["calibrate"]

def _c_source() -> str:
    """A CPython extension `_chatbet_regions`: `region_<name>(callable)` calls it (a plain C frame for callgrind)."""
    functions = "".join(
        f"static PyObject *region_{name}(PyObject *self, PyObject *part) {{\n"
        f"    PyObject *done = PyObject_CallNoArgs(part);\n    __asm__ volatile(\"\" ::: \"memory\");\n"
        f"    return done;\n}}\n" for name in NAMES)
    table = "".join(f'    {{"region_{name}", region_{name}, METH_O, NULL}},\n' for name in NAMES)
    return ("#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n" + functions
            + "static PyMethodDef methods[] = {\n" + table + "    {NULL, NULL, 0, NULL}\n};\n"
            + "static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, \"_chatbet_regions\", NULL, -1, methods};\n"
            + "PyMODINIT_FUNC PyInit__chatbet_regions(void) { return PyModule_Create(&module); }\n")


def compile_library(workdir: Path) -> Path:
    """The region functions, unoptimised so each is a real frame on callgrind's call stack."""
    source = workdir / "_chatbet_regions.c"
    library = workdir / f"_chatbet_regions{sysconfig.get_config_var('EXT_SUFFIX')}"
    source.write_text(_c_source())
    subprocess.run(["cc", "-O1", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}", "-o", str(library),
                    str(source)], check=True)
    return library


def _runner(name: str, module):
    region = getattr(module, f"region_{name}")

    def run(call):
        return region(call)

    return run


def install(library_path: str) -> None:
    """Route every part through its region function."""
    spec = importlib.util.spec_from_file_location("_chatbet_regions", library_path)
    library = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(library)
    for name, target, _ in PARTS:
        module_name, attribute = target.split(":")
        generator = attribute.endswith("*")
        attribute = attribute.rstrip("*")
        owner = importlib.import_module(module_name)
        *path, last = attribute.split(".")
        for step in path:
            owner = getattr(owner, step)
        original = getattr(owner, last)
        region = getattr(library, f"region_{name}")

        def wrapped(*args, _original=original, _region=region, _generator=generator, **kwargs):
            if _generator:
                return iter(_region(lambda: list(_original(*args, **kwargs))))
            return _region(lambda: _original(*args, **kwargs))

        setattr(owner, last, wrapped)
    if_turns_hop()
    global calibrate
    calibrate = library.region_calibrate


def if_turns_hop() -> None:
    """The offline turn's hop was wrapped once at import: wrap the (now routed) function again."""
    from chat.services import turns
    from chatbet_project.db import db_sync_to_async

    turns._prepare_and_answer_async = db_sync_to_async(turns._prepare_and_answer)


def calibrate_calls(calls: int) -> None:
    """`calls` empty parts: a region's own cost per call."""
    for _ in range(calls):
        calibrate(lambda: None)


def inclusive(dump: Path) -> dict[str, tuple[int, int]]:
    """{part: (inclusive instructions, calls)} of one dump (`callgrind_annotate --inclusive=yes`; calls: the file)."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(dump)],
                          capture_output=True, text=True, check=True).stdout
    found = {}
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+\S*region_(\w+)", line)
        if match and match.group(2) not in found:
            found[match.group(2)] = int(match.group(1).replace(",", ""))
    calls = _calls(dump)
    return {name: (found.get(name, 0), calls.get(name, 0)) for name in NAMES}


def _calls(dump: Path) -> dict[str, int]:
    """Calls of each region function: the `calls=` lines under a `cfn=` naming it (a name is given once, on an
    `fn=` or `cfn=` line, then only its number), summed."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    current = None
    for line in dump.read_text(errors="replace").splitlines():
        match = re.match(r"(c?)fn=\((\d+)\)(?: (.*))?", line)
        if match:
            if match.group(3):
                names[match.group(2)] = match.group(3)
            current = names.get(match.group(2), "") if match.group(1) else None
            continue
        if line.startswith("calls=") and current and current.startswith("region_"):
            name = current[len("region_"):]
            counts[name] = counts.get(name, 0) + int(line[6:].split()[0])
    return counts
