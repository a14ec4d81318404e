// `make bench-page`: the page's batch at a reviewer's scale, in headless Chromium on this machine. The ten
// corpus files copied ×10, ×30 and ×100 (100, 300 and 1,000 files; BENCH_PAGE_SCALES="10 30 100 1000" for
// more) are picked through the file input; for each: the time from the files' arrival to the complete
// comparison (the page's `ra-batch` measure), files and MB per second, the longest task on the main
// thread after the batch started, and the tab's peak private memory (its renderer processes, whose
// threads run the page and its workers, sampled every 50 ms; the page when ready, before a batch: about
// 100 MB here).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const SHARED = new URL("../../shared/corpus/", import.meta.url);
const scales = (process.env.BENCH_PAGE_SCALES ?? "10 30 100").split(/\s+/).filter(Boolean).map(Number);
const corpus = ["seeds", "work-reports"].flatMap((d) =>
  readdirSync(new URL(`${d}/`, SHARED)).filter((f) => f.endsWith(".txt")).sort().map((f) => new URL(`${d}/${f}`, SHARED).pathname));

/** The private resident memory (KB, RssAnon: without the shared browser code every process maps) of the
 * browser's renderer processes — its one tab, the page and its workers — by the process ids the browser
 * itself reports. */
async function rendererKb(cdp) {
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  let kb = 0;
  for (const p of processInfo.filter((q) => q.type === "renderer")) {
    try {
      kb += Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${p.id}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* the process ended */
    }
  }
  return kb;
}

const server = await startServer({ port: 0 });
const rows = [];
for (const scale of scales) {
  const dir = join(tmpdir(), `ra-bench-page-x${scale}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let k = 0; k < scale; k += 1) {
    for (const f of corpus) {
      const path = join(dir, `${String(files.length).padStart(5, "0")}.txt`);
      copyFileSync(f, path);
      files.push(path);
    }
  }
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  // A fresh browser per scale: the memory and the caches are this batch's alone.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const cdp = await browser.newBrowserCDPSession();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: "longtask" });
  });
  let peak = await rendererKb(cdp);
  const sampler = setInterval(async () => { peak = Math.max(peak, await rendererKb(cdp)); }, 50);
  await page.locator('[data-testid="file-input"]').setInputFiles(files);
  await page.waitForSelector('[data-testid="batch"][data-done="1"]', { timeout: 600_000 });
  clearInterval(sampler);
  const { ms, longest, status } = await page.evaluate(() => {
    const start = performance.getEntriesByName("ra-batch-start")[0].startTime;
    return {
      ms: performance.getEntriesByName("ra-batch")[0].duration,
      longest: Math.max(0, ...window.__longTasks.filter(([t]) => t >= start).map(([, d]) => d)),
      status: document.querySelector('[data-testid="batch-status"]').textContent,
    };
  });
  if (!new RegExp(`${files.length} / ${files.length} 份已分析`).test(status)) throw new Error(`×${scale}: ${status}`);
  rows.push({ scale, files: files.length, mb: bytes / 1e6, ms, longest, peak: peak / 1024 });
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
await server.close();

console.log("page batch (headless Chromium, corpus ×N picked at once; time from the files' arrival to the complete comparison)");
console.log("| corpus | files | MB | time | files/s | MB/s | ms per 100 files | longest main-thread task | tab peak memory |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ×${r.scale} | ${r.files} | ${r.mb.toFixed(1)} | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(r.files / (r.ms / 1000))} | ${(r.mb / (r.ms / 1000)).toFixed(1)} | ${Math.round((r.ms / r.files) * 100)} | ${Math.round(r.longest)} ms | ${Math.round(r.peak)} MB |`);
}
