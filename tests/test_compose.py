import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"


def test_compose_declares_the_full_stack_with_healthchecks():
    spec = yaml.safe_load(COMPOSE.read_text())
    services = spec["services"]
    assert {"web", "worker", "beat", "redis", "postgres"} <= set(services)
    for name in ("web", "worker", "beat", "redis", "postgres"):
        assert "healthcheck" in services[name], name
    assert "daphne" in services["web"]["command"]


def compose_validator() -> tuple[list[str] | None, str]:
    """The command that validates a compose file on this machine, or None with the reason there is none.

    A `docker` CLI without the compose plugin answers `docker compose ...` in several ways ("unknown
    command", "unknown shorthand flag: 'f'", a usage page), so ask the plugin for its version first
    instead of parsing the error of the real call.
    """
    if shutil.which("docker-compose"):
        return ["docker-compose"], ""
    if not shutil.which("docker"):
        return None, "no compose client installed (neither docker-compose nor docker)"
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        reason = (probe.stderr or probe.stdout).strip().splitlines()[:1]
        return None, f"this docker CLI has no compose plugin ({reason[0] if reason else 'no output'})"
    return ["docker", "compose"], ""


def test_compose_file_is_valid_for_the_compose_client():
    command, reason = compose_validator()
    if command is None:
        pytest.skip(reason)
    result = subprocess.run([*command, "-f", str(COMPOSE), "config", "-q"],
                            env={**os.environ, "SECRET_KEY": "compose-check"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
