// The web page in headless Chromium against a real `suanli serve`: each view renders the API's
// answer (table rows, chart series), keeps its state in the URL, downloads what it shows, and
// shows API errors with their message and hints. Screenshots go to $SUANLI_ARTEFACTS.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { chartOption, open, ready, screenshot, start, tableRows } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const seriesNamed = (option, name) => option.series.find((s) => s.name === name);

describe("compare view", () => {
  it("is the landing page: DeepSeek-R1 chat, one row per system, three bar charts", async () => {
    const page = await open(env);
    const api = await env.api("compare", { model: "deepseek-r1", scenario: "chat" });
    assert.equal(api.status, 200);
    assert.equal(await page.inputValue("#f-model"), "deepseek-r1");
    assert.equal(await page.inputValue("#f-scenario"), "chat");
    const rows = await tableRows(page);
    assert.deepEqual(
      rows.map((r) => r.cells[0]),
      api.json.rows.map((r) => r.system),
    );
    const feasible = api.json.rows.filter((r) => r.feasible);
    for (const id of ["chart-tps", "chart-cost", "chart-tpj"]) {
      const o = await chartOption(page, id);
      assert.ok(o, `${id} drawn`);
      assert.equal(o.series[0].type, "bar");
      assert.equal(o.series[0].data.length, feasible.length, id);
    }
    // Bars are listed bottom-up: the first system is the top (last) bar.
    const tps = await chartOption(page, "chart-tps");
    assert.equal(tps.series[0].data.at(-1).value, feasible[0].output_tokens_per_s_per_chip);
    assert.deepEqual(tps.yAxis[0].data, feasible.map((r) => r.system).reverse());
    const cost = await chartOption(page, "chart-cost");
    assert.ok(
      cost.series[0].data.some((d) => typeof d.value === "number" && d.value > 0),
      "a $/M tokens bar",
    );
    assert.deepEqual(page.jsErrors, []);
    // The searches stream their progress; the catalog lists fill the selects.
    assert.ok(page.apiRequests.includes("POST /api/v1/compare?stream=1"), page.apiRequests.join(", "));
    assert.ok(page.apiRequests.includes("POST /api/v1/plan?stream=1"));
    assert.ok(page.apiRequests.includes("GET /api/v1/models"));
    await screenshot(page, "compare");
    await page.close();
  });

  it("asks with the scheduler settings of the form", async () => {
    const request = { model: "llama-3.1-70b", scenario: "offline" };
    const free = await env.api("compare", request);
    const capped = await env.api("compare", { ...request, max_batch: "16", step_tokens: "4096" });
    assert.equal(capped.status, 200);
    const tps = (a) => a.json.rows.filter((r) => r.feasible).map((r) => r.output_tokens_per_s_per_chip);
    assert.notDeepEqual(tps(capped), tps(free), "a batch cap of 16 changes the rates");
    const page = await open(env, "?view=compare&model=llama-3.1-70b&scenario=offline&step_tokens=4096&max_batch=16");
    assert.equal(await page.inputValue("#f-max_batch"), "16");
    assert.equal(await page.inputValue("#f-step_tokens"), "4096");
    const tpsChart = await chartOption(page, "chart-tps");
    assert.deepEqual(
      tpsChart.series[0].data.map((d) => d.value).reverse(),
      tps(capped),
    );
    // The table says what set each batch, as the API does; the cap of 16 binds somewhere.
    const headers = await page.evaluate(() =>
      [...document.querySelectorAll("table.data thead th")].map((th) => th.textContent),
    );
    const at = headers.indexOf("Batch set by");
    assert.ok(at > 0, `a "Batch set by" column in ${headers}`);
    const rows = await tableRows(page);
    assert.deepEqual(
      rows.map((r) => [r.cells[0], r.cells[at]]),
      capped.json.rows.map((r) => [r.system, r.batch_limit ?? ""]),
    );
    assert.ok(rows.some((r) => r.cells[at] === "max-batch"), "some row's batch is the cap");
    assert.deepEqual(page.jsErrors, []);
    await page.close();
  });

  it("asks with the answer-length spread of the form and says which one ran", async () => {
    const request = { model: "deepseek-r1", scenario: "chat" };
    const preset = await env.api("compare", request);
    const spread = await env.api("compare", { ...request, length_spread: "1.114" });
    assert.equal(spread.status, 200);
    assert.equal(spread.json.length_spread, "1.114");
    const tps = (a) => a.json.rows.filter((r) => r.feasible).map((r) => r.output_tokens_per_s_per_chip);
    assert.notDeepEqual(tps(spread), tps(preset), "long answers held longer change the rates");
    const page = await open(env, "?view=compare&length_spread=1.114");
    assert.equal(await page.inputValue("#f-length_spread"), "1.114");
    assert.match(await page.textContent("p.context"), /answer lengths cv 1\.114, TTFT/);
    await screenshot(page, "compare-spread");
    const chartTps = await chartOption(page, "chart-tps");
    assert.deepEqual(
      chartTps.series[0].data.map((d) => d.value).reverse(),
      tps(spread),
    );
    assert.deepEqual(page.jsErrors, []);
    await page.close();
    // A spread the engine cannot read is the API's error, shown with its message.
    const bad = await env.api("compare", { ...request, length_spread: "wide" });
    assert.ok(bad.status >= 400 && bad.status < 500, `status ${bad.status}`);
    const badPage = await open(env, "?view=compare&length_spread=wide");
    assert.equal(await badPage.locator(".error .error-title").textContent(), bad.json.message);
    await badPage.close();
  });

  it("greys the systems a destination cannot have, with the reason", async () => {
    const request = { model: "deepseek-r1", scenario: "chat", dest: "CN", date: "2026-02-01" };
    const api = await env.api("compare", request);
    assert.equal(api.status, 200);
    const blocked = api.json.rows.filter((r) => r.available === false).map((r) => r.system);
    assert.ok(blocked.length > 0, "some system is unavailable in CN on 2026-02-01");
    const page = await open(env, "?view=compare&dest=CN&date=2026-02-01");
    const rows = await tableRows(page);
    for (const r of rows) {
      const want = api.json.rows.find((x) => x.system === r.cells[0]);
      assert.equal(r.cls === "unavailable", want.available === false || !want.feasible, r.cells[0]);
      if (want.available === false) assert.equal(r.title, want.access_reason);
      // A split deployment shows both pools, the prefill pool's layout first.
      const split = want.config?.disaggregation;
      if (split) {
        const pools = `^prefill ${split.prefill_chips} \\[tp${split.prefill.tp}.*\\] \\+ decode ${split.decode_chips} \\[tp${want.config.tp}`;
        assert.match(r.cells[1], new RegExp(pools), r.cells[0]);
      }
      // Experts sliced over ranks show as etp, as in the CLI's config.
      const etp = want.config?.expert_tp;
      if (etp > 1) assert.match(r.cells[1], new RegExp(` etp${etp}(\\]|$)`), r.cells[0]);
    }
    assert.ok(api.json.rows.some((x) => x.config?.disaggregation), "some system splits prefill and decode");
    const tps = await chartOption(page, "chart-tps");
    const greyBars = tps.yAxis[0].data.filter((_, i) => tps.series[0].data[i].itemStyle.color === "#b9bec5");
    assert.deepEqual(greyBars.sort(), blocked.filter((s) => api.json.rows.find((x) => x.system === s).feasible).sort());
    await screenshot(page, "compare-cn");
    await page.close();
  });

  it("keeps its state in the URL: a submitted form is a link that reproduces it", async () => {
    const page = await open(env);
    await page.selectOption("#f-scenario", "reasoning");
    await page.fill("#f-dest", "CN");
    await page.fill("#f-date", "2025-09-01");
    await page.click("button.primary");
    await page.waitForURL(/scenario=reasoning/);
    await ready(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("view"), "compare");
    assert.equal(url.searchParams.get("scenario"), "reasoning");
    assert.equal(url.searchParams.get("dest"), "CN");
    assert.equal(url.searchParams.get("date"), "2025-09-01");
    assert.equal(url.searchParams.get("model"), null, "defaults stay out of the link");
    const first = await tableRows(page);

    const again = await open(env, url.search);
    assert.equal(await again.inputValue("#f-scenario"), "reasoning");
    assert.equal(await again.inputValue("#f-dest"), "CN");
    assert.equal(await again.inputValue("#f-date"), "2025-09-01");
    assert.match(await again.textContent(".context"), /reasoning.*for CN on 2025-09-01/);
    assert.deepEqual(await tableRows(again), first);

    await again.goBack();
    await page.close();
    await again.close();
  });

  it("downloads the table as CSV and the answers as JSON", async () => {
    const page = await open(env);
    const rows = await tableRows(page);
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click('[data-download="csv"]')]);
    assert.equal(csvDownload.suggestedFilename(), "compare-deepseek-r1-chat.csv");
    const csv = readFileSync(await csvDownload.path(), "utf8")
      .trim()
      .split("\n");
    assert.match(csv[0], /^System,Chip,Layout,Tokens\/s per chip,/);
    assert.equal(csv.length, rows.length + 1);
    assert.equal(csv[1].split(",")[0], rows[0].cells[0]);
    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.click('[data-download="json"]')]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
    assert.equal(json.compare.model, "deepseek-r1");
    assert.equal(json.compare.rows.length, rows.length);
    assert.ok(Array.isArray(json.plan.rows));
    await page.close();
  });

  it("shows an API error with its message and hints", async () => {
    const api = await env.api("compare", { model: "deepseek-r2" });
    assert.ok(api.status >= 400 && api.status < 500, `status ${api.status}`);
    const page = await open(env, "?view=compare&model=deepseek-r2");
    const box = page.locator(".error");
    assert.equal(await box.locator(".error-title").textContent(), api.json.message);
    // A streamed search reports its error as an event, after the 200 header: the code, no status.
    assert.match(
      await box.locator(".error-code").textContent(),
      new RegExp(`^${api.json.code}( · HTTP ${api.status})?$`),
    );
    const hints = await box.locator(".hints li").allTextContents();
    assert.deepEqual(
      hints,
      api.json.hints.map((h) => `hint: ${h}`),
    );
    assert.ok(
      hints.some((h) => h.includes("deepseek-r1")),
      "did-you-mean names deepseek-r1",
    );
    await screenshot(page, "error");
    await page.close();
  });
});

