// ChatBet web chat: wires the page to /ws/chat and the REST API. No framework, no build step.
// Every piece of server or user text reaches the DOM through textContent or the Markdown renderer
// (which only creates text nodes and whitelisted elements).

import { Api, asList } from "./api.js";
import { fixtureCards, parseFixtureTable, renderSpecialList } from "./fixtures.js";
import { LANGUAGES, applyStrings, locale, pageLanguage, switchLanguage, t } from "./i18n.js";
import { icon } from "./icons.js";
import { renderMarkdown, tableElement } from "./markdown.js";
import { OddsPanel, fixtureSummary } from "./odds.js";
import { SlipCards } from "./slips.js";
import { ReconnectingSocket, bearerProtocols, wsURL } from "./socket.js";

const $ = (sel, root = document) => root.querySelector(sel);
const config = JSON.parse($("#cb-config")?.textContent || "{}");
const STORE = { session: "chatbet.sessionId", user: "chatbet.userId", lang: "chatbet.lang" };
const ANSWER_TIMEOUT_MS = 45000;
const ODDS_HEAD = /^(?:Odds for|Cuotas de|Odds de)\s+(.+?)\s+vs\.?\s+(.+?)\s+\(/m;

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function initialLang() {
  // The server chose the page's language (the language cookie, else Accept-Language) and sent its catalogue.
  return pageLanguage();
}

const el = {
  app: $("#app"),
  log: $("#log"),
  welcome: $("#welcome"),
  form: $("#composer"),
  input: $("#input"),
  send: $("#send"),
  status: $("#status"),
  statusText: $("#status-text"),
  statusRetry: $("#status-retry"),
  reconnect: $("#reconnect"),
  convList: $("#conversations"),
  convEmpty: $("#conversations-empty"),
  newChat: $("#new-chat"),
  lang: $("#lang"),
  account: $("#account-name"),
  loginBtn: $("#login-open"),
  logoutBtn: $("#logout"),
  loginDialog: $("#login-dialog"),
  loginForm: $("#login-form"),
  loginError: $("#login-error"),
  loginCancel: $("#login-cancel"),
  menuBtn: $("#menu-toggle"),
  oddsBtn: $("#odds-toggle"),
  oddsCount: $("#odds-count"),
  backdrop: $("#backdrop"),
  sidebar: $("#sidebar"),
  odds: $("#odds"),
  announcer: $("#announcer"),
  title: $("#chat-title"),
};

const state = {
  lang: initialLang(),
  sessionId: localStorage.getItem(STORE.session) || null,
  userId: localStorage.getItem(STORE.user) || `web-${uuid().slice(0, 8)}`,
  busy: false,
  busyTimer: null,
  awaiting: null, // client message id of the question waiting for an answer
  awaitingSent: false, // ...and whether it left on a socket (not just queued)
  streams: new Map(), // server message id -> bubble
  typingEl: null,
  acked: false,
  conversations: [],
};
localStorage.setItem(STORE.user, state.userId);

const api = new Api(config.api_base || "/api/v1");
api.onAuthChange = () => renderAccount(); // e.g. the refresh token expired: back to guest mode
const odds = new OddsPanel({
  root: el.odds,
  list: $("#odds-list"),
  empty: $("#odds-empty"),
  api,
  getLang: () => state.lang,
});

// --- small helpers ------------------------------------------------------------------------------
const tr = (key, vars) => t(state.lang, key, vars);
const slipCards = new SlipCards({ api, tr, getLang: () => state.lang, announce: (text) => announce(text) });

function announce(text) {
  el.announcer.textContent = "";
  requestAnimationFrame(() => {
    el.announcer.textContent = text;
  });
}

function nearBottom() {
  return el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 80;
}

// Follow the conversation while the reader is at the end; stop once they scroll up to read.
let stickToEnd = true;
el.log.addEventListener("scroll", () => {
  stickToEnd = nearBottom();
}, { passive: true });

function scrollToEnd(force = false) {
  if (force) stickToEnd = true;
  if (stickToEnd) el.log.scrollTop = el.log.scrollHeight;
}

function setBusy(busy) {
  state.busy = busy;
  clearTimeout(state.busyTimer);
  if (busy) state.busyTimer = setTimeout(() => setBusy(false), ANSWER_TIMEOUT_MS);
  el.send.disabled = busy || !el.input.value.trim();
  el.form.setAttribute("aria-busy", String(busy));
}

function saveSession(id) {
  state.sessionId = id;
  if (id) localStorage.setItem(STORE.session, id);
  else localStorage.removeItem(STORE.session);
  for (const item of el.convList.querySelectorAll("[data-session-id]")) {
    const current = item.dataset.sessionId === id;
    item.classList.toggle("active", current);
    item.querySelector(".conv-open")?.setAttribute("aria-current", current ? "true" : "false");
  }
}

// --- messages -----------------------------------------------------------------------------------
function renderAnswer(container, text) {
  const found = [];
  container.replaceChildren(
    renderMarkdown(text, {
      lang: state.lang,
      renderTable: (header, rows) => {
        const fixtures = parseFixtureTable(header, rows);
        if (!fixtures) return tableElement(header, rows, state.lang);
        found.push(...fixtures);
        return fixtureCards(fixtures, state.lang);
      },
      renderList: (items) => renderSpecialList(items, state.lang, found),
    }),
  );
  // "Odds for Home vs Away (Tournament, when):" names the fixture whose prices follow.
  const head = ODDS_HEAD.exec(text);
  if (head) found.push({ id: null, home: head[1].trim(), away: head[2].trim() });
  return found;
}

function hideWelcome() {
  el.welcome.hidden = true;
}

function makeMessage(role) {
  hideWelcome();
  const article = document.createElement("article");
  article.className = `msg msg-${role}`;
  const who = document.createElement("h2");
  who.className = "sr-only";
  who.textContent = role === "user" ? tr("you") : tr("assistant");
  const avatar = document.createElement("div");
  avatar.className = "avatar";
  avatar.setAttribute("aria-hidden", "true");
  avatar.textContent = role === "user" ? "" : "CB";
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  const content = document.createElement("div");
  content.className = role === "user" ? "content plain" : "content md";
  bubble.append(content);
  article.append(who, avatar, bubble);
  el.log.append(article);
  return { article, bubble, content };
}

function addUserMessage(text, { pending = false } = {}) {
  const msg = makeMessage("user");
  msg.content.textContent = text;
  if (pending) msg.article.classList.add("pending");
  scrollToEnd(true);
  return msg;
}

function addAssistantMessage({ text = "", messageId = null, suggestions = [], streaming = false } = {}) {
  const msg = makeMessage("assistant");
  if (messageId) msg.article.dataset.messageId = messageId;
  msg.text = text;
  if (streaming) {
    msg.article.classList.add("streaming");
    msg.content.setAttribute("aria-busy", "true");
  }
  if (text) msg.fixtures = renderAnswer(msg.content, text);
  if (!streaming) finishAssistant(msg, { suggestions, messageId });
  return msg;
}

function finishAssistant(msg, { suggestions = [], messageId = null } = {}) {
  msg.article.classList.remove("streaming");
  msg.content.removeAttribute("aria-busy");
  if (messageId) msg.article.dataset.messageId = messageId;
  for (const old of msg.bubble.querySelectorAll(".msg-tools, .chips")) old.remove();
  msg.bubble.append(messageTools(msg));
  if (suggestions.length) msg.bubble.append(chips(suggestions));
}

function messageTools(msg) {
  const tools = document.createElement("div");
  tools.className = "msg-tools";
  const messageId = msg.article.dataset.messageId;
  for (const [rating, key] of [["up", "helpful"], ["down", "not_helpful"]]) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "tool-btn";
    b.dataset.rating = rating;
    b.setAttribute("aria-label", tr(key));
    b.title = tr(key);
    b.setAttribute("aria-pressed", "false");
    b.append(icon(rating));
    b.disabled = !messageId;
    b.addEventListener("click", () => sendFeedback(tools, messageId, rating));
    tools.append(b);
  }
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "tool-btn";
  const copyLabel = (key, name) => {
    copy.replaceChildren(icon(name), document.createTextNode(` ${tr(key)}`));
  };
  copyLabel("copy", "copy");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(msg.text || msg.content.textContent);
      copyLabel("copied", "check");
      setTimeout(() => copyLabel("copy", "copy"), 1500);
    } catch {
      /* clipboard needs permission; nothing to do */
    }
  });
  tools.append(copy);
  return tools;
}

