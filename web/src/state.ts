// Every view's state lives in the URL query: ?view=ID&field=value...; fields at their default
// are left out, so the landing URL (no query) is the compare view with its defaults.
import type { View, Values } from "./view";

export function viewId(search: string, views: View[]): string {
  const id = new URLSearchParams(search).get("view");
  return views.some((v) => v.id === id) ? (id as string) : views[0].id;
}

export function readValues(view: View, search: string): Values {
  const q = new URLSearchParams(search);
  const values: Values = {};
  for (const f of view.fields) values[f.key] = q.get(f.key) ?? f.default;
  return values;
}

export function toSearch(view: View, values: Values): string {
  const q = new URLSearchParams();
  q.set("view", view.id);
  for (const f of view.fields) {
    const v = values[f.key] ?? "";
    if (v !== f.default) q.set(f.key, v);
  }
  return `?${q.toString()}`;
}
