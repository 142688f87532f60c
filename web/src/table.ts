// One column list per table serves the rendered table and its CSV download.
import { el } from "./dom";

export interface Column<T> {
  label: string;
  // The value as shown; the CSV gets `raw` when given (plain numbers), else this text.
  text: (row: T) => string;
  raw?: (row: T) => string | number | boolean | null | undefined;
  numeric?: boolean;
  // "nowrap" keeps the cell on one line, "wide" gives long text room, "wrap" lets the second
  // column (one line by default) wrap.
  cls?: "nowrap" | "wide" | "wrap";
  csvOnly?: boolean; // in the CSV download, not on the page
}

function cellAttrs<T>(c: Column<T>): Record<string, string> {
  const cls = [c.numeric ? "num" : "", c.cls ?? ""].filter((x) => x).join(" ");
  return cls ? { class: cls } : {};
}

export function renderTable<T>(
  columns: Column<T>[],
  rows: T[],
  rowClass: (row: T) => string = () => "",
  rowTitle: (row: T) => string = () => "",
): HTMLTableElement {
  columns = columns.filter((c) => !c.csvOnly);
  const head = el("tr", {}, ...columns.map((c) => el("th", cellAttrs(c), c.label)));
  const body = rows.map((r) => {
    const attrs: Record<string, string> = {};
    const cls = rowClass(r);
    const title = rowTitle(r);
    if (cls) attrs.class = cls;
    if (title) attrs.title = title;
    return el("tr", attrs, ...columns.map((c) => el("td", cellAttrs(c), c.text(r))));
  });
  return el("table", { class: "data" }, el("thead", {}, head), el("tbody", {}, ...body));
}

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(",")];
  for (const r of rows) {
    lines.push(columns.map((c) => csvCell(c.raw ? c.raw(r) : c.text(r))).join(","));
  }
  return lines.join("\n") + "\n";
}