describe("plan view", () => {
  it("ranks the plan and draws the Pareto front of $/M tokens against TPOT", async () => {
    const request = { model: "deepseek-r1", scenario: "chat", target: "1M-tok/s", dest: "CN", date: "2026-02-01" };
    const api = await env.api("plan", request);
    assert.equal(api.status, 200);
    const page = await open(env, "?view=plan&dest=CN&date=2026-02-01");
    const rows = await tableRows(page);
    assert.deepEqual(
      rows.map((r) => r.cells[1]),
      api.json.rows.map((r) => r.system),
    );
    assert.equal(rows[0].cells[0], "1");
    const o = await chartOption(page, "chart-pareto");
    const front = seriesNamed(o, "Pareto front");
    assert.equal(front.data.length, api.json.pareto.length);
    const fastest = [...api.json.pareto].sort((a, b) => a.tpot_ms - b.tpot_ms)[0];
    assert.deepEqual(front.data[0].value, [fastest.tpot_ms, fastest.cost_per_m_tokens]);
    const ok = api.json.rows.filter(
      (r) => r.available && typeof r.cost_per_m_tokens === "number" && typeof r.tpot_ms === "number",
    );
    assert.equal(seriesNamed(o, "available").data.length, ok.length);
    await screenshot(page, "plan");
    await page.close();
  });

  it("asks with the prefix-cache share of the form", async () => {
    const request = { model: "deepseek-r1", scenario: "chat", target: "1M-tok/s" };
    const cold = await env.api("plan", request);
    const warm = await env.api("plan", { ...request, cache_hit: "0.5" });
    assert.equal(warm.status, 200);
    const chips = (a) => a.json.rows.map((r) => (typeof r.chips === "number" ? r.chips.toLocaleString("en-US") : "unknown"));
    assert.notDeepEqual(chips(warm), chips(cold), "the share changes the fleets");
    const page = await open(env, "?view=plan&cache_hit=0.5");
    assert.equal(await page.inputValue("#f-cache_hit"), "0.5");
    const rows = await tableRows(page);
    assert.deepEqual(
      rows.map((r) => r.cells[1]),
      warm.json.rows.map((r) => r.system),
    );
    assert.deepEqual(
      rows.map((r) => r.cells[5]),
      chips(warm),
    );
    assert.deepEqual(page.jsErrors, []);
    await page.close();
  });

  it("lists the market-access risks that bind the buyer for the systems it can have", async () => {
    const request = {
      model: "deepseek-r1",
      scenario: "chat",
      target: "1M-tok/s",
      dest: "CN",
      date: "2026-02-01",
      buyer: "operator",
    };
    const api = await env.api("plan", request);
    assert.equal(api.status, 200);
    const want = api.json.rows
      .filter((r) => r.available)
      .flatMap((r) => r.risks.map((k) => `${r.system} (${k.authority}${k.blocking ? ", blocking" : ""}): ${k.text}`));
    assert.ok(
      want.some((l) => l.startsWith("hgx-h20 (prc): operators")),
      "the operators' domestic-share rule binds the H20 for an operator",
    );
    const page = await open(env, "?view=plan&dest=CN&date=2026-02-01&buyer=operator");
    assert.equal(await page.inputValue("#f-buyer"), "operator");
    const shown = await page.$$eval("ul.risks li", (items) => items.map((li) => li.textContent));
    assert.deepEqual(shown, want);
    assert.deepEqual(page.jsErrors, []);
    await page.close();
  });
});

