// Shared set-up of the browser tests: the static server, Debian's Chromium, a fresh page per test
// that records every request and page error.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/serve.mjs";

export const SEEDS = new URL("../../../shared/corpus/seeds/", import.meta.url);
export const WORK_REPORTS = new URL("../../../shared/corpus/work-reports/", import.meta.url);
export const FIXTURES = new URL("../fixtures/", import.meta.url);
export const SHOTS = new URL("./screenshots/", import.meta.url);
export const SEED_002 = new URL("002_13e699f1154613c7.txt", SEEDS);
export const SEED_003 = new URL("003_722f5c68c1af48ec.txt", SEEDS);
export const TITLE_002 = "榆树市人民政府关于2022年度法治政府建设情况的报告";
export const TITLE_003 = "海南区人民政府2021年法治政府建设年度报告";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const env = { server: null, browser: null };

/** Register before/after hooks of the current file: one server and one browser for all its tests. */
export function useBrowser() {
  before(async () => {
    env.server = await startServer({ port: 0 });
    env.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
}

/** A fresh page at `path` (default the analysis page, waiting for body[data-ready="1"]). */
export async function openPage({ viewport = { width: 1280, height: 800 }, route, path = "/www/", ready = true } = {}) {
  const context = await env.browser.newContext({ viewport, locale: "zh-CN", reducedMotion: "reduce", acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  if (route) await route(context);
  await page.goto(`${env.server.url}${path}`);
  if (ready) await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
  return { page, context, requests, errors };
}

export const shot = (name) => fileURLToPath(new URL(`${name}.png`, SHOTS));
export const read = (url) => readFile(url, "utf8");

/** Requests that went anywhere but the test server (data: and blob: URLs are local). */
export const foreign = (requests) =>
  requests.filter((u) => !u.startsWith(`${env.server.url}/`) && !u.startsWith("data:") && !u.startsWith("blob:"));

/**
 * A `route` for openPage that serves pkg/report_analyzer.js with the export whose first line is
 * `signature` trapping when `condition` (JS source over its arguments) holds, the way a Rust panic
 * traps in wasm.
 */
export const trapping = (signature, condition) => (context) =>
  context.route(/\/pkg\/report_analyzer\.js(\?.*)?$/, async (r) => {
    const res = await r.fetch();
    const body = (await res.text()).replace(
      signature,
      `${signature}\n    if (${condition}) throw new WebAssembly.RuntimeError('unreachable');`,
    );
    assert.notEqual(body.indexOf(condition), -1, `${signature} not found in pkg/report_analyzer.js`);
    await r.fulfill({ response: res, body });
  });

export async function waitForAnalysis(page) {
  await page.waitForSelector('[data-testid="results"]:not([hidden]) [data-testid="outline"] .ol-node', { timeout: 10_000 });
}

/** Click `button` and return the download's file name and text (UTF-8). */
export async function downloadOf(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(button).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

/** Split CSV text into records (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
