"""`/ws/test` in a real browser: the page connects to `/ws/chat`, streams an answer and pings.

Uses the live daphne server and headless Chromium fixtures of `test_browser.py` (skips with the
same reasons when Chromium or Playwright is missing).
"""

from __future__ import annotations

import pytest

from .test_browser import browser, server_context, server_url  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_socket_test_page_chats_with_the_server(browser, server_url):  # noqa: F811
    context = server_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{server_url}/ws/test")
        assert page.input_value("#url").endswith("/ws/chat?user_id=ws-test")
        page.click("#connect")
        page.wait_for_function("document.getElementById('state').textContent === 'open'")
        page.wait_for_function("/^[0-9a-f-]{36}$/.test(document.getElementById('session').textContent)")

        page.fill("#text", "What football matches are on this week?")
        page.click("#submit")
        page.wait_for_function("document.getElementById('log').textContent.includes('streaming_end')")
        answer = page.text_content("#answer")
        assert answer and answer.strip() and not answer.startswith("Error")

        page.click("#ping")
        page.wait_for_function("document.getElementById('log').textContent.includes('\"type\": \"pong\"')"
                               " || document.getElementById('log').textContent.includes('\"type\":\"pong\"')")
        page.click("#close")
        page.wait_for_function("document.getElementById('state').textContent === 'closed'")
        assert "closed, code 1000" in page.text_content("#log")
        assert not errors
    finally:
        context.close()