async function sendFeedback(tools, messageId, rating) {
  for (const b of tools.querySelectorAll("[data-rating]")) {
    b.setAttribute("aria-pressed", String(b.dataset.rating === rating));
  }
  try {
    await api.feedback(messageId, rating);
    announce(tr("thanks_feedback"));
  } catch {
    /* keep the visual choice; feedback is best effort */
  }
}

function chips(suggestions) {
  const wrap = document.createElement("div");
  wrap.className = "chips";
  wrap.setAttribute("role", "group");
  wrap.setAttribute("aria-label", tr("suggestions"));
  for (const text of suggestions.slice(0, 4)) {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = "chip";
    chip.textContent = text;
    chip.addEventListener("click", () => {
      sendMessage(text);
      el.input.focus();
    });
    wrap.append(chip);
  }
  return wrap;
}

function clearOldChips() {
  for (const c of el.log.querySelectorAll(".msg .chips")) c.remove();
}

function addNotice(text, kind = "error") {
  hideWelcome();
  const div = document.createElement("div");
  div.className = `notice ${kind}`;
  div.setAttribute("role", kind === "error" ? "alert" : "status");
  div.textContent = text;
  el.log.append(div);
  scrollToEnd(true);
}

function showTyping(on) {
  if (on && !state.typingEl && state.streams.size === 0) {
    const div = document.createElement("div");
    div.className = "typing";
    div.setAttribute("role", "status");
    const label = document.createElement("span");
    label.className = "sr-only";
    label.textContent = tr("typing");
    div.append(label);
    for (let i = 0; i < 3; i++) {
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.setAttribute("aria-hidden", "true");
      div.append(dot);
    }
    el.log.append(div);
    state.typingEl = div;
    scrollToEnd();
  } else if (!on && state.typingEl) {
    state.typingEl.remove();
    state.typingEl = null;
  }
}

