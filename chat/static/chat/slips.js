// The bet slip card: a real-money slip an answer proposed (the answer frame's `bet_slip`, the shape of
// GET /api/v1/bets/slips), with Confirm / Cancel while it waits. The buttons call the REST endpoints
// (POST /api/v1/bets/slips/{id}/confirm | cancel): they name this one slip by id, so a click can only ever
// confirm the slip it sits on, and the reply is the slip as it now stands (a refusal's body carries it in
// `details.slip`). Every piece of server text reaches the DOM through textContent.

import { locale } from "./i18n.js";

const WAITING = "proposed";
const MARKETS = ["1x2", "double_chance", "over_under", "btts", "handicap", "half_time_result"];

function node(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function decimal(value, places) {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(places) : String(value ?? "");
}

function localTime(iso, lang) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return new Intl.DateTimeFormat(locale(lang), { hour: "2-digit", minute: "2-digit" }).format(d);
}

function row(label, field, value) {
  const wrap = node("div", "slip-row");
  wrap.dataset.field = field;
  const dd = node("dd");
  if (value instanceof Node) dd.append(value);
  else dd.textContent = String(value);
  wrap.append(node("dt", "", label), dd);
  return wrap;
}

/** The card's content for `slip`; `tr(key, vars)` gives the page's strings. */
function fill(card, slip, tr, lang, message) {
  card.dataset.slipId = String(slip.id);
  card.dataset.state = String(slip.state);
  const head = node("header", "slip-head");
  head.append(node("span", "slip-title", tr("slip_title")), node("span", "slip-state", tr(`slip_state_${slip.state}`)));
  const fixture = node("p", "slip-fixture", slip.fixture_label || "");
  const rows = node("dl", "slip-rows");
  const market = MARKETS.includes(slip.market) ? tr(`market_${slip.market}`) : slip.market;
  const stake = node("span");
  stake.append(node("span", "slip-stake", decimal(slip.stake, 2)), document.createTextNode(" "),
    node("span", "slip-currency", slip.currency));
  const expires = node("time", "", localTime(slip.expires_at, lang));
  expires.dateTime = String(slip.expires_at || "");
  rows.append(row(tr("slip_selection"), "selection", slip.label || slip.selection),
    row(tr("slip_market"), "market", market));
  if (slip.line) rows.append(row(tr("slip_line"), "line", slip.line));
  rows.append(row(tr("slip_odds"), "odds", decimal(slip.odds, 2)), row(tr("slip_stake"), "stake", stake),
    row(tr("slip_return"), "return", `${decimal(slip.possible_win, 2)} ${slip.currency}`));
  if (slip.state === WAITING) rows.append(row(tr("slip_expires"), "expires", expires));
  const said = node("p", "slip-message", message || slip.message || "");
  said.setAttribute("role", "status");
  card.replaceChildren(head, fixture, rows, said);
}

export class SlipCards {
  /** api: the page's Api; tr(key, vars): its strings; getLang(): the interface language. */
  constructor({ api, tr, getLang, onNewSlip = null, announce = () => {} }) {
    this.api = api;
    this.tr = tr;
    this.getLang = getLang;
    this.onNewSlip = onNewSlip;
    this.announce = announce;
  }

  /** The card of slip `id` already on the page, if any. */
  find(root, id) {
    return root.querySelector(`.slip-card[data-slip-id="${CSS.escape(String(id))}"]`);
  }

  /** A new card for `slip`, or the card already showing it brought up to date (e.g. the chat confirmed it). */
  show(root, slip, { after = null } = {}) {
    if (!slip || !slip.id) return null;
    const known = this.find(root, slip.id);
    if (known) {
      this.render(known, slip);
      return known;
    }
    const card = node("section", "slip-card");
    card.setAttribute("aria-label", this.tr("slip_title"));
    this.render(card, slip);
    if (after) after.after(card);
    else root.append(card);
    return card;
  }

  render(card, slip, message = null) {
    fill(card, slip, this.tr, this.getLang(), message);
    if (slip.state !== WAITING) return;
    const actions = node("div", "slip-actions");
    const confirm = node("button", "btn primary slip-confirm", this.tr("slip_confirm"));
    const cancel = node("button", "btn slip-cancel", this.tr("slip_cancel"));
    confirm.type = cancel.type = "button";
    confirm.addEventListener("click", () => this.act(card, slip, "confirm"));
    cancel.addEventListener("click", () => this.act(card, slip, "cancel"));
    actions.append(confirm, cancel);
    card.append(actions);
  }

  async act(card, slip, action) {
    for (const b of card.querySelectorAll(".slip-actions button")) b.disabled = true;
    card.setAttribute("aria-busy", "true");
    card.querySelector(".slip-message").textContent = this.tr(action === "confirm" ? "slip_placing" : "slip_cancelling");
    const body = slip.language ? { language: slip.language } : {};
    try {
      const now = await this.api.call(`/bets/slips/${encodeURIComponent(slip.id)}/${action}`, { method: "POST", body });
      this.render(card, now);
    } catch (err) {
      const details = err.body?.details || {};
      const message = err.body?.message || this.tr("error_generic");
      this.render(card, details.slip || slip, message);
      if (details.new_slip) {
        const fresh = this.show(card.parentElement, details.new_slip, { after: card });
        this.onNewSlip?.(fresh);
      }
    } finally {
      card.removeAttribute("aria-busy");
      // the answer's "yes, place it" / "cancel" chips are about this slip: once it stopped waiting they go
      if (card.dataset.state !== WAITING) card.closest(".msg")?.querySelector(".chips")?.remove();
      this.announce(card.querySelector(".slip-message").textContent);
    }
  }
}
