// Fixture tables in answers become compact cards: teams, kick-off in local time, 1X2 prices.
// A table is recognised by its header (English or Spanish column names); anything else stays a table.

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

/** The cards for a parsed fixture table. */
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
      vs.className = "fc-vs";
      vs.textContent = "vs";
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
