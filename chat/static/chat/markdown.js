// Safe Markdown → DOM. Every character of the source ends up in a text node: the renderer never
// parses HTML (no HTML-string sinks anywhere), so `<script>` or `<img onerror>` in a message shows as text.
// Supported whitelist: **bold**, *italics*, `code`, lists, line breaks, headings, quotes, rules and
// pipe tables; ISO-8601 instants become <time> elements shown in the browser's local time.

const INLINE = new RegExp(
  [
    "(`[^`\\n]+`)", // 1 code
    "(\\*\\*(?=\\S)[^\\n]*?\\S\\*\\*)", // 2 bold **
    "(__(?=\\S)[^\\n]*?\\S__)", // 3 bold __
    "(\\*(?=[^\\s*])[^*\\n]*?[^\\s*]\\*|\\*[^\\s*]\\*)", // 4 italic *
    "((?<![\\w])_(?=[^\\s_])[^_\\n]*?[^\\s_]_(?![\\w]))", // 5 italic _
    "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2}))", // 6 ISO instant
  ].join("|"),
  "g",
);

/** Format an ISO instant in the browser's time zone, e.g. "Sat 28 Nov, 21:00". */
export function formatLocalTime(iso, lang = "en") {
  const date = new Date(iso.replace(" ", "T"));
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(String(lang).replace("_", "-"), { // "pt_br" is not a BCP 47 tag
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

export function timeElement(iso, lang) {
  const el = document.createElement("time");
  el.dateTime = iso;
  el.textContent = formatLocalTime(iso, lang);
  el.title = iso;
  return el;
}

/** Inline Markdown of one line → an array of DOM nodes. */
export function renderInline(text, lang = "en") {
  const out = [];
  let last = 0;
  // matchAll works on a copy of the regex: nested calls (bold inside italics) keep their own position.
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
    const [whole, code, bold1, bold2, em1, em2, iso] = m;
    if (code) {
      const el = document.createElement("code");
      el.textContent = code.slice(1, -1);
      out.push(el);
    } else if (bold1 || bold2) {
      const el = document.createElement("strong");
      el.append(...renderInline(whole.slice(2, -2), lang));
      out.push(el);
    } else if (em1 || em2) {
      const el = document.createElement("em");
      el.append(...renderInline(whole.slice(1, -1), lang));
      out.push(el);
    } else if (iso) {
      out.push(timeElement(iso, lang));
    }
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const BULLET = /^(\s*)[-*•+]\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,3})[.)]\s+(.*)$/;
const HEADING = /^(#{1,4})\s+(.*)$/;
const QUOTE = /^>\s?(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

export function splitRow(line) {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  const cells = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && s[i + 1] === "|") {
      cur += "|";
      i++;
    } else if (s[i] === "|") {
      cells.push(cur.trim());
      cur = "";
    } else {
      cur += s[i];
    }
  }
  cells.push(cur.trim());
  return cells;
}

function paragraph(lines, lang) {
  const p = document.createElement("p");
  lines.forEach((line, i) => {
    if (i) p.append(document.createElement("br"));
    p.append(...renderInline(line, lang));
  });
  return p;
}

function list(items, ordered, lang) {
  const el = document.createElement(ordered ? "ol" : "ul");
  if (ordered && items[0].start && items[0].start !== 1) el.start = items[0].start;
  for (const item of items) {
    const li = document.createElement("li");
    item.lines.forEach((line, i) => {
      if (i) li.append(document.createElement("br"));
      li.append(...renderInline(line, lang));
    });
    el.append(li);
  }
  return el;
}

/** A plain, scrollable table (the fallback when a table is not recognised as fixtures). */
export function tableElement(header, rows, lang) {
  const wrap = document.createElement("div");
  wrap.className = "md-table";
  wrap.tabIndex = 0; // scrollable region reachable by keyboard
  const table = document.createElement("table");
  const thead = table.createTHead();
  const hr = thead.insertRow();
  for (const cell of header) {
    const th = document.createElement("th");
    th.scope = "col";
    th.append(...renderInline(cell, lang));
    hr.append(th);
  }
  const tbody = table.createTBody();
  for (const row of rows) {
    const tr = tbody.insertRow();
    header.forEach((_, i) => {
      const td = tr.insertCell();
      const value = row[i] ?? "";
      if (/^\d+(\.\d+)?$/.test(value)) td.className = "num";
      td.append(...renderInline(value, lang));
    });
  }
  wrap.append(table);
  return wrap;
}

/**
 * Render Markdown into a DocumentFragment.
 * `renderTable(header, rows)` / `renderList(itemTexts, ordered)` may return a node to use instead of
 * the plain table or list (fixture cards, odds rows); they get raw text and must build DOM safely.
 */
export function renderMarkdown(source, { lang = "en", renderTable = null, renderList = null } = {}) {
  const frag = document.createDocumentFragment();
  const lines = String(source ?? "").replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  let para = [];
  const flush = () => {
    if (para.length) frag.append(paragraph(para, lang));
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      flush();
      i++;
      continue;
    }
    if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1])) {
      flush();
      const header = splitRow(line);
      const rows = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(lines[i])) rows.push(splitRow(lines[i++]));
      frag.append((renderTable && renderTable(header, rows)) || tableElement(header, rows, lang));
      continue;
    }
    let m;
    if ((m = HEADING.exec(line))) {
      flush();
      const h = document.createElement(`h${Math.min(6, m[1].length + 2)}`);
      h.append(...renderInline(m[2], lang));
      frag.append(h);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      flush();
      frag.append(document.createElement("hr"));
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      flush();
      const quoted = [];
      while (i < lines.length && (m = QUOTE.exec(lines[i]))) {
        quoted.push(m[1]);
        i++;
      }
      const bq = document.createElement("blockquote");
      bq.append(renderMarkdown(quoted.join("\n"), { lang, renderTable, renderList }));
      frag.append(bq);
      continue;
    }
    const ordered = ORDERED.test(line);
    if (ordered || BULLET.test(line)) {
      flush();
      const re = ordered ? ORDERED : BULLET;
      const items = [];
      while (i < lines.length) {
        const l = lines[i];
        if ((m = re.exec(l))) {
          items.push(ordered ? { start: Number(m[2]), lines: [m[3]] } : { lines: [m[2]] });
          i++;
        } else if (items.length && /^\s{2,}\S/.test(l) && !BULLET.test(l) && !ORDERED.test(l)) {
          items[items.length - 1].lines.push(l.trim()); // continuation line
          i++;
        } else {
          break;
        }
      }
      frag.append((renderList && renderList(items.map((it) => it.lines.join(" ")), ordered)) ||
        list(items, ordered, lang));
      continue;
    }
    para.push(line);
    i++;
  }
  flush();
  return frag;
}
