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


@pytest.mark.skipif(not (shutil.which("docker-compose") or shutil.which("docker")), reason="no compose client")
def test_compose_file_is_valid_for_the_compose_client():
    if shutil.which("docker-compose"):
        cmd = ["docker-compose", "-f", str(COMPOSE), "config", "-q"]
    else:
        cmd = ["docker", "compose", "-f", str(COMPOSE), "config", "-q"]
    result = subprocess.run(cmd, env={**os.environ, "SECRET_KEY": "compose-check"}, capture_output=True, text=True)
    if "unknown command" in result.stderr:
        pytest.skip("this docker client has no compose plugin")
    assert result.returncode == 0, result.stderr
