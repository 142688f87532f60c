// The page: a tab per view; the URL holds the view and its form values, so a link reproduces it.
import "./style.css";
import { disposeCharts, drawCharts } from "./charts";
import { el, errorBox } from "./dom";
import { downloadBar } from "./download";
import { buildForm } from "./form";
import { readValues, toSearch, viewId } from "./state";
import type { View, Values } from "./view";
import { compareView } from "./views/compare";
import { planView } from "./views/plan";
import { chipView } from "./views/chip";
import { timelineView } from "./views/timeline";
import { trainView } from "./views/train";

const views: View[] = [compareView, planView, chipView, timelineView, trainView];
const nav = document.getElementById("nav") as HTMLElement;
const app = document.getElementById("app") as HTMLElement;
let generation = 0;

function go(view: View, values: Values) {
  history.pushState(null, "", toSearch(view, values));
  render();
}

async function render() {
  const gen = ++generation;
  const view = views.find((v) => v.id === viewId(location.search, views)) as View;
  const values = readValues(view, location.search);
  document.title = `suanli · ${view.title}`;
  nav.replaceChildren(
    ...views.map((v) => {
      const a = el(
        "a",
        { href: `?view=${v.id}`, class: v === view ? "tab active" : "tab", "data-view": v.id },
        v.title,
      );
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        history.pushState(null, "", `?view=${v.id}`);
        render();
      });
      return a;
    }),
  );
  disposeCharts();
  const loading = el("div", { class: "loading" }, "Computing…");
  const out = el("div", { class: "results", "aria-busy": "true" }, loading);
  app.replaceChildren(
    el("div", { class: "view-head" }, el("h1", {}, view.title), el("p", { class: "blurb" }, view.blurb)),
    buildForm(view.fields, values, (v) => go(view, v)),
    out,
  );
  const body = el("div", {});
  try {
    const downloads = await view.run(values, body, {
      setParam(key, value) {
        const v = { ...readValues(view, location.search), [key]: value };
        history.replaceState(null, "", toSearch(view, v));
      },
      progress(p) {
        if (gen === generation)
          loading.textContent = `Computing… ${p.done} of ${p.total} evaluated (${p.elapsed_s.toFixed(1)} s)`;
      },
    });
    if (gen !== generation) return;
    out.replaceChildren(downloadBar(downloads), body);
    drawCharts();
  } catch (e) {
    if (gen !== generation) return;
    out.replaceChildren(errorBox(e));
  }
  out.setAttribute("aria-busy", "false");
  out.dataset.ready = "true";
}

window.addEventListener("popstate", render);
render();