function clearLog() {
  for (const node of [...el.log.children]) if (node !== el.welcome) node.remove();
  el.welcome.hidden = false;
  state.streams.clear();
  state.typingEl = null;
}

// --- the chat socket ----------------------------------------------------------------------------
const chat = new ReconnectingSocket(
  async () => ({
    url: wsURL(config.ws_chat || "/ws/chat", { user_id: state.userId, session_id: state.sessionId }),
    protocols: bearerProtocols(await api.token()),
  }),
  {
    onFrame: onChatFrame,
    onStatus: showStatus,
    onAuthError: () => api.invalidate(),
    prepare: (frame) => {
      if (frame.type !== "user_message") return frame;
      if (frame.message_id === state.awaiting) state.awaitingSent = true; // on the wire now
      return { ...frame, session_id: state.sessionId };
    },
  },
  { readyType: "connection_ack" },
);

let retryTicker = null;
function showStatus({ state: s, retryIn }) {
  clearInterval(retryTicker);
  el.status.dataset.state = s;
  el.reconnect.hidden = s !== "elsewhere" && s !== "offline";
  if (s === "online") el.statusText.textContent = tr("status_online");
  else if (s === "connecting") el.statusText.textContent = tr("status_connecting");
  else if (s === "elsewhere") el.statusText.textContent = tr("status_elsewhere");
  el.statusRetry.textContent = "";
  if (s === "offline") {
    // The countdown is visual only: a live region ticking every second would drown a screen reader.
    el.statusText.textContent = tr("status_offline");
    const until = Date.now() + (retryIn || 0);
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      el.statusRetry.textContent = left ? `· ${tr("status_retry", { s: left })}` : "";
    };
    tick();
    retryTicker = setInterval(tick, 1000);
  }
}

