// Training: the best parallel layouts the search found for a model on a system, with MFU, step
// time, days and cost to train, and where the step's time goes.
import { body, catalogIds, postStream } from "../api";
import { chart, palette, type Option } from "../charts";
import { cards, el, num, section, usd } from "../dom";
import { renderTable, toCsv, type Column } from "../table";
import type { View } from "../view";
import { fileStem, layoutText, modelField } from "./common";

type Layout = Record<string, unknown> & { micro_batch?: number; recompute?: string; zero?: number };

interface Top {
  layout: Layout;
  step_time_s: number;
  tokens_per_s_per_chip: number;
  mfu: number;
  memory_gb: number;
}

interface TrainAnswer {
  model: string;
  system: string | null;
  chip: string;
  chips: number;
  step_time_s: number;
  tokens_per_s_per_chip: number;
  mfu: number;
  layout: Layout;
  breakdown: {
    compute_s: number;
    recompute_s: number;
    communication_s: Record<string, number>;
    bubble_s: number;
    optimizer_s: number;
    overhead_s: number;
  };
  notes: string[];
  time_to_train?: { days: number; chip_hours: number; tokens: number };
  cost_to_train?: { usd: number; cluster_capex_usd: number; energy_mwh: number; basis: string; notes: string[] };
  search?: { evaluated: number; stop: string; top: Top[] };
}

const columns: Column<Top & { rank: number }>[] = [
  { label: "#", text: (t) => String(t.rank) },
  { label: "Layout", text: (t) => layoutText(t.layout) },
  { label: "Micro-batch", text: (t) => String(t.layout.micro_batch ?? "") },
  { label: "Recompute", text: (t) => String(t.layout.recompute ?? "") },
  { label: "ZeRO", text: (t) => String(t.layout.zero ?? "") },
  { label: "Step s", text: (t) => num(t.step_time_s), raw: (t) => t.step_time_s, numeric: true },
  {
    label: "Tokens/s per chip",
    text: (t) => num(t.tokens_per_s_per_chip),
    raw: (t) => t.tokens_per_s_per_chip,
    numeric: true,
  },
  { label: "MFU", text: (t) => `${num(t.mfu * 100)}%`, raw: (t) => t.mfu, numeric: true },
  { label: "Memory GB", text: (t) => num(t.memory_gb), raw: (t) => t.memory_gb, numeric: true },
];

function breakdownOption(a: TrainAnswer): Option {
  const b = a.breakdown;
  const parts: [string, number][] = [
    ["compute", b.compute_s],
    ["recompute", b.recompute_s],
    ...Object.entries(b.communication_s).map(([k, v]) => [`${k} comm`, v] as [string, number]),
    ["bubble", b.bubble_s],
    ["optimizer", b.optimizer_s],
    ["overhead", b.overhead_s],
  ];
  const shown = parts.filter(([, v]) => v > 0);
  return {
    title: { text: "Where the step's time goes", left: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    legend: { top: 24, left: 0 },
    grid: { left: 8, right: 30, top: 70, bottom: 30, containLabel: true },
    tooltip: { trigger: "item", valueFormatter: (v: unknown) => `${num(v as number)} s` },
    xAxis: { type: "value", name: "seconds", nameLocation: "middle", nameGap: 24 },
    yAxis: { type: "category", data: ["step"] },
    series: shown.map(([name, v], i) => ({
      name,
      type: "bar",
      stack: "step",
      barWidth: 36,
      itemStyle: i === 0 ? { color: palette.ok } : undefined,
      data: [v],
    })),
  };
}

export const trainView: View = {
  id: "train",
  title: "Training",
  blurb: "The fastest parallel layouts for a training job, with MFU, days and cost to train.",
  fields: [
    modelField("llama-3.1-70b"),
    { key: "system", label: "System", default: "hgx-h100", kind: "select", options: () => catalogIds("systems") },
    { key: "chips", label: "Chips", default: "1024" },
    { key: "seq", label: "Sequence", default: "8192" },
    { key: "global_batch", label: "Global batch", default: "1024", help: "Sequences per optimizer step" },
    { key: "tokens", label: "Tokens", default: "15T" },
    { key: "top", label: "Layouts", default: "5" },
  ],
  async run(v, out, ctx) {
    const a = await postStream<TrainAnswer>(
      "train",
      body({
        model: v.model,
        system: v.system,
        chips: v.chips,
        seq: v.seq,
        global_batch: v.global_batch,
        tokens: v.tokens,
        top: v.top,
      }),
      ctx.progress,
    );
    const top = (
      a.search?.top ?? [
        {
          layout: a.layout,
          step_time_s: a.step_time_s,
          tokens_per_s_per_chip: a.tokens_per_s_per_chip,
          mfu: a.mfu,
          memory_gb: NaN,
        },
      ]
    ).map((t, i) => ({ ...t, rank: i + 1 }));
    out.append(
      section(
        `${a.model} on ${num(a.chips, 6)} × ${a.chip}${a.system ? ` (${a.system})` : ""}`,
        cards([
          ["MFU", `${num(a.mfu * 100)}%`],
          ["step time", `${num(a.step_time_s)} s`],
          ["tokens/s per chip", num(a.tokens_per_s_per_chip)],
          ["days to train", a.time_to_train ? num(a.time_to_train.days) : "no token count"],
          ["cost to train", a.cost_to_train ? usd(a.cost_to_train.usd) : "unknown"],
        ]),
        a.cost_to_train
          ? el("p", { class: "note" }, `Cost basis: ${a.cost_to_train.basis}. ${a.cost_to_train.notes.join(" ")}`)
          : null,
      ),
      section(
        a.search ? `Best layouts (${num(a.search.evaluated, 6)} evaluated, search ${a.search.stop})` : "Layout",
        renderTable(columns, top),
      ),
      el("div", { class: "chart-wide" }, chart("chart-breakdown", breakdownOption(a), 200)),
    );
    if (a.notes.length)
      out.append(section("Notes", el("ul", { class: "notes" }, ...a.notes.map((n) => el("li", {}, n)))));
    return { name: fileStem("train", v.model, v.system, v.chips), csv: toCsv(columns, top), json: a };
  },
};
