// The live-odds panel: 1X2 prices for fixtures mentioned in the chat, kept current by
// /ws/sports-updates pushes. Shapes are read defensively (bare numbers or {odds} objects).

import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { formatLocalTime } from "./markdown.js";
import { ReconnectingSocket, bearerProtocols, wsURL } from "./socket.js";

const MAX_TRACKED = 6;
const SIDES = ["home", "draw", "away"];
const ALIASES = {
  home: ["home", "1", "homeTeam", "home_team"],
  draw: ["draw", "x", "X", "tie"],
  away: ["away", "2", "awayTeam", "away_team"],
};

const priceOf = (value) => {
  const n = typeof value === "object" && value !== null ? (value.odds ?? value.price ?? value.value) : value;
  const f = Number(n);
  return Number.isFinite(f) && f > 0 ? f : null;
};

/** {home, draw, away} decimal odds from a selections map (any of the usual spellings). */
export function pick1x2(selections) {
  if (!selections || typeof selections !== "object") return null;
  const out = {};
  for (const side of SIDES) {
    for (const alias of ALIASES[side]) {
      if (alias in selections) {
        out[side] = priceOf(selections[alias]);
        break;
      }
    }
  }
  return SIDES.some((s) => out[s]) ? out : null;
}

/** The 1X2 market of an odds board from our REST API (markets as a map or a list). */
export function boardTo1x2(board) {
  if (!board) return null;
  let markets = board.markets ?? board;
  if (Array.isArray(markets)) {
    markets = Object.fromEntries(markets.map((m) => [m.key ?? m.market, m]));
  }
  const market = markets["1x2"] ?? markets.result ?? markets.match_result;
  if (!market) return null;
  return pick1x2(market.selections ?? market);
}

export const teamName = (team) =>
  typeof team === "string" ? team : team?.name || team?.names?.en || "";

export function fixtureSummary(fx) {
  return {
    id: String(fx.id ?? fx.fixture_id ?? ""),
    home: teamName(fx.home ?? fx.home_team),
    away: teamName(fx.away ?? fx.away_team),
    start: fx.start_time ?? fx.startTime ?? fx.start ?? null,
    status: fx.status ?? "pre_match",
    tournament: fx.tournament_name ?? (typeof fx.tournament === "string" ? fx.tournament : fx.tournament?.name) ?? "",
  };
}

export class OddsPanel {
  constructor({ root, list, empty, api, getLang }) {
    this.root = root;
    this.list = list;
    this.empty = empty;
    this.api = api;
    this.getLang = getLang;
    this.items = new Map(); // fixture id -> {fixture, prices, el, status}
    this.socket = new ReconnectingSocket(
      async () => ({ url: wsURL("/ws/sports-updates"), protocols: bearerProtocols(await api.token()) }),
      {
        onFrame: (frame) => this.#onFrame(frame),
        onOpen: () => this.#subscribe([...this.items.keys()]),
        onAuthError: () => api.invalidate(), // 4401: the session ended (logout, new password): a fresh token
      },
    );
  }

  has(id) {
    return this.items.has(String(id));
  }

  /** Follow a fixture: show it, fetch its prices, subscribe to its pushes. */
  async track(fixture) {
    const fx = fixtureSummary(fixture);
    if (!fx.id || this.items.has(fx.id)) return;
    const item = { fixture: fx, prices: null, status: "active", el: null };
    this.items.set(fx.id, item);
    while (this.items.size > MAX_TRACKED) this.#remove(this.items.keys().next().value);
    this.#render(item);
    if (this.socket.stopped) this.socket.start();
    else this.#subscribe([fx.id]);
    try {
      const board = await this.api.odds(fx.id);
      item.prices = boardTo1x2(board);
      if (board && typeof board.status === "string") item.status = board.status.toLowerCase();
      this.#render(item);
    } catch {
      /* the pushes may still fill it in */
    }
  }

  rerender() {
    for (const item of this.items.values()) this.#render(item, true);
  }

  #subscribe(ids) {
    if (ids.length) this.socket.send({ type: "subscribe", fixture_ids: ids });
  }

  #remove(id) {
    const item = this.items.get(id);
    item?.el?.remove();
    this.items.delete(id);
    if (this.socket.isOpen) this.socket.send({ type: "unsubscribe", fixture_ids: [id] });
    this.#toggleEmpty();
  }

  #toggleEmpty() {
    this.empty.hidden = this.items.size > 0;
    this.root.classList.toggle("has-odds", this.items.size > 0);
  }

  #onFrame(frame) {
    if (frame.type !== "sports_update") return;
    const item = this.items.get(String(frame.fixture_id));
    if (!item) return;
    const market = String(frame.market ?? "1x2").toLowerCase();
    if (frame.status) item.status = String(frame.status).toLowerCase();
    if (!["1x2", "result", "match_result"].includes(market)) return this.#render(item);
    const next = pick1x2(frame.new_odds);
    if (!next) return;
    const before = item.prices || {};
    item.prices = { ...before, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v)) };
    this.#render(item);
    for (const side of SIDES) {
      if (!before[side] || !item.prices[side] || before[side] === item.prices[side]) continue;
      const cell = item.el.querySelector(`[data-side="${side}"]`);
      cell.classList.remove("up", "down");
      void cell.offsetWidth; // restart the flash animation
      cell.classList.add(item.prices[side] > before[side] ? "up" : "down");
    }
  }

  #render(item, keepPosition = false) {
    const lang = this.getLang();
    const fx = item.fixture;
    const li = item.el || document.createElement("li");
    li.className = "odds-item";
    li.dataset.fixtureId = fx.id;
    li.replaceChildren();

    const head = document.createElement("div");
    head.className = "odds-head";
    const title = document.createElement("span");
    title.className = "odds-teams";
    title.textContent = `${fx.home} – ${fx.away}`;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "icon-btn small";
    close.setAttribute("aria-label", `${t(lang, "remove")}: ${fx.home} – ${fx.away}`);
    close.append(icon("x", 14));
    close.addEventListener("click", () => this.#remove(fx.id));
    head.append(title, close);

    const meta = document.createElement("div");
    meta.className = "odds-meta";
    if (fx.status === "live") {
      const live = document.createElement("span");
      live.className = "badge live";
      live.textContent = t(lang, "live");
      meta.append(live);
    }
    if (fx.start) {
      const time = document.createElement("time");
      time.dateTime = fx.start;
      time.textContent = formatLocalTime(fx.start, lang);
      meta.append(time);
    }
    if (fx.tournament) meta.append(document.createTextNode(` · ${fx.tournament}`));

    const prices = document.createElement("div");
    prices.className = "prices";
    if (item.status === "suspended") {
      const s = document.createElement("span");
      s.className = "badge";
      s.textContent = t(lang, "suspended");
      prices.append(s);
    } else {
      for (const side of SIDES) {
        const cell = document.createElement("span");
        cell.className = "price";
        cell.dataset.side = side;
        const label = document.createElement("small");
        label.textContent = t(lang, `odds_${side}`);
        const value = document.createElement("b");
        const v = item.prices?.[side];
        value.textContent = v ? v.toFixed(2) : "–";
        cell.append(label, value);
        prices.append(cell);
      }
    }
    li.append(head, meta, prices);
    if (!item.el) {
      item.el = li;
      this.list.prepend(li);
    } else if (!keepPosition && li.parentNode !== this.list) {
      this.list.prepend(li);
    }
    this.#toggleEmpty();
  }
}