function onChatFrame(frame) {
  switch (frame.type) {
    case "connection_ack":
      return onAck(frame);
    case "typing":
      return showTyping(Boolean(frame.is_typing));
    case "streaming_start":
      return streamBubble(frame.message_id);
    case "streaming_response": {
      if (!frame.full_content) return;
      const msg = streamBubble(frame.message_id);
      msg.text = frame.full_content;
      msg.fixtures = renderAnswer(msg.content, msg.text);
      scrollToEnd();
      return;
    }
    case "streaming_end":
      if (!frame.final_content) return;
      return completeAnswer(frame.message_id, frame.final_content, frame);
    case "bot_response":
      return completeAnswer(frame.message_id, frame.content, frame);
    case "error":
      showTyping(false);
      setBusy(false);
      markQuestionSent();
      return addNotice(frame.data || frame.error_message || frame.content || tr("error_generic"));
    case "notice":
      showTyping(false);
      markQuestionSent();
      setBusy(false);
      return;
    case "connection_status":
      return;
    default:
      return;
  }
}

function onAck(frame) {
  const resumed = state.acked;
  state.acked = true;
  if (frame.session_id && frame.session_id !== state.sessionId) {
    // A new conversation, or the old one is gone / belongs to someone else: start clean.
    if (state.sessionId && el.log.querySelector(".msg")) clearLog();
    saveSession(frame.session_id);
  }
  if (resumed && state.awaiting && state.awaitingSent) {
    // We dropped while an answer was on its way: the server kept it; fetch it from history
    // unless it starts arriving on this connection anyway.
    const awaited = state.awaiting;
    setTimeout(() => {
      if (state.awaiting === awaited && state.streams.size === 0) loadHistory(state.sessionId, { quiet: true });
    }, 800);
  }
}

/** An answer already on screen (e.g. restored from history, then replayed by the server). */
function shownMessage(messageId) {
  const article = messageId && el.log.querySelector(`.msg[data-message-id="${CSS.escape(messageId)}"]`);
  if (!article) return null;
  article.classList.add("streaming");
  return { article, bubble: article.querySelector(".bubble"), content: article.querySelector(".content") };
}

function streamBubble(messageId) {
  let msg = state.streams.get(messageId);
  if (!msg) {
    showTyping(false);
    markQuestionSent();
    msg = shownMessage(messageId) || addAssistantMessage({ messageId, streaming: true });
    state.streams.set(messageId, msg);
  }
  return msg;
}

function markQuestionSent() {
  for (const p of el.log.querySelectorAll(".msg.pending")) p.classList.remove("pending");
}

function completeAnswer(messageId, text, frame) {
  showTyping(false);
  const msg = state.streams.get(messageId) || shownMessage(messageId) ||
    addAssistantMessage({ messageId, streaming: true });
  state.streams.delete(messageId);
  markQuestionSent();
  msg.text = text;
  msg.fixtures = renderAnswer(msg.content, text);
  finishAssistant(msg, { suggestions: frame.suggested_actions || [], messageId });
  if (frame.bet_slip) showSlip(msg, frame.bet_slip);
  state.awaiting = null;
  setBusy(false);
  announce(tr("answer_received"));
  scrollToEnd();
  followFixtures(msg.fixtures, frame.entities);
  refreshConversations();
}

