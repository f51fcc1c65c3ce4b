"""Helpers the benchmark scripts share (they run as `python bench/<script>.py`, so `bench/` is on the path)."""

from __future__ import annotations

import resource
import socket


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
