// The form of a view, built from its fields; options of catalog selects arrive asynchronously.
import { el } from "./dom";
import type { Field, Values } from "./view";

function control(f: Field, value: string): HTMLInputElement | HTMLSelectElement {
  if (f.kind === "select") {
    const s = el("select", { name: f.key, id: `f-${f.key}` });
    const fill = (options: string[]) => {
      const all = options.includes(value) || value === "" ? options : [value, ...options];
      s.replaceChildren(...all.map((o) => el("option", { value: o }, o === "" ? "(none)" : o)));
      s.value = value;
    };
    if (Array.isArray(f.options)) fill(f.options);
    else {
      fill([value]);
      f.options?.().then(fill, () => undefined);
    }
    return s;
  }
  const input = el("input", {
    name: f.key,
    id: `f-${f.key}`,
    type: f.kind === "date" ? "date" : "text",
    placeholder: f.placeholder ?? "",
  });
  input.value = value;
  return input;
}

export function buildForm(fields: Field[], values: Values, onSubmit: (v: Values) => void): HTMLFormElement {
  const controls = fields.map((f) => [f, control(f, values[f.key] ?? f.default)] as const);
  const form = el(
    "form",
    { class: "controls" },
    ...controls.map(([f, c]) => el("label", f.help ? { title: f.help } : {}, el("span", {}, f.label), c)),
    el("button", { type: "submit", class: "primary" }, "Run"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v: Values = {};
    for (const [f, c] of controls) v[f.key] = c.value.trim();
    onSubmit(v);
  });
  return form;
}
