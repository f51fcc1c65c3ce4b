// Fixture tables in answers become compact cards: teams, kick-off in local time, 1X2 prices.
// A table is recognised by its header (English or Spanish column names); anything else stays a table.

import { t } from "./i18n.js";
import { formatLocalTime, renderInline } from "./markdown.js";

const norm = (s) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[*_`]/g, "")
    .trim()
    .toLowerCase();

const COLUMNS = {
  id: /^(id|fixture id|fixture_id|match id|id partido)$/,
  match: /^(match|partido|fixture|encuentro|game|evento|event|jogo|partida)$/,
  home: /^(home|home team|local|equipo local|casa|mandante)$/,
  away: /^(away|away team|visitante|visitor|equipo visitante|fora)$/,
  time: /(kick|time|hora|date|fecha|when|inicio|start|data|cuando)/,
  tournament: /(tournament|competition|league|torneo|liga|competici|campeonato)/,
  one: /^(1|home win|gana local)$/,
  draw: /^(x|draw|empate)$/,
  two: /^(2|away win|gana visitante)$/,
};

export function classifyColumns(header) {
  const cols = {};
  header.forEach((cell, i) => {
    const h = norm(cell);
    for (const [key, re] of Object.entries(COLUMNS)) {
      if (cols[key] === undefined && re.test(h)) {
        cols[key] = i;
        break;
      }
    }
  });
  return cols;
}

const ISO = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/;
const VS = /\s+(?:vs\.?|v|–|—|-)\s+/i;
const strip = (s) => (s || "").replace(/\*\*|__|`/g, "").trim();

/** Rows of a fixture table as plain objects, or null when the table is not about fixtures. */
export function parseFixtureTable(header, rows) {
  const cols = classifyColumns(header);
  const hasTeams = cols.match !== undefined || (cols.home !== undefined && cols.away !== undefined);
  const hasPrices = cols.one !== undefined && cols.two !== undefined;
  if (!hasTeams || !(hasPrices || cols.time !== undefined)) return null;
  const fixtures = [];
  for (const row of rows) {
    let home = strip(row[cols.home]);
    let away = strip(row[cols.away]);
    if (cols.match !== undefined) {
      const parts = strip(row[cols.match]).split(VS);
      if (parts.length === 2) [home, away] = parts;
      else home = strip(row[cols.match]);
    }
    const price = (i) => {
      const n = Number.parseFloat(String(row[i] ?? "").replace(",", "."));
      return Number.isFinite(n) && n > 1 ? n : null;
    };
    const timeCell = row[cols.time] ?? "";
    fixtures.push({
      id: cols.id !== undefined ? strip(row[cols.id]) : null,
      home,
      away,
      timeText: strip(timeCell),
      iso: (timeCell.match(ISO) || [null])[0],
      tournament: cols.tournament !== undefined ? strip(row[cols.tournament]) : "",
      prices: hasPrices ? { home: price(cols.one), draw: price(cols.draw), away: price(cols.two) } : null,
    });
  }
  return fixtures.length ? fixtures : null;
}

const LIVE_MARK = /\s*(?:🔴\s*)?\b(LIVE|EN VIVO|AO VIVO)\s*$/iu;
const FIXTURE_LINE = /^(.+?)\s+(?:vs\.?|v)\s+(.+?)\s+[—–]\s+(.+)$/;

/** "Home vs Away — Tournament, Sat 28 Nov 20:00 CET 🔴 LIVE" (the engine's fixture line) → object. */
export function parseFixtureLine(text) {
  let line = strip(text);
  const live = LIVE_MARK.test(line);
  line = line.replace(LIVE_MARK, "");
  const m = FIXTURE_LINE.exec(line);
  if (!m) return null;
  const rest = m[3];
  const cut = rest.lastIndexOf(", ");
  const tournament = cut > 0 ? rest.slice(0, cut) : rest;
  const when = cut > 0 ? rest.slice(cut + 2) : "";
  return {
    id: null, home: m[1], away: m[2], tournament, timeText: when,
    iso: (when.match(ISO) || [null])[0], prices: null, live,
  };
}

const MARKET_LINE = /^([^:]{2,40}):\s+(.+?)(?:\s+\(([^()]*)\))?$/;
const SELECTION = /^(.+?)\s+(\d{1,3}(?:\.\d{1,3})?)$/;

