// Compare: every default system serving one model for one scenario, side by side, with the
// fleet cost per million output tokens from the plan endpoint for the same systems.
import { ApiError, body, postStream } from "../api";
import { barOption, chart } from "../charts";
import { el, errorBox, num, section, usd } from "../dom";
import { renderTable, toCsv, type Column } from "../table";
import type { View } from "../view";
import {
  buyerField,
  cacheHitField,
  lengthSpreadField,
  spreadText,
  dateField,
  destField,
  fileStem,
  deploymentText,
  maxBatchField,
  modelField,
  risksSection,
  scenarios,
  stepTokensField,
  type Risk,
} from "./common";

interface CompareRow {
  system: string;
  chip: string;
  feasible: boolean;
  reason?: string;
  config?: Record<string, unknown> & { concurrency?: number };
  output_tokens_per_s_per_chip?: number;
  ttft_ms?: number;
  tpot_ms?: number;
  chips_for_1m_tok_s?: number;
  tokens_per_joule?: number | null;
  band?: { low: number; high: number };
  limiter?: string;
  batch_limit?: string;
  notes?: string[];
  available?: boolean;
  access_reason?: string;
  risks?: Risk[];
  levy_percent?: number;
  effective_price_usd?: number | null;
}

interface CompareAnswer {
  model: string;
  scenario: string;
  input_tokens: number;
  output_tokens: number;
  ttft_slo_ms: number;
  tpot_slo_ms: number;
  precision: string;
  length_spread?: string;
  destination?: string;
  date?: string;
  rows: CompareRow[];
}

interface PlanRow {
  system: string;
  status: string;
  cost_per_m_tokens?: number | null;
}

type Row = CompareRow & { cost_per_m_tokens: number | null };

const unavailable = (r: Row) => !r.feasible || r.available === false;

function why(r: Row): string {
  if (!r.feasible) return `does not run: ${r.reason ?? ""}`;
  if (r.available === false) return r.access_reason ?? "unavailable";
  return "";
}

const columns: Column<Row>[] = [
  { label: "System", text: (r) => r.system },
  { label: "Chip", text: (r) => r.chip, csvOnly: true },
  { label: "Layout", text: (r) => deploymentText(r.config), cls: "wrap" },
  {
    label: "Tokens/s per chip",
    text: (r) => num(r.output_tokens_per_s_per_chip),
    raw: (r) => r.output_tokens_per_s_per_chip,
    numeric: true,
  },
  {
    label: "Band",
    text: (r) => (r.band ? `${num(r.band.low)}–${num(r.band.high)}` : ""),
    raw: (r) => (r.band ? `${r.band.low}-${r.band.high}` : ""),
    cls: "nowrap",
  },
  { label: "TTFT ms", text: (r) => num(r.ttft_ms), raw: (r) => r.ttft_ms, numeric: true },
  { label: "TPOT ms", text: (r) => num(r.tpot_ms), raw: (r) => r.tpot_ms, numeric: true },
  {
    label: "Chips for 1M tok/s",
    text: (r) => num(r.chips_for_1m_tok_s, 6),
    raw: (r) => r.chips_for_1m_tok_s,
    numeric: true,
  },
  { label: "$/M tokens", text: (r) => usd(r.cost_per_m_tokens), raw: (r) => r.cost_per_m_tokens, numeric: true },
  { label: "Tokens/J", text: (r) => num(r.tokens_per_joule), raw: (r) => r.tokens_per_joule, numeric: true },
  { label: "Limiter", text: (r) => r.limiter ?? "" },
  { label: "Batch set by", text: (r) => r.batch_limit ?? "", cls: "nowrap" },
];

const accessColumns: Column<Row>[] = [
  { label: "Levy %", text: (r) => num(r.levy_percent ?? null), raw: (r) => r.levy_percent, numeric: true },
  { label: "Access", text: (r) => r.access_reason ?? why(r), cls: "wide" },
];