/** The answer's slip as a card under its text (or the card already showing that slip, brought up to date). */
function showSlip(msg, slip) {
  const known = slipCards.find(el.log, slip.id);
  if (known) slipCards.render(known, slip);
  else slipCards.show(msg.bubble, slip, { after: msg.content });
}

function sendMessage(text) {
  const content = text.trim();
  if (!content || state.busy) return;
  clearOldChips();
  const messageId = uuid();
  const online = chat.isOpen;
  addUserMessage(content, { pending: !online });
  state.awaiting = messageId;
  state.awaitingSent = false;
  setBusy(true);
  chat.send({
    type: "user_message",
    content,
    user_id: state.userId,
    timestamp: new Date().toISOString(),
    session_id: state.sessionId,
    message_id: messageId,
    metadata: {
      language: state.lang,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      client: "web",
    },
  });
}

// --- live odds for fixtures in answers ----------------------------------------------------------
const sameTeam = (a, b) => a && b && a.toLowerCase().trim() === b.toLowerCase().trim();

async function followFixtures(fixtures = [], entities = null) {
  const ids = [];
  if (entities) {
    for (const key of ["fixture_id", "fixture_ids"]) {
      const v = entities[key];
      if (Array.isArray(v)) ids.push(...v);
      else if (v) ids.push(v);
    }
  }
  for (const fx of fixtures) if (fx.id && /^\w+$/.test(fx.id)) ids.push(fx.id);
  const named = fixtures.filter((fx) => !fx.id && fx.home && fx.away).slice(0, 3);
  for (const fx of named) {
    try {
      const found = asList(await api.fixtures({ team: fx.home })).map(fixtureSummary);
      const match = found.find((f) => sameTeam(f.home, fx.home) && sameTeam(f.away, fx.away)) ||
        found.find((f) => sameTeam(f.home, fx.home) || sameTeam(f.away, fx.home));
      if (match) odds.track(match);
    } catch {
      /* no live odds for this one */
    }
  }
  for (const id of [...new Set(ids.map(String))].slice(0, 3)) {
    if (odds.has(id)) continue;
    try {
      odds.track(await api.fixture(id));
    } catch {
      /* unknown fixture: nothing to follow */
    }
  }
  updateOddsCount();
}

function updateOddsCount() {
  requestAnimationFrame(() => {
    const n = $("#odds-list").children.length;
    el.oddsCount.textContent = n ? String(n) : "";
    el.oddsCount.hidden = !n;
  });
}

// --- history and conversations ------------------------------------------------------------------
function historyMessages(data) {
  return asList(data, "messages", "history");
}

async function loadHistory(sessionId, { quiet = false } = {}) {
  if (!sessionId) return;
  let data;
  try {
    data = await api.history(sessionId);
  } catch (err) {
    if (err.status === 404) {
      if (sessionId === state.sessionId) {
        saveSession(null);
        clearLog();
        chat.restart();
      }
    } else if (!quiet) {
      addNotice(tr("history_failed"));
    }
    return;
  }
  if (sessionId !== state.sessionId) return;
  clearLog();
  el.title.textContent = data?.title || "ChatBet";
  const messages = historyMessages(data);
  messages.forEach((m, i) => {
    const role = m.role === "user" ? "user" : "assistant";
    if (role === "user") addUserMessage(m.content || "");
    else {
      const last = i === messages.length - 1;
      const msg = addAssistantMessage({
        text: m.content || "",
        messageId: m.message_id || m.id || null,
        suggestions: last ? m.suggested_actions || [] : [],
      });
      if (m.bet_slip) showSlip(msg, m.bet_slip);
      if (last) followFixtures(msg.fixtures, m.entities);
    }
  });
  if (quiet && state.awaiting) {
    state.awaiting = null;
    setBusy(false);
  }
  scrollToEnd(true);
}

let convTimer = null;
function refreshConversations() {
  clearTimeout(convTimer);
  convTimer = setTimeout(loadConversations, 250);
}

