// Small DOM helpers: elements with classes and text, number formatting, error boxes.
import { ApiError } from "./api";

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

// A number with `digits` significant digits and thousands separators; null is "unknown".
export function num(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "unknown";
  if (v === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(v)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return v.toLocaleString("en-US", {
    maximumFractionDigits: decimals,
    minimumFractionDigits: 0,
  });
}

export function usd(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? "unknown" : `$${num(v, digits)}`;
}

function problemText(p: unknown): string {
  if (typeof p === "string") return p;
  if (typeof p === "object" && p !== null) {
    const o = p as Record<string, unknown>;
    const where = [o.file, o.line || undefined, o.path ?? o.key]
      .filter((x) => x !== undefined && x !== "" && x !== null)
      .join(":");
    const msg = String(o.message ?? JSON.stringify(o));
    const hint = o.hint ? ` (${String(o.hint)})` : "";
    return where ? `${where}: ${msg}${hint}` : `${msg}${hint}`;
  }
  return String(p);
}

// An error from the API (or any other) as a box with the message, problems and hints.
export function errorBox(e: unknown): HTMLElement {
  if (e instanceof ApiError) {
    const b = e.body;
    return el(
      "div",
      { class: "error", role: "alert" },
      el("div", { class: "error-title" }, `${b.message}`),
      el("div", { class: "error-code" }, e.status ? `${b.code} · HTTP ${e.status}` : b.code),
      b.problems.length
        ? el("ul", { class: "problems" }, ...b.problems.map((p) => el("li", {}, problemText(p))))
        : null,
      b.hints.length ? el("ul", { class: "hints" }, ...b.hints.map((h) => el("li", {}, `hint: ${h}`))) : null,
    );
  }
  return el("div", { class: "error", role: "alert" }, el("div", { class: "error-title" }, String(e)));
}

// Summary figures shown as a row of cards.
export function cards(items: [string, string][]): HTMLElement {
  return el(
    "div",
    { class: "cards" },
    ...items.map(([label, value]) =>
      el(
        "div",
        { class: "card" },
        el("div", { class: "card-value" }, value),
        el("div", { class: "card-label" }, label),
      ),
    ),
  );
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return el("section", { class: "panel" }, el("h2", {}, title), ...children);
}
