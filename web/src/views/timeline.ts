// Timeline: for each chip × destination, its access state between dated rule changes (from
// `policy timeline`), with US levies and PRC-side events marked; a slider picks the date the
// table below reads.
import { post } from "../api";
import { chart, palette, type Option } from "../charts";
import { el, num, section } from "../dom";
import { renderTable, toCsv, type Column } from "../table";
import type { View } from "../view";
import { fileStem } from "./common";

interface Event {
  date: string;
  rule: string;
  title: string;
  authority: string;
  kind: string;
  change: string;
  summary: string;
  citation: string;
  eccn?: string;
  status?: string;
  review_policy?: string | null;
  levy_percent?: number;
  available?: boolean;
  changed?: boolean;
}

interface Lane {
  chip: string;
  dest: string;
  events: Event[];
}

const first = "2022-01-01";
const last = "2026-12-31";
const day = 86400000;
const toDay = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / day);
const fromDay = (n: number) => new Date(Date.parse(`${first}T00:00:00Z`) + n * day).toISOString().slice(0, 10);

// The lane's state on a date: the last event on or before it, or none before the first change.
function stateOn(lane: Lane, date: string): Event | null {
  let s: Event | null = null;
  for (const e of lane.events) if (e.date <= date) s = e;
  return s;
}

function stateLabel(e: Event | null): string {
  if (!e) return "no dated rule yet";
  const levy = e.levy_percent ? `, ${num(e.levy_percent)}% levy` : "";
  return `${e.available ? "available" : "unavailable"} (${(e.status ?? "").replace(/_/g, " ")}${levy})`;
}

function colour(e: Event | null): string {
  if (!e) return palette.grey;
  if (!e.available) return palette.blocked;
  return e.levy_percent ? palette.levy : palette.good;
}

// Segments [from, to) of constant state per lane, for a custom (Gantt) series.
function segments(lanes: Lane[]) {
  const out: { value: [number, string, string, string]; itemStyle: { color: string }; name: string }[] = [];
  lanes.forEach((lane, i) => {
    const cuts = [first, ...lane.events.map((e) => e.date).filter((d) => d > first), last];
    for (let k = 0; k + 1 < cuts.length; k++) {
      if (cuts[k] === cuts[k + 1]) continue;
      const s = stateOn(lane, cuts[k]);
      out.push({
        value: [i, cuts[k], cuts[k + 1], stateLabel(s)],
        itemStyle: { color: colour(s) },
        name: stateLabel(s),
      });
    }
  });
  return out;
}

function laneName(l: Lane) {
  return `${l.chip} → ${l.dest}`;
}