/** "1X2: Real Madrid 1.85 · Draw 3.60 · Barcelona 4.20 (margin 5%)" → {name, note, selections}. */
export function parseMarketLine(text) {
  const m = MARKET_LINE.exec(strip(text));
  if (!m) return null;
  const parts = m[2].split(/\s+·\s+/);
  if (parts.length < 2) return null;
  const selections = [];
  for (const part of parts) {
    const sel = SELECTION.exec(part.trim());
    if (!sel) return null;
    selections.push({ label: sel[1], odds: Number(sel[2]) });
  }
  return { name: m[1], note: m[3] || "", selections };
}

/** Compact rows of prices for an odds answer. */
export function marketRows(markets) {
  const wrap = document.createElement("div");
  wrap.className = "markets";
  for (const market of markets) {
    const row = document.createElement("div");
    row.className = "market";
    const head = document.createElement("div");
    head.className = "market-name";
    head.textContent = market.name;
    if (market.note) {
      const note = document.createElement("small");
      note.textContent = market.note;
      head.append(note);
    }
    const prices = document.createElement("div");
    prices.className = "prices";
    prices.style.setProperty("--n", String(market.selections.length));
    for (const sel of market.selections) {
      const cell = document.createElement("span");
      cell.className = "price";
      const label = document.createElement("small");
      label.textContent = sel.label;
      const b = document.createElement("b");
      b.textContent = sel.odds.toFixed(2);
      cell.append(label, b);
      prices.append(cell);
    }
    row.append(head, prices);
    wrap.append(row);
  }
  return wrap;
}

/** A bulleted answer whose every item is a fixture or a market line becomes cards / price rows. */
export function renderSpecialList(items, lang, found) {
  const fixtures = items.map(parseFixtureLine);
  if (fixtures.every(Boolean)) {
    found.push(...fixtures);
    return fixtureCards(fixtures, lang);
  }
  const markets = items.map(parseMarketLine);
  if (markets.every(Boolean)) return marketRows(markets);
  return null;
}

/** The cards for parsed fixtures (from a table or from fixture lines). */
export function fixtureCards(fixtures, lang) {
  const list = document.createElement("ul");
  list.className = "fixture-cards";
  for (const fx of fixtures) {
    const li = document.createElement("li");
    li.className = "fixture-card";
    if (fx.id) li.dataset.fixtureId = fx.id;
    li.dataset.home = fx.home;
    li.dataset.away = fx.away;

    const top = document.createElement("div");
    top.className = "fc-top";
    const comp = document.createElement("span");
    comp.className = "fc-comp";
    if (fx.live) {
      const badge = document.createElement("span");
      badge.className = "badge live";
      badge.textContent = t(lang, "live_badge");
      comp.append(badge);
    }
    comp.append(...renderInline(fx.tournament, lang));
    top.append(comp);
    if (fx.iso) {
      const time = document.createElement("time");
      time.dateTime = fx.iso;
      time.title = fx.iso;
      time.textContent = formatLocalTime(fx.iso, lang);
      top.append(time);
    } else if (fx.timeText) {
      const span = document.createElement("span");
      span.className = "fc-time";
      span.textContent = fx.timeText;
      top.append(span);
    }

    const teams = document.createElement("div");
    teams.className = "fc-teams";
    const home = document.createElement("span");
    home.className = "fc-team";
    home.textContent = fx.home;
    teams.append(home);
    if (fx.away) {
      const vs = document.createElement("span");
      vs.className = "sr-only";
      vs.textContent = " vs ";
      const away = document.createElement("span");
      away.className = "fc-team";
      away.textContent = fx.away;
      teams.append(vs, away);
    }
    li.append(top, teams);

    if (fx.prices) {
      const prices = document.createElement("div");
      prices.className = "prices";
      for (const [side, label] of [["home", "1"], ["draw", "X"], ["away", "2"]]) {
        const cell = document.createElement("span");
        cell.className = "price";
        cell.dataset.side = side;
        const small = document.createElement("small");
        small.textContent = label;
        const b = document.createElement("b");
        b.textContent = fx.prices[side] ? fx.prices[side].toFixed(2) : "–";
        cell.append(small, b);
        prices.append(cell);
      }
      li.append(prices);
    }
    list.append(li);
  }
  return list;
}