describe("chip view", () => {
  it("shows the spec sheet with sources, the model's ops on the roofline and the trace", async () => {
    const chip = await env.api("show/nvidia-h20");
    const cls = await env.api("classify", { chip: "nvidia-h20", date: "2025-05-01" });
    const infer = await env.api("infer", {
      model: "deepseek-r1",
      chip: "nvidia-h20",
      chips: "8",
      input: "2048",
      output: "256",
      explain: true,
    });
    assert.equal(infer.status, 200);
    const page = await open(env, "?view=chip&chip=nvidia-h20&date=2025-05-01");
    const spec = await tableRows(page, 0);
    const bf16 = spec.find((r) => r.cells[0] === "BF16 dense");
    assert.deepEqual(bf16.cells, [
      "BF16 dense",
      String(chip.json.bf16_tflops),
      "TFLOP/s",
      chip.json.estimates.includes("bf16_tflops") ? "estimate" : "published",
    ]);
    const fp4 = spec.find((r) => r.cells[0] === "FP4 dense");
    assert.deepEqual(fp4.cells, ["FP4 dense", "not supported", "", "not supported"]);
    assert.equal(
      spec.find((r) => r.cells[0] === "Price").cells[3],
      chip.json.estimates.includes("price_usd") ? "estimate" : "published",
    );
    const sources = await page.locator("ol.sources li").allTextContents();
    assert.equal(sources.length, chip.json.sources.length);
    assert.ok(sources[0].includes(chip.json.sources[0].citation));

    const o = await chartOption(page, "chart-roofline");
    const placed = infer.json.explain.ops.filter((x) => x.flops > 0 && x.bytes > 0 && x.time_us > 0);
    const points = o.series.filter((s) => s.type === "scatter").flatMap((s) => s.data.map((d) => d.name));
    assert.deepEqual(points.sort(), placed.map((x) => x.op).sort());
    const fp8Roof = seriesNamed(o, "fp8 roof");
    assert.equal(fp8Roof.data[1][1], chip.json.fp8_tflops, "the fp8 roof is the fp8 peak");

    const trace = await tableRows(page, 2);
    assert.equal(trace.length, cls.json.trace.length);
    assert.equal(await page.locator(".card-value").filter({ hasText: cls.json.eccn }).count(), 1);
    await screenshot(page, "chip");
    await page.close();
  });
});