function option(lanes: Lane[], date: string): Option {
  const names = lanes.map(laneName);
  const marker = (pred: (e: Event, prev: Event | undefined) => boolean) =>
    lanes.flatMap((l, i) =>
      l.events
        .filter((e, k) => pred(e, l.events[k - 1]))
        .map((e) => ({ value: [e.date, names[i]], name: `${e.date} ${e.title}`, levy: e.levy_percent })),
    );
  return {
    title: { text: "Access by date", left: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    legend: { top: 0, right: 0, data: ["US rule change", "levy", "PRC-side"] },
    grid: { left: 8, right: 30, top: 40, bottom: 30, containLabel: true },
    tooltip: { trigger: "item", formatter: (p: { name: string }) => p.name },
    xAxis: { type: "time", min: first, max: last },
    yAxis: { type: "category", data: names, inverse: true },
    series: [
      {
        type: "custom",
        name: "state",
        renderItem: (
          _params: unknown,
          api: {
            value: (i: number) => unknown;
            coord: (v: unknown[]) => number[];
            size: (v: unknown[]) => number[];
            style: () => object;
          },
        ) => {
          const lane = api.value(0);
          const start = api.coord([api.value(1), lane]);
          const end = api.coord([api.value(2), lane]);
          const h = api.size([0, 1])[1] * 0.55;
          return {
            type: "rect",
            shape: { x: start[0], y: start[1] - h / 2, width: Math.max(1, end[0] - start[0]), height: h },
            style: api.style(),
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: segments(lanes),
        markLine: {
          symbol: "none",
          silent: true,
          label: { formatter: date, position: "start", color: palette.text },
          lineStyle: { color: palette.text, type: "dashed" },
          data: [{ xAxis: date }],
        },
      },
      {
        name: "US rule change",
        type: "scatter",
        z: 5,
        symbol: "circle",
        symbolSize: 8,
        itemStyle: { color: palette.text },
        data: marker((e) => e.authority !== "prc" && e.changed === true),
      },
      {
        name: "levy",
        type: "scatter",
        z: 6,
        symbol: "triangle",
        symbolSize: 12,
        itemStyle: { color: palette.levy, borderColor: palette.text },
        label: {
          show: true,
          position: "top",
          formatter: (p: { data: { levy: number } }) => `${num(p.data.levy)}%`,
          fontSize: 10,
        },
        data: marker((e, prev) => (e.levy_percent ?? 0) !== (prev?.levy_percent ?? 0)),
      },
      {
        name: "PRC-side",
        type: "scatter",
        z: 7,
        symbol: "diamond",
        symbolSize: 14,
        itemStyle: { color: palette.blocked, borderColor: "#fff" },
        data: marker((e) => e.authority === "prc"),
      },
    ],
  };
}

interface Row {
  lane: Lane;
  state: Event | null;
}

const columns: Column<Row>[] = [
  { label: "Chip", text: (r) => r.lane.chip },
  { label: "Destination", text: (r) => r.lane.dest },
  { label: "Available", text: (r) => (r.state ? (r.state.available ? "yes" : "no") : "") },
  { label: "Status", text: (r) => (r.state?.status ?? "").replace(/_/g, " ") },
  { label: "Levy %", text: (r) => (r.state ? num(r.state.levy_percent ?? 0) : ""), numeric: true },
  { label: "Since", text: (r) => r.state?.date ?? "", cls: "nowrap" },
  {
    label: "Last change",
    text: (r) => (r.state ? `${r.state.title} (${r.state.authority.toUpperCase()})` : "no dated rule yet"),
    cls: "wide",
  },
];

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");

export const timelineView: View = {
  id: "timeline",
  title: "Timeline",
  blurb: "When each chip could be had in each destination: rule changes, licence reviews, levies and PRC-side events.",
  fields: [
    {
      key: "chips",
      label: "Chips",
      default: "nvidia-h20,nvidia-h200-sxm,nvidia-h100-sxm,nvidia-b200,amd-mi308x,huawei-ascend-910c",
      help: "Comma-separated chip ids",
    },
    { key: "dests", label: "Destinations", default: "CN", help: "Comma-separated ISO codes" },
    { key: "date", label: "Date", default: "2026-02-01", kind: "date" },
  ],
  async run(v, out, ctx) {
    const pairs = list(v.chips).flatMap((chip) => list(v.dests).map((dest) => ({ chip, dest })));
    const lanes: Lane[] = await Promise.all(
      pairs.map(async (p) => ({ ...p, events: await post<Event[]>("policy/timeline", p) })),
    );
    let date = v.date >= first && v.date <= last ? v.date : "2026-02-01";
    const slider = el("input", {
      type: "range",
      id: "date-slider",
      min: "0",
      max: String(toDay(last)),
      step: "1",
      value: String(toDay(date)),
    });
    const shown = el("output", { id: "date-shown" }, date);
    const tableBox = el("div", {});
    const rows = () => lanes.map((lane) => ({ lane, state: stateOn(lane, date) }));
    const draw = () =>
      tableBox.replaceChildren(
        renderTable(columns, rows(), (r) => (r.state && !r.state.available ? "unavailable" : "")),
      );
    draw();
    slider.addEventListener("input", () => {
      date = fromDay(Number(slider.value));
      shown.textContent = date;
      const dateInput = document.getElementById("f-date") as HTMLInputElement | null;
      if (dateInput) dateInput.value = date;
      window.__suanliCharts["chart-timeline"]?.setOption({
        series: [{ markLine: { label: { formatter: date }, data: [{ xAxis: date }] } }],
      });
      draw();
      ctx.setParam("date", date);
    });
    const events = lanes.flatMap((l) => l.events.map((e) => ({ ...e, lane: laneName(l) })));
    const downloads = {
      name: fileStem("timeline", v.dests.replace(/,/g, "_"), date),
      csv: "",
      json: lanes,
    };
    const csvColumns: Column<(typeof events)[number]>[] = [
      { label: "lane", text: (e) => e.lane },
      { label: "date", text: (e) => e.date },
      { label: "rule", text: (e) => e.rule },
      { label: "authority", text: (e) => e.authority },
      { label: "kind", text: (e) => e.kind },
      { label: "change", text: (e) => e.change },
      { label: "status", text: (e) => e.status ?? "" },
      { label: "available", text: (e) => String(e.available ?? "") },
      { label: "levy_percent", text: (e) => String(e.levy_percent ?? "") },
      { label: "title", text: (e) => e.title },
    ];
    downloads.csv = toCsv(csvColumns, events);
    out.append(
      el("div", { class: "slider" }, el("label", { for: "date-slider" }, "Date"), slider, shown),
      el("div", { class: "chart-wide" }, chart("chart-timeline", option(lanes, date), 90 + 46 * lanes.length)),
      el(
        "p",
        { class: "legend-note" },
        el("span", { class: "swatch", style: `background:${palette.good}` }),
        " available ",
        el("span", { class: "swatch", style: `background:${palette.levy}` }),
        " available with a levy ",
        el("span", { class: "swatch", style: `background:${palette.blocked}` }),
        " unavailable ",
        el("span", { class: "swatch", style: `background:${palette.grey}` }),
        " before the first dated rule",
      ),
      section("On the chosen date", tableBox),
    );
    return downloads;
  },
};
