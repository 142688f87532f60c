// Chip: the spec sheet with its sources, a roofline with one model's ops placed on it (from
// `infer --explain`), and the export-control classification with every rule's trace.
import { body, catalogIds, get, post } from "../api";
import { chart, palette, type Option } from "../charts";
import { cards, el, errorBox, num, section } from "../dom";
import { renderTable, toCsv, type Column } from "../table";
import type { View } from "../view";
import { fileStem, modelField } from "./common";

type Chip = Record<string, unknown> & {
  id: string;
  name: string;
  unsupported: string[];
  estimates: string[];
  sources: { key: string; citation: string }[];
  memory_bw_tbs: number | null;
};

interface Op {
  op: string;
  flops: number;
  bytes: number;
  precision: string | null;
  time_us: number;
  bound: string;
  compute_efficiency: number;
  memory_efficiency: number;
}

interface InferAnswer {
  model: string;
  chips: number;
  output_tokens_per_s_per_chip?: number;
  tpot_ms?: number;
  limiter?: string;
  explain?: { efficiency_source: string; ops: Op[] };
}

interface TraceStep {
  rule: string;
  step: string;
  outcome: string;
  detail: string;
  citation?: string;
  metric?: string;
  value?: number;
}

interface Classification {
  chip: string;
  date: string;
  rule: string;
  eccn: string;
  tpp: number;
  tpp_dtype: string;
  performance_density: number | null;
  die_area_mm2: number | null;
  trace: TraceStep[];
}

// Spec-sheet rows: catalog key, label, unit.
const specs: [string, string, string][] = [
  ["vendor", "Vendor", ""],
  ["family", "Family", ""],
  ["market", "Market", ""],
  ["launch", "Launch", ""],
  ["process", "Process", ""],
  ["fp64_tflops", "FP64", "TFLOP/s"],
  ["fp32_tflops", "FP32", "TFLOP/s"],
  ["tf32_tflops", "TF32 dense", "TFLOP/s"],
  ["bf16_tflops", "BF16 dense", "TFLOP/s"],
  ["fp16_tflops", "FP16 dense", "TFLOP/s"],
  ["fp8_tflops", "FP8 dense", "TFLOP/s"],
  ["int8_tops", "INT8 dense", "TOPS"],
  ["int4_tops", "INT4 dense", "TOPS"],
  ["fp4_tflops", "FP4 dense", "TFLOP/s"],
  ["memory_gb", "Memory", "GB"],
  ["memory_type", "Memory type", ""],
  ["memory_bw_tbs", "Memory bandwidth", "TB/s"],
  ["sram_mb", "On-chip SRAM", "MB"],
  ["scaleup_link", "Scale-up link", ""],
  ["scaleup_gbs", "Scale-up bandwidth (bidirectional)", "GB/s"],
  ["scaleout_gbps", "Scale-out", "Gbit/s"],
  ["tdp_w", "TDP", "W"],
  ["die_mm2", "Die area", "mm²"],
  ["price_usd", "Price", "USD"],
];

interface SpecRow {
  key: string;
  label: string;
  value: string;
  raw: unknown;
  unit: string;
  state: string;
}

function specRows(c: Chip): SpecRow[] {
  return specs
    .filter(([k]) => k in c)
    .map(([key, label, unit]) => {
      const v = c[key];
      const state = c.unsupported.includes(key)
        ? "not supported"
        : v === null
          ? "unknown"
          : c.estimates.includes(key)
            ? "estimate"
            : "published";
      const value = v === null ? "" : typeof v === "number" ? num(v, 4) : String(v);
      return { key, label, value, raw: v, unit: v === null ? "" : unit, state };
    });
}

const specColumns: Column<SpecRow>[] = [
  { label: "Metric", text: (r) => r.label },
  {
    label: "Value",
    text: (r) => r.value || r.state,
    raw: (r) => (r.raw === null ? null : String(r.raw)),
    numeric: true,
  },
  { label: "Unit", text: (r) => r.unit },
  { label: "Basis", text: (r) => r.state },
];

function peak(c: Chip, precision: string): number | null {
  for (const k of [`${precision}_tflops`, `${precision}_tops`]) {
    const v = c[k];
    if (typeof v === "number") return v;
  }
  return null;
}