async function loadConversations() {
  let items = [];
  try {
    items = asList(await api.conversations(), "conversations");
  } catch {
    /* keep what is shown */
    return;
  }
  state.conversations = items;
  renderConversations();
}

function convId(c) {
  return String(c.session_id || c.id || "");
}

function relativeTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const diff = (d.getTime() - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale(state.lang), { numeric: "auto" });
  for (const [unit, secs] of [["day", 86400], ["hour", 3600], ["minute", 60]]) {
    if (Math.abs(diff) >= secs) return rtf.format(Math.round(diff / secs), unit);
  }
  return rtf.format(0, "minute");
}

function renderConversations() {
  const list = el.convList;
  list.replaceChildren();
  for (const c of state.conversations) {
    const id = convId(c);
    if (!id) continue;
    const li = document.createElement("li");
    li.className = "conv";
    li.dataset.sessionId = id;
    const current = id === state.sessionId;
    li.classList.toggle("active", current);
    if (current && c.title) el.title.textContent = c.title;
    const open = document.createElement("button");
    open.type = "button";
    open.className = "conv-open";
    open.setAttribute("aria-current", current ? "true" : "false");
    const title = document.createElement("span");
    title.className = "conv-title";
    title.textContent = c.title || c.preview || c.last_message || tr("untitled");
    const when = document.createElement("span");
    when.className = "conv-when";
    when.textContent = relativeTime(c.updated_at || c.last_activity || c.created_at);
    open.append(title, when);
    open.addEventListener("click", () => openConversation(id));
    const del = document.createElement("button");
    del.type = "button";
    del.className = "icon-btn conv-delete";
    del.setAttribute("aria-label", `${tr("delete_conversation")}: ${title.textContent}`);
    del.append(icon("trash"));
    del.addEventListener("click", () => deleteConversation(id, del));
    li.append(open, del);
    list.append(li);
  }
  el.convEmpty.hidden = list.children.length > 0;
}

async function openConversation(id) {
  closeDrawers();
  if (id === state.sessionId) return el.input.focus();
  saveSession(id);
  state.awaiting = null;
  setBusy(false);
  clearLog();
  el.title.textContent = state.conversations.find((c) => convId(c) === id)?.title || tr("untitled");
  chat.restart();
  await loadHistory(id);
  el.input.focus();
}

async function deleteConversation(id, button) {
  if (button.dataset.confirm !== "1") {
    button.dataset.confirm = "1";
    button.textContent = tr("confirm_delete");
    button.classList.add("confirm");
    setTimeout(() => {
      if (button.isConnected) {
        button.dataset.confirm = "";
        button.replaceChildren(icon("trash"));
        button.classList.remove("confirm");
      }
    }, 3000);
    return;
  }
  try {
    await api.deleteConversation(id);
  } catch (err) {
    if (err.status !== 404) return addNotice(tr("error_generic"));
  }
  state.conversations = state.conversations.filter((c) => convId(c) !== id);
  renderConversations();
  announce(tr("deleted"));
  if (id === state.sessionId) newChat();
  else el.newChat.focus();
}

function newChat() {
  closeDrawers();
  saveSession(null);
  state.awaiting = null;
  setBusy(false);
  clearLog();
  el.title.textContent = "ChatBet";
  chat.restart();
  el.input.focus();
}

// --- account ------------------------------------------------------------------------------------
function renderAccount() {
  const name = api.username;
  el.account.textContent = name ? tr("signed_in_as", { name }) : tr("guest_mode");
  el.loginBtn.hidden = Boolean(name);
  el.logoutBtn.hidden = !name;
}

