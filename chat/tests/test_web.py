"""The web chat page at `/`: it renders, its assets are served, and it is built to be CSP-safe."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "chat"


@pytest.fixture
def web_client(settings):
    """A client whose WhiteNoise serves straight from the app directories (as `make run` in development)."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    return Client()


def _page(web_client) -> str:
    response = web_client.get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


@pytest.mark.stack
def test_home_serves_the_chat_page(web_client):
    html = _page(web_client)
    assert "<title>ChatBet" in html
    assert 'role="log"' in html and 'aria-live="polite"' in html  # the stream is announced
    assert '<label for="input"' in html  # the message box has a label
    assert 'id="lang"' in html and 'value="es"' in html  # language switch
    assert 'id="login-open"' in html  # login available, guest by default


def test_page_config_points_at_the_api_and_sockets(web_client):
    html = _page(web_client)
    match = re.search(r'<script id="cb-config" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the page config is a JSON data block"
    config = json.loads(match.group(1))
    assert config == {"api_base": "/api/v1", "ws_chat": "/ws/chat", "ws_sports": "/ws/sports-updates"}


def test_every_asset_the_page_loads_is_served(web_client):
    html = _page(web_client)
    urls = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
    assert {"/static/chat/app.js", "/static/chat/app.css", "/static/chat/icon.svg"} <= urls
    # ES modules imported by app.js (and by each other) must be served too.
    for js in STATIC_DIR.glob("*.js"):
        for name in re.findall(r'from "\./([\w.-]+\.js)"', js.read_text()):
            urls.add(f"/static/chat/{name}")
    expected_types = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
    for url in sorted(urls):
        response = web_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(expected_types[Path(url).suffix]), url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body, url


def test_page_sends_a_strict_content_security_policy(web_client):
    response = web_client.get("/", HTTP_HOST="localhost:8000")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "connect-src 'self' ws://localhost:8000 wss://localhost:8000" in policy
    assert "frame-ancestors 'none'" in policy


def test_page_has_no_inline_code_a_strict_policy_would_block(web_client):
    html = _page(web_client)
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), "inline event handler attribute"
    assert not re.search(r"\sstyle\s*=", html, re.I), "inline style attribute"
    assert "<style" not in html
    assert "javascript:" not in html
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if "application/json" in attrs:
            continue  # data, never executed
        assert 'src="' in attrs and not body.strip(), f"inline script: {attrs}"


def test_scripts_never_turn_text_into_html():
    """The XSS guarantee in code form: no HTML parsing sinks anywhere in the page's scripts."""
    sinks = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
             "createContextualFragment", "DOMParser"]
    for js in STATIC_DIR.glob("*.js"):
        source = js.read_text()
        for sink in sinks:
            assert sink not in source, f"{js.name} uses {sink}"


def test_ui_strings_are_catalogue_messages(web_client):
    """Every string key the page uses is one of i18n.js's, and each of those is an English gettext msgid
    (or a symbol such as "1X2" that reads the same in every language)."""
    source = (STATIC_DIR / "i18n.js").read_text()
    block = re.search(r"export const STRINGS = \{\n(.*?)\n\};", source, re.S).group(1)
    entries = dict(re.findall(r"^  (\w+): (.*),$", block, re.M))
    assert len(entries) > 50
    symbols = {key for key, value in entries.items() if not value.startswith("gettext(")}
    assert symbols == {"odds_home", "odds_draw", "odds_away", "assistant"}
    html = _page(web_client)
    used = set(re.findall(r'data-i18n(?:-placeholder|-label|-title)?="(\w+)"', html))
    assert used and used <= set(entries), used - set(entries)


def _page_msgids() -> list[str]:
    source = (STATIC_DIR / "i18n.js").read_text()
    return [json.loads(f'"{m}"') for m in re.findall(r'gettext\("((?:[^"\\]|\\.)*)"\)', source)]


def _served_catalogue(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    assert match, "the catalogue script carries translations"
    return json.loads(match.group(1))


@pytest.mark.stack
def test_page_strings_come_in_brazilian_portuguese_from_the_js_catalogue(web_client):
    """A Portuguese browser gets the page and its strings' catalogue in Portuguese, every string translated."""
    html = web_client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="pt-br">' in html
    assert html.index('<script src="/jsi18n/">') < html.index('src="/static/chat/app.js"')  # catalogue first
    response = web_client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9,en;q=0.5")
    assert response["Content-Language"] == "pt-br"
    catalogue = _served_catalogue(response)
    msgids = _page_msgids()
    assert len(msgids) > 50
    missing = [msgid for msgid in msgids if not catalogue.get(msgid)]
    assert not missing, f"page strings a Portuguese user would read in English: {missing}"
    assert catalogue["Your betting assistant"] == "Seu assistente de apostas"
    assert catalogue["Reconnecting in {s}s"] == "Reconectando em {s}s"
    assert len(catalogue) < 2 * len(msgids)  # only the page's strings, not the admin's


def test_the_language_cookie_wins_over_the_browser_language(web_client):
    """Choosing a language in the page (the cookie LocaleMiddleware reads) switches page and catalogue."""
    web_client.cookies["django_language"] = "es"
    html = web_client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()
    assert '<html lang="es">' in html and '<option value="pt_br">' in html
    catalogue = _served_catalogue(web_client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="pt-BR"))
    assert catalogue["Your betting assistant"] == "Tu asistente de apuestas"


def test_only_get_and_head_are_allowed(web_client):
    assert web_client.post("/").status_code == 405
    assert web_client.head("/").status_code == 200
