// Inline stroke icons (no icon font, no emoji font needed on the machine).

const PATHS = {
  up: ["M7 10v11", "M14 9V5a3 3 0 0 0-3-3l-4 8v11h11.3a2 2 0 0 0 2-1.7l1.4-9a2 2 0 0 0-2-2.3z", "M7 21H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3"],
  down: ["M17 14V3", "M10 15v4a3 3 0 0 0 3 3l4-8V3H5.7a2 2 0 0 0-2 1.7l-1.4 9a2 2 0 0 0 2 2.3z", "M17 3h3a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-3"],
  trash: ["M3 6h18", "M8 6V4h8v2", "M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6", "M10 11v6M14 11v6"],
  copy: ["M9 9h11v11H9z", "M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1"],
  check: ["M20 6L9 17l-5-5"],
  x: ["M18 6L6 18", "M6 6l12 12"],
};

export function icon(name, size = 16) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "icon");
  for (const d of PATHS[name] || []) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