function rooflineOption(c: Chip, ops: Op[]): Option {
  const bw = c.memory_bw_tbs ?? 0;
  const placed = ops.filter((o) => o.flops > 0 && o.bytes > 0 && o.time_us > 0);
  const intensities = placed.map((o) => o.flops / o.bytes);
  const lo = Math.min(0.5, ...intensities) / 2;
  const hi = Math.max(2000, ...intensities) * 2;
  const precisions = [...new Set(placed.map((o) => o.precision ?? "other"))];
  const roofs = precisions
    .map((p) => [p, peak(c, p)] as const)
    .filter((x): x is readonly [string, number] => x[1] !== null && bw > 0)
    .map(([p, top]) => ({
      name: `${p} roof`,
      type: "line",
      symbol: "none",
      lineStyle: { width: 2 },
      data: [
        [lo, lo * bw],
        [top / bw, top],
        [hi, top],
      ],
    }));
  const points = precisions.map((p) => ({
    name: `${p} ops`,
    type: "scatter",
    symbolSize: 10,
    label: { show: true, position: "right", formatter: "{b}", fontSize: 10, color: palette.muted },
    data: placed
      .filter((o) => (o.precision ?? "other") === p)
      .map((o) => ({ name: o.op, value: [o.flops / o.bytes, o.flops / (o.time_us * 1e-6) / 1e12], bound: o.bound })),
  }));
  return {
    title: { text: `Roofline of ${c.id}`, left: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    legend: { top: 0, right: 0 },
    grid: { left: 8, right: 40, top: 40, bottom: 30, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (p: { seriesName: string; name: string; value: number[] }) =>
        `${p.name || p.seriesName}: ${num(p.value[0])} FLOP/B, ${num(p.value[1])} TFLOP/s`,
    },
    xAxis: { type: "log", name: "FLOP per byte", nameLocation: "middle", nameGap: 26, min: lo, max: hi },
    yAxis: { type: "log", name: "TFLOP/s" },
    series: [...roofs, ...points],
  };
}

const opColumns: Column<Op>[] = [
  { label: "Op", text: (o) => o.op },
  { label: "GFLOP", text: (o) => num(o.flops / 1e9), raw: (o) => o.flops, numeric: true },
  { label: "MB", text: (o) => num(o.bytes / 1e6), raw: (o) => o.bytes, numeric: true },
  { label: "Precision", text: (o) => o.precision ?? "" },
  { label: "Time µs", text: (o) => num(o.time_us), raw: (o) => o.time_us, numeric: true },
  { label: "Bound", text: (o) => o.bound },
];

const traceColumns: Column<TraceStep>[] = [
  { label: "Rule", text: (t) => t.rule },
  { label: "Step", text: (t) => t.step },
  { label: "Outcome", text: (t) => t.outcome },
  { label: "Detail", text: (t) => t.detail, cls: "wide" },
  { label: "Citation", text: (t) => t.citation ?? "", cls: "wide" },
];

export const chipView: View = {
  id: "chip",
  title: "Chip",
  blurb: "A chip's spec sheet with its sources, a model's ops on its roofline, and its export-control class.",
  fields: [
    { key: "chip", label: "Chip", default: "nvidia-h20", kind: "select", options: () => catalogIds("chips") },
    modelField("deepseek-r1"),
    { key: "chips", label: "Chips", default: "8", help: "Chips serving the model for the roofline" },
    { key: "input", label: "Input tokens", default: "2048" },
    { key: "output", label: "Output tokens", default: "256" },
    {
      key: "date",
      label: "Classify on",
      default: "",
      kind: "date",
      help: "Date of the classification; empty = the newest policy event's date",
    },
  ],
  async run(v, out) {
    const chip = await get<Chip>(`show/${encodeURIComponent(v.chip)}`);
    if (!Array.isArray(chip.unsupported) || !Array.isArray(chip.sources)) {
      throw new Error(`${v.chip} is not a chip (a system or a model?): pick one from the list`);
    }
    const [infer, cls] = await Promise.allSettled([
      post<InferAnswer>(
        "infer",
        body({ model: v.model, chip: v.chip, chips: v.chips, input: v.input, output: v.output, explain: true }),
      ),
      post<Classification>("classify", body({ chip: v.chip, date: v.date })),
    ]);
    const rows = specRows(chip);
    out.append(
      el(
        "div",
        { class: "two-col" },
        section(
          `${chip.name} (${chip.id})`,
          renderTable(specColumns, rows, (r) =>
            r.state === "estimate" ? "estimate" : r.state === "published" ? "" : "unavailable",
          ),
          typeof chip.notes === "string" ? el("p", { class: "note" }, chip.notes) : null,
        ),
        section(
          "Sources",
          el(
            "ol",
            { class: "sources" },
            ...chip.sources.map((s) => el("li", {}, el("b", {}, s.key), ` ${s.citation}`)),
          ),
        ),
      ),
    );
    if (infer.status === "fulfilled" && infer.value.explain) {
      const a = infer.value;
      const ops = a.explain?.ops ?? [];
      out.append(
        section(
          `${a.model} on ${a.chips} × ${chip.id}`,
          cards([
            ["output tokens/s per chip", num(a.output_tokens_per_s_per_chip)],
            ["TPOT ms", num(a.tpot_ms)],
            ["limited by", a.limiter ?? ""],
            ["kernel efficiencies", a.explain?.efficiency_source ?? ""],
          ]),
          el("div", { class: "chart-wide" }, chart("chart-roofline", rooflineOption(chip, ops), 420)),
          renderTable(opColumns, ops),
        ),
      );
    } else {
      out.append(
        section(
          "Roofline",
          infer.status === "rejected" ? errorBox(infer.reason) : el("p", {}, "no op breakdown in the answer"),
        ),
      );
    }
    if (cls.status === "fulfilled") {
      const c = cls.value;
      out.append(
        section(
          `Export-control class on ${c.date}`,
          cards([
            ["ECCN", c.eccn],
            ["TPP", `${num(c.tpp, 5)} (${c.tpp_dtype})`],
            ["performance density", num(c.performance_density, 4)],
            ["deciding rule", c.rule],
          ]),
          renderTable(traceColumns, c.trace),
        ),
      );
    } else {
      out.append(section("Export-control class", errorBox(cls.reason)));
    }
    return {
      name: fileStem("chip", v.chip, v.model),
      csv: toCsv(specColumns, rows),
      json: {
        chip,
        infer: infer.status === "fulfilled" ? infer.value : null,
        classify: cls.status === "fulfilled" ? cls.value : null,
      },
    };
  },
};
