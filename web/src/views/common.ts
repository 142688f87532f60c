// Fields and formatting shared by several views.
import { catalogIds } from "../api";
import { el, section } from "../dom";
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

export const cacheHitField: Field = {
  key: "cache_hit",
  label: "Cache hit",
  default: "",
  placeholder: "0-1, e.g. 0.5",
  help: "Share of each prompt already in the prefix cache: reused, not computed (input tokens/s counts it)",
};

export const lengthSpreadField: Field = {
  key: "length_spread",
  label: "Answer spread",
  default: "",
  placeholder: "the scenario's",
  help: "How answer lengths vary: fixed, exponential (chat datasets) or their coefficient of variation, e.g. 1.114 (MLPerf DeepSeek-R1); long answers stay in the batch longer",
};

// "fixed" / "exponential" / "cv 1.114": the answer-length spread an answer ran with.
export function spreadText(spread: string | undefined): string {
  if (!spread) return "";
  return spread === "fixed" || spread === "exponential" ? `${spread} answer lengths` : `answer lengths cv ${spread}`;
}

export const stepTokensField: Field = {
  key: "step_tokens",
  label: "Step tokens",
  default: "",
  placeholder: "the stack's",
  help: "Tokens one engine step may hold, per engine (per attention-DP rank): TensorRT-LLM max_num_tokens, vLLM max_num_batched_tokens, SGLang chunked-prefill-size / dp-size",
};

export const maxBatchField: Field = {
  key: "max_batch",
  label: "Max batch",
  default: "",
  placeholder: "the stack's",
  help: "Sequences one engine (one attention-DP rank) schedules at most: TensorRT-LLM max_batch_size, vLLM max_num_seqs",
};

export const buyerField: Field = {
  key: "buyer",
  label: "Buyer",
  default: "",
  kind: "select",
  options: ["", "state", "soe", "operator", "internet", "private", "foreign"],
  help: "Buyer profile (with a destination): the market-access risks that bind it count, with their blocking flag",
};

// A market-access risk of a plan or compare row (the policy engine's risk rules).
export interface Risk {
  rule: string;
  authority: string;
  blocking: boolean;
  text: string;
}

// "system (authority): text" for every risk of the rows that can be had; null when none.
export function risksSection(rows: { system: string; available?: boolean; risks?: Risk[] }[]) {
  const lines = rows
    .filter((r) => r.available !== false)
    .flatMap((r) =>
      (r.risks ?? []).map((k) => `${r.system} (${k.authority}${k.blocking ? ", blocking" : ""}): ${k.text}`),
    );
  if (!lines.length) return null;
  return section("Risks", el("ul", { class: "notes risks" }, ...lines.map((l) => el("li", {}, l))));
}

// "tp4 dp2 ep8" from a layout object, leaving out degrees of 1 except tp; an expert tensor-parallel
// degree (expert_tp) is written etp, as the CLI does.
export function layoutText(c: Record<string, unknown> | null | undefined): string {
  if (!c) return "";
  const parts: string[] = [];
  for (const k of ["tp", "pp", "dp", "cp", "ep", "expert_tp", "vpp"]) {
    const v = c[k];
    if (typeof v === "number" && (v > 1 || k === "tp")) parts.push(`${k === "expert_tp" ? "etp" : k}${v}`);
  }
  return parts.join(" ");
}

// The layout of a deployment: "tp4 dp2 ep8", or with prefill and decode in separate pools
// "prefill 8 [tp1 pp8] + decode 8 [tp4 dp2]" (the decode pool's layout is the config's own).
export function deploymentText(c: Record<string, unknown> | null | undefined): string {
  const split = c?.disaggregation as
    | { prefill_chips?: number; decode_chips?: number; prefill?: Record<string, unknown> }
    | null
    | undefined;
  if (!split) return layoutText(c);
  const prefill = `prefill ${split.prefill_chips ?? ""} [${layoutText(split.prefill)}]`;
  return `${prefill} + decode ${split.decode_chips ?? ""} [${layoutText(c)}]`;
}

export function fileStem(...parts: string[]): string {
  return parts
    .filter((p) => p !== "")
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "_");
}
