// Apache ECharts, tree-shaken to the chart kinds the views use. Every chart is registered by its
// element id in window.__suanliCharts so the page (and its browser tests) can read its option.
import * as echarts from "echarts/core";
import { BarChart, CustomChart, LineChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { el, num } from "./dom";

echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type Option = echarts.EChartsCoreOption;
export type Chart = echarts.ECharts;

declare global {
  interface Window {
    __suanliCharts: Record<string, Chart>;
  }
}
window.__suanliCharts = {};

export const palette = {
  ok: "#2f6fb0",
  good: "#2e8b57",
  levy: "#d8962b",
  blocked: "#c0392b",
  grey: "#b9bec5",
  text: "#1f2933",
  muted: "#66707a",
};

// Disposes every chart (a view re-renders from scratch).
export function disposeCharts() {
  pending.length = 0;
  for (const c of Object.values(window.__suanliCharts)) c.dispose();
  window.__suanliCharts = {};
}

const pending: { box: HTMLElement; option: Option }[] = [];

// A chart in a new element; drawCharts() draws it once the element is in the document.
export function chart(id: string, option: Option, height = 320): HTMLElement {
  const box = el("div", { class: "chart", id, style: `height:${height}px` });
  pending.push({ box, option });
  return box;
}

export function drawCharts() {
  for (const { box, option } of pending.splice(0)) {
    if (!box.isConnected) continue;
    const c = echarts.init(box, undefined, { renderer: "canvas" });
    c.setOption({ animation: false, ...option });
    window.__suanliCharts[box.id] = c;
  }
}

window.addEventListener("resize", () => {
  for (const c of Object.values(window.__suanliCharts)) c.resize();
});

// A horizontal bar per row; `grey` rows are drawn grey, a null value is left out and labelled.
export function barOption(
  title: string,
  unit: string,
  rows: { name: string; value: number | null; grey: boolean }[],
): Option {
  const shown = [...rows].reverse();
  return {
    title: { text: title, left: 0, textStyle: { fontSize: 14, fontWeight: 600, color: palette.text } },
    grid: { left: 8, right: 70, top: 36, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "item",
      valueFormatter: (v: unknown) => (typeof v === "number" ? `${num(v)} ${unit}` : "unknown"),
    },
    xAxis: {
      type: "value",
      name: unit,
      nameLocation: "middle",
      nameGap: 24,
      splitLine: { lineStyle: { color: "#eef0f3" } },
    },
    yAxis: { type: "category", data: shown.map((r) => r.name), axisLabel: { color: palette.text } },
    series: [
      {
        type: "bar",
        name: title,
        barMaxWidth: 18,
        data: shown.map((r) => ({
          value: r.value,
          itemStyle: { color: r.grey ? palette.grey : palette.ok },
        })),
        label: {
          show: true,
          position: "right",
          color: palette.muted,
          formatter: (p: { value: unknown }) => (typeof p.value === "number" ? num(p.value) : "unknown"),
        },
      },
    ],
  };
}
