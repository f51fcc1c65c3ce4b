"""The fronts `ws_load.py --processes` / `--target` drive: `deploy/cluster.sh` started for the run
(nginx + daphne processes on PostgreSQL + Redis), or one already running."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from _common import free_port, free_port_block, raise_fd_limit

ROOT = Path(__file__).resolve().parent.parent


class ClusterFront:
    """`deploy/cluster.sh` (nginx + `processes` daphne + gunicorn, no Celery) on PostgreSQL + Redis."""

    def __init__(self, processes: int, workdir: Path, *, database_url: str, redis_url: str):
        self.processes, self.workdir = processes, workdir
        self.database_url, self.redis_url = database_url, redis_url
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self._database, self._redis_port = urlsplit(database_url).path.lstrip("/"), str(urlsplit(redis_url).port)
        self._store_seconds: dict[tuple[str, int, float], float] = {}
        self._store_lock, self._stopped = threading.Lock(), threading.Event()

    @property
    def ws_base(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def __enter__(self) -> ClusterFront:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DJANGO_ENV": "development", "DEBUG": "false",
            "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghij",
            "DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url, "CLUSTER_NO_CELERY": "1",
            "PORT": str(self.port), "BACKEND_BASE_PORT": str(free_port_block()),
            "WS_PROCESSES": str(self.processes), "HTTP_WORKERS": "1", "RUN_DIR": str(self.workdir / f"run-{self.port}"),
            "WS_MAX_CONNECTIONS_PER_IP": "100000", "WS_MAX_CONNECTIONS_PER_USER": "100000",
            "THROTTLE_CHAT": "1000000/min", "THROTTLE_CHAT_IP": "1000000/min",  # every user shares 127.0.0.1
            "LOG_LEVEL": "WARNING",
        }
        threading.Thread(target=self._watch_stores, daemon=True).start()
        self.log = open(self.workdir / f"cluster-{self.port}.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen([str(ROOT / "deploy" / "cluster.sh")], cwd=ROOT, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=raise_fd_limit)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((self.workdir / f"cluster-{self.port}.log").read_text()[-3000:])
            if b"ChatBet cluster on" in (self.workdir / f"cluster-{self.port}.log").read_bytes():
                time.sleep(1)
                return self
            time.sleep(0.5)
        raise RuntimeError("the cluster did not start")

    def __exit__(self, *exc) -> None:
        self._stopped.set()
        if self.proc is not None:
            self.proc.terminate()  # the script stops everything it started
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
        self.log.close()

    def cpu_seconds(self) -> float:
        return sum(self.cpu_by_process().values())

    def cpu_by_process(self) -> dict[str, float]:
        """CPU seconds of each process the script started ("daphne:<port>", "gunicorn:<pid>", "nginx:<pid>")."""
        by_process: dict[str, float] = {}
        for proc in psutil.Process(self.proc.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                cmdline = proc.cmdline()
                name = "daphne" if any("daphne" in part for part in cmdline) else proc.name()
                port = cmdline[cmdline.index("-p") + 1] if name == "daphne" and "-p" in cmdline else str(proc.pid)
                by_process[f"{name}:{port}"] = by_process.get(f"{name}:{port}", 0.0) + times.user + times.system
        return by_process

    def store_cpu(self) -> dict[str, float]:
        """CPU seconds of the cluster's stores on this machine since it started: PostgreSQL's backends of its
        database (their process titles name it) and the Redis server on its port. They share the cores with the
        daphne processes, so a turn's cost to the host is theirs too. Read every half second by a thread, each
        process's last reading kept: a backend that ends (its connection aged out) still counts to its end."""
        with self._store_lock:
            self._read_stores()
            used = {"postgresql": 0.0, "redis": 0.0}
            for (store, _pid, _created), seconds in self._store_seconds.items():
                used[store] += seconds
            return used

    def _read_stores(self) -> None:
        for proc in psutil.process_iter(["name", "cmdline", "create_time"]):
            with contextlib.suppress(psutil.Error):
                title = " ".join(part for part in proc.info["cmdline"] or [] if part)
                if proc.info["name"] == "postgres" and f" {self._database} " in f"{title} ":
                    store = "postgresql"
                elif proc.info["name"] == "redis-server" and title.rsplit(":", 1)[-1] == self._redis_port:
                    store = "redis"
                else:
                    continue
                times = proc.cpu_times()
                self._store_seconds[(store, proc.pid, proc.info["create_time"])] = times.user + times.system

    def _watch_stores(self) -> None:
        while not self._stopped.wait(0.5):
            with self._store_lock:
                self._read_stores()


class RemoteFront:
    """A front already running at `--target` (its CPU is not ours to read)."""

    def __init__(self, url: str):
        self.ws_base = url.rstrip("/").replace("https://", "wss://").replace("http://", "ws://")

    def __enter__(self) -> RemoteFront:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def cpu_seconds(self) -> float:
        return 0.0

    def cpu_by_process(self) -> dict[str, float]:
        return {}

    def store_cpu(self) -> dict[str, float]:
        return {}
