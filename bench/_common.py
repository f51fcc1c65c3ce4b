"""Helpers the benchmark scripts share (they run as `python bench/<script>.py`, so `bench/` is on the path)."""

from __future__ import annotations

import json
import os
import resource
import socket
import tempfile
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_block(size: int = 100) -> int:
    """A base port with `base .. base + size - 1` free (deploy/cluster.sh puts backends there)."""
    for _ in range(100):
        base = free_port()
        if base + size >= 65535:
            continue
        try:
            for port in range(base, base + size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free block of ports")


def raise_fd_limit() -> None:
    """Thousands of sockets need more file descriptors than the usual soft limit of 1024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def offline_sqlite_environment(prefix: str) -> Path:
    """Point Django at a throwaway SQLite database, no Redis, the offline engine (set before
    `django.setup()`); returns the temporary folder."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["LLM_PROVIDER"] = "offline"
    return workdir


def write_result(name: str, data: dict) -> Path:
    """`bench/results/<name>.json`, pretty-printed; returns its path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"{name}.json"
    out.write_text(json.dumps(data, indent=2, default=str))
    return out
