// Fields and formatting shared by several views.
import { catalogIds } from "../api";
import type { Field } from "../view";

export const scenarios = ["chat", "reasoning", "summarize", "offline"];

export const modelField = (def: string): Field => ({
  key: "model",
  label: "Model",
  default: def,
  kind: "select",
  options: () => catalogIds("models"),
});

export const destField: Field = {
  key: "dest",
  label: "Destination",
  default: "",
  placeholder: "ISO code, e.g. CN",
  help: "Destination country: marks unavailable systems and adds levies to prices",
};

export const dateField: Field = {
  key: "date",
  label: "Date",
  default: "",
  kind: "date",
  help: "Date of the question (with a destination); empty = the newest policy event's date",
};

// "tp4 pp1 dp2 ep8" from a layout object, leaving out degrees of 1 except tp.
export function layoutText(c: Record<string, unknown> | null | undefined): string {
  if (!c) return "";
  const parts: string[] = [];
  for (const k of ["tp", "pp", "dp", "cp", "ep", "vpp"]) {
    const v = c[k];
    if (typeof v === "number" && (v > 1 || k === "tp")) parts.push(`${k}${v}`);
  }
  return parts.join(" ");
}

export function fileStem(...parts: string[]): string {
  return parts
    .filter((p) => p !== "")
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "_");
}
