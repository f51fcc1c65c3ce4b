"""The API docs a fresh checkout serves: OpenAPI pages with nothing loaded from outside the server,
and the WebSocket protocol (docs/websocket-protocol.md) linked from /docs, /redoc and /ws/test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

PROTOCOL_DOC = Path(__file__).resolve().parents[1] / "docs" / "websocket-protocol.md"
# Every place a page can point the browser at another resource.
RESOURCE_REFS = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")


def references(html: str) -> list[str]:
    return [a or b for a, b in RESOURCE_REFS.findall(html)]


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_the_docs_pages_reference_nothing_outside_the_server(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    refs = references(html)
    assert refs
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.I), "an absolute URL in the page"
    for ref in refs:
        assert ref.startswith("/") and not ref.startswith("//"), ref
    for asset in [r for r in refs if r.startswith("/static/")]:
        assert client.get(asset).status_code == 200, asset
    # What the bundles themselves would fetch (ReDoc's badge from its CDN) the browser refuses.
    policy = response["Content-Security-Policy"]
    assert all(f"{kind} 'self'" in policy for kind in ("default-src", "img-src", "font-src", "connect-src"))
    assert "http" not in policy and "*" not in policy


def test_swagger_ui_is_told_not_to_call_the_online_validator(client):
    html = client.get("/docs").content.decode()
    assert '"validatorUrl": null' in html or '"validatorUrl":null' in html


def test_the_protocol_is_served_and_linked_from_the_openapi_description_and_the_socket_test_page(client):
    served = client.get("/docs/websocket-protocol")
    assert served.status_code == 200 and served["Content-Type"].startswith("text/plain")
    assert served.content.decode() == PROTOCOL_DOC.read_text(encoding="utf-8")
    description = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["info"]["description"]
    assert "(/docs/websocket-protocol)" in description
    assert 'href="/docs/websocket-protocol"' in client.get("/ws/test").content.decode()


def test_the_docs_of_a_fresh_clone_point_only_inside_it():
    """README.md, docs/ and bench/README.md: no `../shared` notes, and every relative link resolves."""
    root = PROTOCOL_DOC.parents[1]
    pages = [root / "README.md", root / "bench" / "README.md", *sorted((root / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text and "shared/wire-protocol" not in text, page
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "/")):
                continue  # absolute URLs and server paths (/docs/...) are not files of the repo
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