describe("chip view given a system id", () => {
  it("says it is not a chip instead of drawing a spec sheet", async () => {
    const system = await env.api("show/hgx-h100");
    assert.equal(system.status, 200);
    const page = await open(env, "?view=chip&chip=hgx-h100");
    assert.equal(
      await page.textContent(".error-title"),
      "Error: hgx-h100 is not a chip (a system or a model?): pick one from the list",
    );
    assert.equal(await page.locator("table.data").count(), 0);
    await page.close();
  });
});

describe("timeline view", () => {
  it("draws a lane per chip and destination and reads the state at the slider's date", async () => {
    const page = await open(env, "?view=timeline&chips=nvidia-h20,nvidia-h200-sxm&dests=CN&date=2025-06-01");
    const h20 = await env.api("policy/timeline", { chip: "nvidia-h20", dest: "CN" });
    const o = await chartOption(page, "chart-timeline");
    assert.deepEqual(o.yAxis[0].data, ["nvidia-h20 → CN", "nvidia-h200-sxm → CN"]);
    assert.ok(seriesNamed(o, "state").data.length >= 2);
    const prc = h20.json.filter((e) => e.authority === "prc").length;
    assert.ok(prc > 0, "a PRC-side event reaches the H20");
    assert.ok(seriesNamed(o, "PRC-side").data.length >= prc);
    assert.ok(
      seriesNamed(o, "levy").data.some((d) => d.value[1] === "nvidia-h20 → CN"),
      "the H20 levy is marked",
    );

    // Expected state: the last H20 event on or before each date.
    const at = (d) => h20.json.filter((e) => e.date <= d).at(-1);
    let rows = await tableRows(page);
    assert.equal(rows[0].cells[2], at("2025-06-01").available ? "yes" : "no");
    assert.equal(rows[0].cells[5], at("2025-06-01").date);

    // Move the slider to 2025-09-01: the table, the marker line and the URL follow.
    await page.evaluate(() => {
      const s = document.getElementById("date-slider");
      s.value = String(Math.round((Date.parse("2025-09-01") - Date.parse("2022-01-01")) / 86400000));
      s.dispatchEvent(new Event("input"));
    });
    assert.equal(await page.textContent("#date-shown"), "2025-09-01");
    assert.equal(new URL(page.url()).searchParams.get("date"), "2025-09-01");
    rows = await tableRows(page);
    const sept = at("2025-09-01");
    assert.equal(rows[0].cells[2], sept.available ? "yes" : "no");
    assert.equal(rows[0].cells[4], String(sept.levy_percent));
    const moved = await chartOption(page, "chart-timeline");
    assert.equal(seriesNamed(moved, "state").markLine.data[0].xAxis, "2025-09-01");
    await screenshot(page, "timeline");

    await page.reload();
    await ready(page);
    assert.equal(await page.textContent("#date-shown"), "2025-09-01");
    await page.close();
  });
});

describe("training view", () => {
  it("lists the best layouts with MFU, days and cost", async () => {
    const request = {
      model: "llama-3.1-70b",
      system: "hgx-h100",
      chips: "1024",
      seq: "8192",
      global_batch: "1024",
      tokens: "15T",
      top: "3",
    };
    const api = await env.api("train", request);
    assert.equal(api.status, 200);
    const page = await open(env, "?view=train&top=3");
    const rows = await tableRows(page);
    assert.equal(rows.length, api.json.search.top.length);
    assert.equal(rows[0].cells[7], `${Math.round(api.json.search.top[0].mfu * 1000) / 10}%`);
    const cards = await page.locator(".card").allTextContents();
    assert.ok(cards.some((c) => c.includes("days to train")));
    assert.ok(cards.some((c) => c.includes("cost to train") && c.includes("$")));
    const o = await chartOption(page, "chart-breakdown");
    assert.equal(o.series[0].name, "compute");
    assert.equal(o.series[0].data[0], api.json.breakdown.compute_s);
    await screenshot(page, "train");
    await page.close();
  });
});
