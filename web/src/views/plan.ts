// Plan: the fleet each system needs for a throughput target, ranked by the objective, and the
// Pareto front of cost per million tokens against time per output token.
import { body, postStream } from "../api";
import { chart, palette, type Option } from "../charts";
import { el, num, section, usd } from "../dom";
import { renderTable, toCsv, type Column } from "../table";
import type { View } from "../view";
import {
  buyerField,
  cacheHitField,
  dateField,
  destField,
  fileStem,
  lengthSpreadField,
  maxBatchField,
  modelField,
  risksSection,
  scenarios,
  stepTokensField,
  type Risk,
} from "./common";

interface PlanRow {
  system: string;
  chip: string;
  status: string;
  available: boolean;
  reason?: string;
  config?: string;
  chips?: number;
  cost_per_m_tokens?: number | null;
  capex_usd?: number | null;
  power_mw?: number | null;
  tpot_ms?: number | null;
  ttft_ms?: number | null;
  levy_percent?: number;
  tokens_per_joule?: number | null;
  risks?: Risk[];
}

interface ParetoPoint {
  system: string;
  config: string;
  cost_per_m_tokens: number;
  tpot_ms: number;
}

interface PlanAnswer {
  rows: PlanRow[];
  pareto: ParetoPoint[];
  explanation?: string;
  notes?: string[];
}

const columns: Column<PlanRow & { rank: number }>[] = [
  {
    label: "#",
    text: (r) => (r.status === "ok" ? String(r.rank) : ""),
    raw: (r) => (r.status === "ok" ? r.rank : null),
  },
  { label: "System", text: (r) => r.system },
  { label: "Chip", text: (r) => r.chip },
  { label: "Status", text: (r) => r.status },
  { label: "Unit", text: (r) => r.config ?? "", cls: "wide" },
  { label: "Chips", text: (r) => num(r.chips, 6), raw: (r) => r.chips, numeric: true },
  { label: "$/M tokens", text: (r) => usd(r.cost_per_m_tokens), raw: (r) => r.cost_per_m_tokens, numeric: true },
  { label: "Capex", text: (r) => usd(r.capex_usd), raw: (r) => r.capex_usd, numeric: true },
  { label: "Power MW", text: (r) => num(r.power_mw), raw: (r) => r.power_mw, numeric: true },
  { label: "TPOT ms", text: (r) => num(r.tpot_ms), raw: (r) => r.tpot_ms, numeric: true },
  { label: "TTFT ms", text: (r) => num(r.ttft_ms), raw: (r) => r.ttft_ms, numeric: true },
  { label: "Levy %", text: (r) => num(r.levy_percent), raw: (r) => r.levy_percent, numeric: true },
  { label: "Reason", text: (r) => r.reason ?? "", cls: "wide" },
];

function paretoOption(a: PlanAnswer): Option {
  const point = (r: PlanRow) => ({ value: [r.tpot_ms, r.cost_per_m_tokens], name: r.system });
  const priced = a.rows.filter((r) => typeof r.cost_per_m_tokens === "number" && typeof r.tpot_ms === "number");
  const front = [...a.pareto].sort((x, y) => x.tpot_ms - y.tpot_ms);
  const label = { show: true, position: "right", formatter: "{b}", fontSize: 10, color: palette.muted };
  return {
    title: { text: "Cost vs time per output token", left: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    legend: { top: 0, right: 0 },
    grid: { left: 8, right: 90, top: 40, bottom: 30, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (p: { name: string; value: number[] }) =>
        `${p.name}: ${num(p.value[1])} $/M tok at ${num(p.value[0])} ms`,
    },
    xAxis: { type: "value", name: "TPOT ms", nameLocation: "middle", nameGap: 26, scale: true },
    yAxis: { type: "log", name: "$/M tokens", logBase: 10 },
    series: [
      {
        name: "available",
        type: "scatter",
        symbolSize: 9,
        itemStyle: { color: palette.ok },
        label,
        data: priced.filter((r) => r.available).map(point),
      },
      {
        name: "unavailable",
        type: "scatter",
        symbolSize: 9,
        itemStyle: { color: palette.grey },
        label,
        data: priced.filter((r) => !r.available).map(point),
      },
      {
        name: "Pareto front",
        type: "line",
        step: false,
        symbol: "diamond",
        symbolSize: 11,
        lineStyle: { color: palette.good, width: 2 },
        itemStyle: { color: palette.good },
        label: { ...label, position: "left", color: palette.good },
        data: front.map((p) => ({ value: [p.tpot_ms, p.cost_per_m_tokens], name: p.system })),
      },
    ],
  };
}

export const planView: View = {
  id: "plan",
  title: "Plan",
  blurb: "The fleet each system needs for a throughput target, its cost, power and latency, ranked.",
  fields: [
    modelField("deepseek-r1"),
    { key: "scenario", label: "Scenario", default: "chat", kind: "select", options: scenarios },
    cacheHitField,
    lengthSpreadField,
    stepTokensField,
    maxBatchField,
    { key: "target", label: "Target", default: "1M-tok/s", placeholder: "e.g. 1M-tok/s" },
    destField,
    dateField,
    buyerField,
    { key: "budget", label: "Budget", default: "", placeholder: "e.g. $50M" },
    { key: "power", label: "Power", default: "", placeholder: "e.g. 20MW" },
    {
      key: "objective",
      label: "Rank by",
      default: "cost",
      kind: "select",
      options: ["cost", "latency", "energy", "chips"],
    },
  ],
  async run(v, out, ctx) {
    const request = body({
      model: v.model,
      scenario: v.scenario,
      cache_hit: v.cache_hit,
      length_spread: v.length_spread,
      step_tokens: v.step_tokens,
      max_batch: v.max_batch,
      target: v.target,
      dest: v.dest,
      date: v.date,
      buyer: v.buyer,
      budget: v.budget,
      power: v.power,
      objective: v.objective === "cost" ? "" : v.objective,
    });
    const answer = await postStream<PlanAnswer>("plan", request, ctx.progress);
    let rank = 0;
    const rows = answer.rows.map((r) => ({ ...r, rank: r.status === "ok" ? ++rank : 0 }));
    out.append(
      section(
        "Ranked plan",
        answer.explanation ? el("p", { class: "context" }, answer.explanation) : null,
        renderTable(
          columns,
          rows,
          (r) => (r.status === "ok" ? "" : "unavailable"),
          (r) => r.reason ?? "",
        ),
      ),
      el("div", { class: "chart-wide" }, chart("chart-pareto", paretoOption(answer), 420)),
    );
    const risks = risksSection(answer.rows);
    if (risks) out.append(risks);
    if (answer.notes && answer.notes.length)
      out.append(section("Notes", el("ul", { class: "notes" }, ...answer.notes.map((n) => el("li", {}, n)))));
    return {
      name: fileStem("plan", v.model, v.scenario, v.target, v.dest, v.date),
      csv: toCsv(columns, rows),
      json: answer,
    };
  },
};
