// Starts a real `suanli serve` on a free loopback port and Debian's headless Chromium for the
// browser tests. Everything they need is named by environment variables (set by ctest):
//   SUANLI_BIN       the suanli executable (required)
//   SUANLI_WEB_ROOT  the built page, web/dist (required: `npm ci && npm run build` in web/)
//   CHROMIUM         the browser (default /usr/bin/chromium)
//   SUANLI_ARTEFACTS where screenshots and downloads go (default build/browser)
// A missing piece is an error, never a skip: CI must not pass without running these tests.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "..", "..");

function need(name, path, how) {
  if (!path || !existsSync(path)) {
    throw new Error(`${name} not found${path ? ` at ${path}` : ""}: ${how}`);
  }
  return path;
}

export const paths = {
  bin: need("SUANLI_BIN", process.env.SUANLI_BIN, "set SUANLI_BIN to the built suanli executable"),
  webRoot: need(
    "the built web page",
    join(process.env.SUANLI_WEB_ROOT ?? join(repo, "web", "dist"), "index.html"),
    "run `npm ci && npm run build` in web/ (tools/run.sh does)",
  ).replace(/[/\\]index\.html$/, ""),
  chromium: need(
    "chromium",
    process.env.CHROMIUM ?? "/usr/bin/chromium",
    "install Debian's chromium (tools/install-deps.sh)",
  ),
  artefacts: process.env.SUANLI_ARTEFACTS ?? join(repo, "build", "browser"),
};
mkdirSync(paths.artefacts, { recursive: true });

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitHealthy(base, server, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`suanli serve exited with ${server.exitCode}:\n${log.join("")}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`suanli serve did not answer /healthz within 60 s:\n${log.join("")}`);
}

// The server and the browser, started once for a test file; stop() ends both.
export async function start() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const server = spawn(
    paths.bin,
    ["serve", "--host", "127.0.0.1", "--port", String(port), "--web-root", paths.webRoot],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout.on("data", (d) => log.push(String(d)));
  server.stderr.on("data", (d) => log.push(String(d)));
  await waitHealthy(base, server, log);
  const browser = await chromium.launch({
    executablePath: paths.chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  context.setDefaultTimeout(120_000);
  return {
    base,
    context,
    log,
    async api(path, body) {
      const r = await fetch(
        `${base}/api/v1/${path}`,
        body === undefined
          ? {}
          : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
      );
      return { status: r.status, json: await r.json() };
    },
    async stop() {
      await browser.close();
      server.kill("SIGTERM");
    },
  };
}

// Opens a page at `search` (e.g. "?view=plan") and waits until the view has rendered.
export async function open(env, search = "") {
  const page = await env.context.newPage();
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`));
  await page.goto(`${env.base}/${search}`);
  await ready(page);
  page.jsErrors = errors;
  page.apiRequests = requests;
  return page;
}

export async function ready(page) {
  await page.waitForSelector('.results[data-ready="true"]');
  // Charts are drawn right after the results are attached.
  await page.waitForFunction(
    () => document.querySelectorAll(".chart").length === Object.keys(window.__suanliCharts).length,
  );
}

// The option ECharts holds for the chart in element `id` (series, axes), as plain data.
export function chartOption(page, id) {
  return page.evaluate((chartId) => {
    const c = window.__suanliCharts[chartId];
    if (!c) return null;
    const o = c.getOption();
    return JSON.parse(JSON.stringify({ series: o.series, yAxis: o.yAxis, xAxis: o.xAxis }));
  }, id);
}

export function tableRows(page, nth = 0) {
  return page.evaluate((n) => {
    const t = document.querySelectorAll("table.data")[n];
    return [...t.querySelectorAll("tbody tr")].map((tr) => ({
      cls: tr.className,
      title: tr.getAttribute("title") ?? "",
      cells: [...tr.querySelectorAll("td")].map((td) => td.textContent),
    }));
  }, nth);
}

export function screenshot(page, name) {
  return page.screenshot({ path: join(paths.artefacts, `${name}.png`), fullPage: true });
}
