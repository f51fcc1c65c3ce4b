"""/docs and /redoc in a real browser: they render, and every request they make goes to our server.

Uses the live daphne server and headless Chromium fixtures of `chat/tests/test_browser.py` (skips
with the same reasons when Chromium or Playwright is missing).
"""

from __future__ import annotations

import pytest

from chat.tests.test_browser import browser, server_context, server_url  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize(("path", "rendered"), [
    ("/docs", ".swagger-ui .info .title"),
    ("/redoc", "[role=navigation], .menu-content"),
])
def test_the_docs_load_nothing_from_outside_the_server(browser, server_url, path, rendered):  # noqa: F811
    context = server_context(browser)
    page = context.new_page()
    local = (server_url, "data:", "blob:", "about:")
    requested: list[str] = []
    escaped: list[str] = []  # requests to elsewhere that reached the network (then cut off here)
    console: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.route(lambda url: not url.startswith(local), lambda route: (escaped.append(route.request.url), route.abort()))
    try:
        page.goto(f"{server_url}{path}", wait_until="networkidle")
        page.wait_for_selector(rendered)
        assert "ChatBet API" in page.content()
        link = page.locator('a[href="/docs/websocket-protocol"]').first
        assert link.count() == 1  # the protocol, linked from the rendered description
        assert requested and not escaped, (escaped, console)
    finally:
        context.close()