export const compareView: View = {
  id: "compare",
  title: "Compare",
  blurb: "Each system serving the model at its best configuration within the scenario's latency limits.",
  fields: [
    modelField("deepseek-r1"),
    { key: "scenario", label: "Scenario", default: "chat", kind: "select", options: scenarios },
    cacheHitField,
    lengthSpreadField,
    stepTokensField,
    maxBatchField,
    destField,
    dateField,
    buyerField,
  ],
  async run(v, out, ctx) {
    const request = body({
      model: v.model,
      scenario: v.scenario,
      cache_hit: v.cache_hit,
      length_spread: v.length_spread,
      step_tokens: v.step_tokens,
      max_batch: v.max_batch,
      dest: v.dest,
      date: v.date,
      buyer: v.buyer,
    });
    const answer = await postStream<CompareAnswer>("compare", request, ctx.progress);
    const feasible = answer.rows.filter((r) => r.feasible).map((r) => r.system);
    let plan: { rows: PlanRow[] } | null = null;
    let planError: unknown = null;
    if (feasible.length) {
      try {
        plan = await postStream<{ rows: PlanRow[] }>(
          "plan",
          { ...request, target: "1M-tok/s", systems: feasible },
          ctx.progress,
        );
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        planError = e;
      }
    }
    const cost = new Map((plan?.rows ?? []).map((p) => [p.system, p.cost_per_m_tokens ?? null]));
    const rows: Row[] = answer.rows.map((r) => ({ ...r, cost_per_m_tokens: cost.get(r.system) ?? null }));

    const shown = answer.destination ? [...columns, ...accessColumns] : columns;
    const where = answer.destination ? ` · for ${answer.destination} on ${answer.date}` : "";
    out.append(
      el(
        "p",
        { class: "context" },
        `${answer.model} · ${answer.scenario}: ${num(answer.input_tokens)} tokens in, ${num(answer.output_tokens)} out, ` +
          `${answer.length_spread ? `${spreadText(answer.length_spread)}, ` : ""}` +
          `TTFT ≤ ${num(answer.ttft_slo_ms)} ms, TPOT ≤ ${num(answer.tpot_slo_ms)} ms, ${answer.precision}${where}`,
      ),
      section(
        "Systems",
        renderTable(shown, rows, (r) => (unavailable(r) ? "unavailable" : ""), why),
        el(
          "p",
          { class: "note" },
          "$/M tokens: owned fleet for 1M output tokens/s (the plan view's cost model, levies included). Grey rows cannot be had or do not run; hover for the reason.",
        ),
      ),
    );
    if (planError)
      out.append(
        section("Cost", el("p", {}, "The cost per million tokens could not be computed:"), errorBox(planError)),
      );
    const feasibleRows = rows.filter((r) => r.feasible);
    const bars = (get: (r: Row) => number | null | undefined) =>
      feasibleRows.map((r) => ({ name: r.system, value: get(r) ?? null, grey: r.available === false }));
    out.append(
      el(
        "div",
        { class: "chart-grid" },
        chart(
          "chart-tps",
          barOption(
            "Output tokens/s per chip",
            "tok/s",
            bars((r) => r.output_tokens_per_s_per_chip),
          ),
        ),
        chart(
          "chart-cost",
          barOption(
            "$ per million output tokens",
            "$/M tok",
            bars((r) => r.cost_per_m_tokens),
          ),
        ),
        chart(
          "chart-tpj",
          barOption(
            "Output tokens per joule",
            "tok/J",
            bars((r) => r.tokens_per_joule),
          ),
        ),
      ),
    );
    const risks = risksSection(rows);
    if (risks) out.append(risks);
    const notes = rows.filter((r) => r.notes && r.notes.length);
    if (notes.length) {
      out.append(
        section(
          "Notes",
          el(
            "ul",
            { class: "notes" },
            ...notes.flatMap((r) => (r.notes ?? []).map((n) => el("li", {}, el("b", {}, r.system), ` ${n}`))),
          ),
        ),
      );
    }
    return {
      name: fileStem("compare", answer.model, answer.scenario, v.dest, v.date),
      csv: toCsv(shown, rows),
      json: { compare: answer, plan },
    };
  },
};