async function onLogin(event) {
  event.preventDefault();
  const data = new FormData(el.loginForm);
  el.loginError.hidden = true;
  try {
    await api.login(String(data.get("username") || ""), String(data.get("password") || ""));
  } catch (err) {
    // A lockout (429) explains itself; anything else gets the plain message (no account probing).
    el.loginError.textContent = err.status === 429 ? err.message : tr("login_failed");
    el.loginError.hidden = false;
    return;
  }
  el.loginForm.reset();
  el.loginDialog.close();
  renderAccount();
  chat.restart(); // the session is kept if it was handed over to the account; else a fresh one
  loadConversations();
  el.input.focus();
}

async function onLogout() {
  await api.logout();
  renderAccount();
  newChat();
  loadConversations();
}

// --- drawers (phone and tablet widths) ----------------------------------------------------------
function openDrawer(which) {
  el.app.classList.add(`${which}-open`);
  const btn = which === "sidebar" ? el.menuBtn : el.oddsBtn;
  btn.setAttribute("aria-expanded", "true");
  el.backdrop.hidden = false;
  (which === "sidebar" ? el.sidebar : el.odds).querySelector("button, select, a")?.focus();
}

function closeDrawers() {
  const wasOpen = el.app.classList.contains("sidebar-open") ? el.menuBtn
    : el.app.classList.contains("odds-open") ? el.oddsBtn : null;
  el.app.classList.remove("sidebar-open", "odds-open");
  el.menuBtn.setAttribute("aria-expanded", "false");
  el.oddsBtn.setAttribute("aria-expanded", "false");
  el.backdrop.hidden = true;
  return wasOpen;
}

// --- language -----------------------------------------------------------------------------------
function setLang(lang) {
  if (LANGUAGES.includes(lang) && lang !== pageLanguage()) return switchLanguage(lang); // catalogue comes with the page
  state.lang = pageLanguage();
  localStorage.setItem(STORE.lang, state.lang);
  el.lang.value = state.lang;
  applyStrings(document, state.lang);
  renderAccount();
  renderConversations();
  odds.rerender();
}

// --- wiring -------------------------------------------------------------------------------------
function autosize() {
  el.input.style.height = "auto";
  el.input.style.height = `${Math.min(el.input.scrollHeight, 200)}px`;
  el.send.disabled = state.busy || !el.input.value.trim();
}

el.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = el.input.value;
  if (!text.trim() || state.busy) return;
  el.input.value = "";
  autosize();
  sendMessage(text);
  el.input.focus();
});
el.input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    el.form.requestSubmit();
  }
});
el.input.addEventListener("input", autosize);
for (const b of document.querySelectorAll("[data-example]")) {
  b.addEventListener("click", () => {
    sendMessage(b.textContent);
    el.input.focus();
  });
}
el.newChat.addEventListener("click", newChat);
el.lang.addEventListener("change", () => setLang(el.lang.value));
el.loginBtn.addEventListener("click", () => {
  el.loginError.hidden = true;
  el.loginDialog.showModal();
});
el.loginCancel.addEventListener("click", () => el.loginDialog.close());
el.loginForm.addEventListener("submit", onLogin);
el.logoutBtn.addEventListener("click", onLogout);
el.reconnect.addEventListener("click", () => chat.restart());
el.menuBtn.addEventListener("click", () =>
  el.app.classList.contains("sidebar-open") ? closeDrawers()?.focus() : (closeDrawers(), openDrawer("sidebar")),
);
el.oddsBtn.addEventListener("click", () =>
  el.app.classList.contains("odds-open") ? closeDrawers()?.focus() : (closeDrawers(), openDrawer("odds")),
);
el.backdrop.addEventListener("click", () => closeDrawers()?.focus());
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !el.loginDialog.open) closeDrawers()?.focus();
});
new MutationObserver(updateOddsCount).observe($("#odds-list"), { childList: true });

setLang(state.lang);
renderAccount();
autosize();
if (state.sessionId) loadHistory(state.sessionId, { quiet: true });
chat.start();
loadConversations();
el.input.focus();
window.chatbet = { state, api, chat, odds }; // for debugging and the browser tests
