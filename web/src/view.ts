// A view: its form fields (each one a URL parameter and a request key) and how it renders.
import type { Progress } from "./api";
import type { Downloads } from "./download";

export interface Field {
  key: string; // URL parameter, and the request key where the view sends it
  label: string;
  default: string;
  kind?: "text" | "select" | "date";
  // Choices of a select: fixed, or a catalog list fetched from the API.
  options?: string[] | (() => Promise<string[]>);
  placeholder?: string;
  help?: string;
}

export type Values = Record<string, string>;

export interface Context {
  // Rewrites one URL parameter in place (no new history entry), e.g. the timeline's date slider.
  setParam(key: string, value: string): void;
  // Shows a long search's progress while the view waits for it.
  progress(p: Progress): void;
}

export interface View {
  id: string;
  title: string;
  blurb: string;
  fields: Field[];
  run(values: Values, out: HTMLElement, ctx: Context): Promise<Downloads>;
}
