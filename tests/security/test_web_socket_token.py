"""The web page sends its token in the WebSocket subprotocol (`bearer, <jwt>`), never in the URL
(URLs land in access logs); the `?token=` query keeps working for existing clients."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from accounts.services import issue_guest_token
from chat.tests.test_browser import Page, browser, server_url  # noqa: F401 - fixtures: live daphne + Chromium

from .conftest import asgi_socket

ORIGIN = {"Origin": "http://localhost:8000"}


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_web_page_opens_its_sockets_without_a_token_in_the_url(browser, server_url):  # noqa: F811
    page = Page(browser, server_url)
    sockets: list[str] = []
    page.page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.open()  # "online" = the server accepted the bearer subprotocol and the token in it
        page.send("hello")
        page.wait_answers(1)
    finally:
        page.close()
    assert any("/ws/chat" in url for url in sockets)
    assert sockets and not [url for url in sockets if "token=" in url]
    assert not page.errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["subprotocol", "query"])
async def test_both_token_carriers_authenticate_the_socket(how):
    token = await database_sync_to_async(issue_guest_token)()
    if how == "subprotocol":
        socket = asgi_socket("/ws/chat", headers=ORIGIN, subprotocols=["bearer", token])
    else:
        socket = asgi_socket(f"/ws/chat?token={token}", headers=ORIGIN)
    connected, subprotocol = await socket.connect()
    try:
        assert connected and subprotocol == ("bearer" if how == "subprotocol" else None)
        assert (await socket.receive_json_from(timeout=10))["type"] == "connection_ack"
    finally:
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_a_bad_token_in_the_subprotocol_is_refused_with_4401():
    token = await database_sync_to_async(issue_guest_token)()
    socket = asgi_socket("/ws/chat", headers=ORIGIN, subprotocols=["bearer", token[:-3] + "abc"])
    connected, _ = await socket.connect()
    assert connected and (await socket.receive_output(timeout=10))["code"] == 4401
