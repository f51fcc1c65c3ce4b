"""The web chat in a real browser: headless Chromium (Debian's package) against a live daphne server.

The server is a subprocess on a free port with its own migrated SQLite database and the embedded
defaults (sandbox sports data, offline engine). Screenshots land in `test-output/`.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import DEFAULT_CLOCK, clocked_module_command, real_time

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BASE_DIR = Path(__file__).resolve().parents[2]
OUTPUT = BASE_DIR / "test-output"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
TIMEOUT_MS = 15_000


def _skip_reason() -> str | None:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium is not installed at {CHROMIUM} (`.ci/run` installs Debian's chromium package)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (requirements-dev.txt)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sandbox_team_names() -> set[str]:
    from sports.providers import sandbox_data

    names: set[str] = set()
    for tournament in sandbox_data.TOURNAMENTS:
        for team, *_ in tournament.get("teams", []):
            names.update([team] if isinstance(team, str) else team)
    return {n for n in names if len(n) > 3}


# The real time the server's clocks started at DEFAULT_CLOCK: each page's clock reads the same instant as the
# server's, so what the page computes from the server's times (a token's expiry) holds at any real hour and day.
_SERVER_CLOCK: dict[str, float] = {}


def server_context(browser, **options):
    """A browser context whose pages' clocks run on from the server's instant (not the machine's)."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.clock.install(time=DEFAULT_CLOCK + timedelta(seconds=real_time() - _SERVER_CLOCK["origin"]))
    return context


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    if reason := _skip_reason():
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("webchat")
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "CELERY_BROKER_URL"}}
    env.update({
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SECRET_KEY": "browser-test-" + os.urandom(16).hex(),
        "WS_MAX_CONNECTIONS_PER_IP": "100",  # every test page shares 127.0.0.1
        "THROTTLE_ANON": "10000/min",
        "THROTTLE_GUEST": "10000/min",  # every page load mints a guest token from 127.0.0.1
        "PASSWORD_HASH_NICENESS": "0",  # on a shared, oversubscribed machine niced hashing threads starve
        "THROTTLE_USER": "10000/min",
        "LOG_LEVEL": "WARNING",
        # Odds hold still: only a test's own `sports_update` moves a price (a real drift push racing it
        # once turned the "up" it checks into "down").
        "SANDBOX_FROZEN_AT": DEFAULT_CLOCK.isoformat(),
    })
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=BASE_DIR, env=env,
                   check=True, timeout=120)
    port = free_port()
    log = open(workdir / "server.log", "wb")  # noqa: SIM115 - closed below
    _SERVER_CLOCK["origin"] = real_time()
    proc = subprocess.Popen(
        clocked_module_command(DEFAULT_CLOCK, "daphne", "-b", "127.0.0.1", "-p", str(port),
                               "chatbet_project.asgi:application", origin=_SERVER_CLOCK["origin"]),
        # the server's clocks start at the tests' instant
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health/live", timeout=1) as response:  # noqa: S310 - local
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail(f"the server did not start:\n{(workdir / 'server.log').read_text()[-3000:]}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser(server_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A browser tab on the chat with the page's problems recorded (dialogs, script errors)."""

    def __init__(self, browser, url: str, **context):
        self.context = server_context(browser, **{"viewport": {"width": 1280, "height": 820}, **context})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = url

    def open(self):
        self.page.goto(self.url)
        self.wait_online()
        return self

    def wait_online(self):
        self.page.wait_for_selector('#status[data-state="online"]')

    def send(self, text: str):
        self.page.fill("#input", text)
        self.page.press("#input", "Enter")

    def answers(self):
        return self.page.locator(".msg-assistant")

    def wait_answers(self, count: int):
        """Until `count` finished answers are shown (streaming over, tools attached)."""
        self.page.locator(".msg-assistant:not(.streaming) .msg-tools").nth(count - 1).wait_for()
        return [self.answers().nth(i).locator(".content").inner_text() for i in range(self.answers().count())]

    def wait_until(self, expression: str, timeout: float = TIMEOUT_MS / 1000):
        """Poll a JS expression from outside (the page's CSP rightly forbids eval-based waiting)."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            self.page.wait_for_timeout(50)

    def shot(self, name: str):
        OUTPUT.mkdir(exist_ok=True)
        self.page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=False)

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser, server_url):
    page = Page(browser, server_url)
    yield page
    page.close()
    assert not page.errors, f"script errors in the page: {page.errors}"


# The stream is observed from inside the page: every change of the answer's text is recorded.
RECORD_STREAM = """() => {
  window.__lengths = [];
  new MutationObserver(() => {
    const bubbles = document.querySelectorAll('.msg-assistant .content');
    const last = bubbles[bubbles.length - 1];
    if (last) window.__lengths.push([last.textContent.length, last.closest('.msg').classList.contains('streaming')]);
  }).observe(document.querySelector('#log'), {childList: true, subtree: true, characterData: true});
}"""


def test_question_streams_a_grounded_answer_then_a_chip_and_a_reload_restore_it(tab):
    page = tab.open().page
    page.evaluate(RECORD_STREAM)
    tab.send("What matches are on today?")
    assert page.locator(".msg-user .content").first.inner_text() == "What matches are on today?"
    [first] = tab.wait_answers(1)

    lengths = page.evaluate("window.__lengths")
    streaming = [n for n, live in lengths if live and n]
    assert streaming, "the answer was shown while it streamed"
    # Lines turn into cards as they complete, so the length is not strictly monotonic, but it grows.
    assert len(set(streaming)) >= 3, f"several chunks were shown: {streaming}"
    assert streaming[0] < streaming[-1], f"text grew as it streamed: {streaming}"
    teams = [name for name in _sandbox_team_names() if name in first]
    assert teams, f"the answer names real fixtures: {first[:300]}"
    assert page.locator("#log").get_attribute("aria-live") == "polite"
    tab.shot("01-answer-streamed")

    chips = page.locator(".msg-assistant").last.locator(".chip")
    assert chips.count() >= 1, "the answer offers follow-up suggestions"
    suggestion = chips.first.inner_text()
    chips.first.click()
    answers = tab.wait_answers(2)
    assert page.locator(".msg-user .content").nth(1).inner_text() == suggestion
    assert answers[1].strip() and answers[1] != suggestion
    assert page.evaluate("document.activeElement.id") == "input", "focus returns to the message box"
    tab.shot("02-after-suggestion")

    session_id = page.evaluate("localStorage.getItem('chatbet.sessionId')")
    assert session_id
    page.reload()
    tab.wait_online()
    restored = tab.wait_answers(2)
    assert [a.strip() for a in restored] == [a.strip() for a in answers]
    assert page.locator(".msg-user .content").all_inner_texts() == ["What matches are on today?", suggestion]
    assert page.evaluate("localStorage.getItem('chatbet.sessionId')") == session_id
    page.wait_for_selector(f'#conversations [data-session-id="{session_id}"]')
    tab.shot("03-restored-after-reload")


def test_html_in_messages_is_shown_as_text_and_never_runs(tab):
    page = tab.open().page
    attacks = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
               "**<img src=x onerror=\"window.__xss=1\">** | <b>bold?</b>"]
    for n, attack in enumerate(attacks, start=1):
        tab.send(attack)
        tab.wait_answers(n)
    assert page.locator(".msg-user .content").all_inner_texts() == attacks
    assert page.locator(".msg img, .msg script, .msg b, .notice img").count() == 0

    # The renderer itself, fed hostile Markdown (as an answer that echoes the user could be).
    rendered = page.evaluate("""async () => {
      const { renderMarkdown } = await import('/static/chat/markdown.js');
      const box = document.createElement('div');
      box.append(renderMarkdown(
        '**<img src=x onerror="window.__xss=1">** and *<script>window.__xss=2</script>*\\n\\n' +
        '| Match | <b>x</b> |\\n|---|---|\\n| <svg onload="window.__xss=3"> | 1.85 |\\n\\n- <iframe src=x>'));
      document.body.append(box);
      await new Promise(r => setTimeout(r, 100));
      const tags = [...box.querySelectorAll('*')].map(e => e.tagName.toLowerCase());
      return { tags: [...new Set(tags)].sort(), text: box.textContent };
    }""")
    assert set(rendered["tags"]) <= {"p", "strong", "em", "div", "table", "thead", "tbody", "tr", "th", "td",
                                     "ul", "li"}, rendered["tags"]
    for fragment in ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=2</script>",
                     '<svg onload="window.__xss=3">', "<iframe src=x>"]:
        assert fragment in rendered["text"]
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert tab.dialogs == []
    tab.shot("04-html-as-text")


def test_reconnects_after_a_dropped_connection_and_keeps_the_session(tab):
    page = tab.open().page
    tab.send("Hello")
    tab.wait_answers(1)
    session_id = page.evaluate("window.chatbet.state.sessionId")
    page.evaluate("""() => {
      window.__states = [];
      new MutationObserver(() => window.__states.push(document.querySelector('#status').dataset.state))
        .observe(document.querySelector('#status'), {attributes: true, attributeFilter: ['data-state']});
      window.chatbet.chat.attempt = 2;  // the first retry waits ~2 s: long enough to type while offline
      window.chatbet.chat.ws.close(4000);  // as a dropped network would, from the page's point of view
    }""")
    tab.wait_until("window.__states.includes('offline')")
    assert "Reconnecting in" in page.inner_text("#status")
    tab.send("What matches are on tomorrow?")  # while offline: queued, and it brings the socket back now
    tab.wait_until("window.__states.includes('offline') && window.__states.at(-1) === 'online'")
    assert page.inner_text("#status-text") == "Connected"
    assert page.evaluate("window.chatbet.state.sessionId") == session_id, "the conversation resumed"
    answers = tab.wait_answers(2)
    assert page.locator(".msg-assistant").count() == 2
    assert page.locator(".msg.pending").count() == 0
    assert "tomorrow" in answers[1].lower() or any(name in answers[1] for name in _sandbox_team_names())


def test_an_answer_interrupted_by_a_dropped_connection_is_recovered(tab):
    page = tab.open().page
    page.evaluate("""() => {
      document.querySelector('#input').value = 'Odds for Barcelona';
      document.querySelector('#composer').requestSubmit();
      window.chatbet.chat.ws.close(4000);  // the question left, the answer will find no socket
    }""")
    [answer] = tab.wait_answers(1)
    assert "Barcelona" in answer
    assert page.locator(".msg-user").count() == 1
    assert page.evaluate("window.chatbet.state.busy") is False


def test_a_replayed_answer_is_not_shown_twice(tab):
    ends: list[str] = []
    tab.page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: ends.append(payload) if '"streaming_end"' in str(payload) else None))
    page = tab.open().page
    frame = """() => window.chatbet.chat.send({type: 'user_message', content: 'Odds for Arsenal',
      user_id: 'web-test', message_id: '7b0c3c3e-0f0e-4c55-9f0a-2d8f7f1d2a11', metadata: {language: 'en'}})"""
    page.evaluate(frame)
    [first] = tab.wait_answers(1)
    page.evaluate(frame)  # the same client message id again: the server replays the stored answer
    deadline = time.monotonic() + 10
    while len(ends) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert len(ends) == 2, "the server replayed the answer"
    page.wait_for_timeout(100)
    assert tab.answers().count() == 1
    assert tab.wait_answers(1) == [first]


def test_spanish_interface_and_phone_layout(browser, server_url):
    tab = Page(browser, server_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
               timezone_id="Europe/Madrid", locale="es-ES")
    try:
        page = tab.open().page
        assert page.evaluate("document.querySelector('#sidebar').getBoundingClientRect().right") <= 0, \
            "the sidebar is a drawer on a phone"
        assert not page.locator("#new-chat").is_visible(), "a closed drawer is out of the tab order"
        page.click("#menu-toggle")
        tab.wait_until("document.querySelector('#sidebar').getBoundingClientRect().x >= 0")
        assert page.get_attribute("#menu-toggle", "aria-expanded") == "true"
        page.select_option("#lang", "es")
        assert page.get_attribute("html", "lang") == "es"
        assert page.get_attribute("#input", "placeholder").startswith("Pregunta")
        assert page.inner_text("#new-chat").strip() == "Nuevo chat"
        page.keyboard.press("Escape")
        tab.wait_until("document.querySelector('#sidebar').getBoundingClientRect().right <= 0")
        assert page.evaluate("document.activeElement.id") == "menu-toggle", "focus goes back to the menu button"
        tab.send("¿Qué partidos hay mañana?")
        [answer] = tab.wait_answers(1)
        assert "partidos" in answer.lower(), answer[:200]
        assert "CET" in answer, f"kick-off times are in the browser's time zone: {answer[:300]}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"no sideways scrolling on a phone ({width}px)"
        tab.shot("05-phone-spanish")
        assert not tab.errors, tab.errors
    finally:
        tab.close()


def test_portuguese_browser_gets_a_portuguese_page_and_can_switch_language(browser, server_url):
    """The page's strings come from the server's catalogue in the browser's language; the switch reloads
    the page in the chosen one (a cookie), and the answers follow."""
    tab = Page(browser, server_url, locale="pt-BR", timezone_id="America/Sao_Paulo")
    try:
        page = tab.open().page
        assert page.get_attribute("html", "lang") == "pt-br"
        assert page.input_value("#lang") == "pt_br"
        assert page.get_attribute("#input", "placeholder") == "Pergunte sobre jogos, odds ou uma aposta…"
        assert page.inner_text("#new-chat").strip() == "Novo chat"
        assert page.inner_text("#status-text") == "Conectado"
        tab.send("Quais jogos tem amanhã?")
        [answer] = tab.wait_answers(1)
        assert "jogos" in answer.lower() and "matches" not in answer.lower(), answer[:200]
        page.select_option("#lang", "es")
        page.wait_for_selector('html[lang="es"]')
        tab.wait_online()
        assert page.inner_text("#new-chat").strip() == "Nuevo chat"
        assert page.input_value("#lang") == "es"
        assert not tab.errors, tab.errors
    finally:
        tab.close()


def test_live_odds_panel_follows_fixtures_from_answers(tab):
    page = tab.open().page
    tab.send("Odds for Real Madrid")
    [answer] = tab.wait_answers(1)
    # the server's clock starts at DEFAULT_CLOCK, when Real Madrid's next match is days away: prices are open
    assert re.search(r"\d\.\d\d", answer), f"the engine gave no prices to follow: {answer[:200]}"
    tab.wait_until("[...document.querySelectorAll('#odds-list .odds-item:first-child .price b')]"
                   ".some(b => /\\d\\.\\d\\d/.test(b.textContent))")
    item = page.locator("#odds-list .odds-item").first
    assert "Real Madrid" in item.inner_text()
    prices = item.locator(".price b").all_inner_texts()
    assert any(re.fullmatch(r"\d+\.\d\d", p) for p in prices), prices

    # A `sports_update` push (wire shape of sports/domain.py::OddsChange.as_wire) moves the price.
    fixture_id = item.get_attribute("data-fixture-id")
    home = item.locator('[data-side="home"]')
    before = float(home.locator("b").inner_text())
    page.evaluate("""([id, price]) => window.chatbet.odds.socket.handlers.onFrame({
      type: 'sports_update', fixture_id: id, market: '1x2', old_odds: {}, new_odds: {home: price},
      timestamp: new Date().toISOString()})""", [fixture_id, round(before + 0.25, 2)])
    assert home.locator("b").inner_text() == f"{before + 0.25:.2f}"
    assert "up" in home.get_attribute("class").split()
    tab.shot("06-live-odds")


def test_feedback_then_login_keeps_the_guest_chat_then_delete_and_logout(tab, server_url):
    username, password = f"web{os.urandom(3).hex()}", "a-Long-pass-4821"
    request = urllib.request.Request(f"{server_url}/api/v1/auth/register", method="POST",
                                     data=json.dumps({"username": username, "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
        assert response.status == 201

    page = tab.open().page
    assert page.inner_text("#account-name") == "Guest mode"
    tab.send("Odds for Barcelona")
    tab.wait_answers(1)
    thumbs_up = page.locator(".msg-assistant .tool-btn[data-rating='up']")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/chat/feedback")) as feedback:
        thumbs_up.click()
    assert feedback.value.status == 201
    assert thumbs_up.get_attribute("aria-pressed") == "true"
    session_id = page.evaluate("window.chatbet.state.sessionId")

    page.click("#login-open")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#login-form button[type=submit]")
    page.locator("#logout").wait_for()
    assert page.inner_text("#account-name") == f"Signed in as {username}"
    tab.wait_online()
    # The guest's conversation moved to the account: still listed, still the open one.
    page.locator(f'#conversations [data-session-id="{session_id}"]').wait_for()
    assert page.evaluate("window.chatbet.state.sessionId") == session_id
    assert page.locator(".msg-assistant").count() == 1

    delete = page.locator(f'#conversations [data-session-id="{session_id}"] .conv-delete')
    delete.click()
    assert delete.inner_text() == "Delete?"  # a second click confirms
    delete.click()
    page.locator("#conversations-empty").wait_for()
    page.locator("#welcome").wait_for()
    assert page.locator(".msg").count() == 0
    tab.wait_until(f"window.chatbet.state.sessionId && window.chatbet.state.sessionId !== '{session_id}'")

    page.click("#logout")
    page.locator("#login-open").wait_for()
    assert page.inner_text("#account-name") == "Guest mode"


def test_markdown_whitelist_fixture_cards_and_local_kickoff_times(browser, server_url):
    tab = Page(browser, server_url, timezone_id="America/Bogota")
    try:
        page = tab.open().page
        result = page.evaluate("""async () => {
          const { renderMarkdown } = await import('/static/chat/markdown.js');
          const { parseFixtureTable, fixtureCards, renderSpecialList } = await import('/static/chat/fixtures.js');
          const box = document.createElement('div');
          const found = [];
          box.append(renderMarkdown(
            '**Bold** and *italic* and `code`\\nsecond line\\n\\n1. one\\n2. two\\n\\n' +
            '| Match | Kick-off | 1 | X | 2 |\\n|---|---|---|---|---|\\n' +
            '| Getafe vs Real Madrid | 2026-11-28T20:00:00Z | 8.13 | 4.31 | 1.40 |\\n\\n' +
            '- Arsenal vs Chelsea — Premier League, Sat 28 Nov 17:30 UTC\\n\\n' +
            '- 1X2: Arsenal 1.80 · Draw 3.60 · Chelsea 4.50 (bookmaker margin 5.0%)',
            { renderTable: (h, rows) => { const f = parseFixtureTable(h, rows); return f && fixtureCards(f, 'en'); },
              renderList: (items) => renderSpecialList(items, 'en', found) }));
          const q = (s) => [...box.querySelectorAll(s)];
          return {
            strong: q('strong').map(e => e.textContent), em: q('em').map(e => e.textContent),
            code: q('code').map(e => e.textContent), br: q('p br').length, ol: q('ol li').map(e => e.textContent),
            cards: q('.fixture-card').map(e => [e.dataset.home, e.dataset.away]),
            prices: q('.fixture-card .price b').map(e => e.textContent),
            time: q('.fixture-card time').map(e => [e.dateTime, e.textContent]),
            market: q('.market .price').map(e => e.textContent),
            found: found.map(f => f.home),
          };
        }""")
        assert result["strong"] == ["Bold"] and result["em"] == ["italic"] and result["code"] == ["code"]
        assert result["br"] == 1 and result["ol"] == ["one", "two"]
        assert result["cards"] == [["Getafe", "Real Madrid"], ["Arsenal", "Chelsea"]]
        assert result["prices"] == ["8.13", "4.31", "1.40"]
        [[iso, shown]] = result["time"]
        assert iso == "2026-11-28T20:00:00Z" and "15:00" in shown, "20:00 UTC is 15:00 in Bogotá"
        assert result["market"] == ["Arsenal1.80", "Draw3.60", "Chelsea4.50"]
        assert result["found"] == ["Arsenal"]
    finally:
        tab.close()


def _linked_login(server_url: str) -> dict:
    """A registered user logged in with a sandbox user key (a linked ChatBet account with a 1000 USD balance)."""
    username, password = f"bet{os.urandom(3).hex()}", "a-Long-pass-4821"
    for path, body in (("register", {"username": username, "password": password}),
                       ("login", {"username": username, "password": password, "userKey": "demo-key-1"})):
        request = urllib.request.Request(f"{server_url}/api/v1/auth/{path}", method="POST",
                                         data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
            data = json.loads(response.read())
    assert data["chatbet_linked"] is True
    return {"access": data["access"], "refresh": data["refresh"], "username": username}


def _api(server_url: str, path: str, token: str, method: str = "GET") -> dict:
    request = urllib.request.Request(f"{server_url}/api/v1/{path}", method=method, data=b"{}" if method == "POST"
                                     else None, headers={"Authorization": f"Bearer {token}",
                                                         "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
        return json.loads(response.read())


def test_a_proposed_bet_is_a_slip_card_whose_buttons_confirm_or_cancel_that_slip(tab, server_url):
    auth = _linked_login(server_url)
    page = tab.page
    page.goto(server_url)
    page.evaluate("(auth) => localStorage.setItem('chatbet.auth', JSON.stringify(auth))", auth)
    page.reload()
    tab.wait_online()
    assert page.inner_text("#account-name") == f"Signed in as {auth['username']}"
    before = Decimal(str(_api(server_url, "auth/balance", auth["access"])["playable"]))

    tab.send("bet 10 on Arsenal to win")
    [shown] = tab.wait_answers(1)
    first = page.locator(".msg-assistant").nth(0).locator('.slip-card[data-state="proposed"]')
    first.wait_for()

    def field(card, name: str) -> str:
        return card.locator(f'.slip-row[data-field="{name}"] dd').inner_text().strip()

    odds = field(first, "odds")
    assert re.fullmatch(r"\d+\.\d\d", odds) and odds in shown, "the card shows the odds the answer states"
    assert field(first, "selection") == "Arsenal to win" and field(first, "market") == "Match result (1X2)"
    assert first.locator(".slip-stake").inner_text() == "10.00"
    assert first.locator(".slip-currency").inner_text() == "USD"
    assert field(first, "return") == f"{Decimal('10') * Decimal(odds):.2f} USD"
    [slip] = _api(server_url, "bets/slips", auth["access"])
    assert first.locator("time").get_attribute("datetime") == slip["expires_at"]
    assert re.fullmatch(r"\d\d:\d\d( [AP]M)?", field(first, "expires")), field(first, "expires")
    assert "Arsenal" in first.locator(".slip-fixture").inner_text()
    assert first.locator(".slip-state").inner_text() == "Awaiting confirmation"
    tab.shot("07-slip-card-proposed")

    # A newer bet in the same conversation replaces the first slip: its Confirm now gets the server's "expired".
    tab.send("bet 5 on over 2.5 goals in the Arsenal game")
    tab.wait_answers(2)
    second = page.locator(".msg-assistant").nth(1).locator(".slip-card")
    second.wait_for()
    assert field(second, "market") == "Over/under" and field(second, "line") == "2.5"
    assert field(second, "selection") == "Over 2.5 goals"
    first.locator(".slip-confirm").click()
    page.locator('.msg-assistant >> nth=0 >> .slip-card[data-state="expired"]').wait_for()
    expired = page.locator(".msg-assistant").nth(0).locator(".slip-card")
    assert expired.locator(".slip-message").inner_text().startswith("That bet is no longer on offer")
    assert expired.locator("button").count() == 0, "a slip that is not waiting has no buttons"

    second.locator(".slip-cancel").click()
    page.locator('.msg-assistant >> nth=1 >> .slip-card[data-state="cancelled"]').wait_for()
    assert second.locator(".slip-message").inner_text() == "That bet was cancelled; nothing was placed."

    # The third is confirmed from its card: placed once, the balance goes down by the stake.
    tab.send("bet 10 on Arsenal to win")
    tab.wait_answers(3)
    third = page.locator(".msg-assistant").nth(2).locator(".slip-card")
    third.wait_for()
    with page.expect_response(lambda r: r.url.endswith("/confirm")) as confirmed:
        third.locator(".slip-confirm").click()
    assert confirmed.value.status == 200
    page.locator('.msg-assistant >> nth=2 >> .slip-card[data-state="placed"]').wait_for()
    said = third.locator(".slip-message").inner_text()
    assert said.startswith(f"Placed: 10.00 USD on Arsenal to win at {field(third, 'odds')}") and "SBX" in said
    assert third.locator(".slip-state").inner_text() == "Placed"
    assert page.locator(".msg-assistant").nth(2).locator(".chip").count() == 0, "no 'yes, place it' chip left"
    tab.shot("08-slip-card-placed")
    after = Decimal(str(_api(server_url, "auth/balance", auth["access"])["playable"]))
    assert after == before - Decimal("10")

    # "yes, place it" in the chat afterwards places nothing more; the placed card stays the only card of that slip.
    tab.send("yes, place it")
    [*_, last] = tab.wait_answers(4)
    assert "already confirmed" in last or "no bet waiting" in last, last
    assert page.locator(".slip-card").count() == 3
    mine = _api(server_url, "bets", auth["access"])
    assert [bet["state"] for bet in mine] == ["placed"]
    assert Decimal(str(_api(server_url, "auth/balance", auth["access"])["playable"])) == after

    page.reload()  # the history brings the cards back as the slips stand now, without buttons
    tab.wait_online()
    tab.wait_answers(4)
    page.locator('.msg-assistant >> nth=2 >> .slip-card[data-state="placed"]').wait_for()
    states = [page.locator(".msg-assistant").nth(i).locator(".slip-card").get_attribute("data-state")
              for i in range(3)]
    assert states == ["expired", "cancelled", "placed"] and page.locator(".slip-card button").count() == 0


def test_slip_card_text_is_never_html(tab):
    page = tab.open().page
    result = page.evaluate("""async () => {
      const { SlipCards } = await import('/static/chat/slips.js');
      const cards = new SlipCards({ api: null, tr: (k) => k, getLang: () => 'en' });
      const box = document.createElement('div');
      document.body.append(box);
      const evil = '<img src=x onerror="window.__xss=1">';
      cards.show(box, { id: 'x1', state: 'refused', fixture_label: evil, market: '<b>m</b>', selection: 'home',
        line: '<script>window.__xss=2</script>', label: evil, odds: '1.5', stake: '2', currency: '<i>U</i>',
        possible_win: '3', expires_at: 'nope', message: '<svg onload="window.__xss=3">' });
      await new Promise(r => setTimeout(r, 100));
      return { tags: [...new Set([...box.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))].sort(),
               text: box.textContent };
    }""")
    assert set(result["tags"]) <= {"section", "header", "span", "p", "dl", "div", "dt", "dd", "time"}, result["tags"]
    for fragment in ('<img src=x onerror="window.__xss=1">', '<svg onload="window.__xss=3">', "<i>U</i>"):
        assert fragment in result["text"]
    assert page.evaluate("window.__xss") is None and tab.dialogs == []
