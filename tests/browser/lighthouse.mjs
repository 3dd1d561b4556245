// Lighthouse over some pages, one Chromium for all: node lighthouse.mjs URL [URL ...]
// Prints one JSON line per URL: the four category scores, the metrics behind the
// performance score, the audits that lost points, and the console errors Lighthouse saw.
// Mobile (Lighthouse's default: a mid-range phone, simulated slow 4G and 4x slower CPU),
// each page on a cold cache. Run by `nox -s lighthouse` (tests/browser/lighthouse.py).
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  // Debian's Chromium as root, headless; no calls home (this machine's network is closed).
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
// Ctrl+C or SIGTERM: close Chromium too (`finally` does not run on a signal).
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    chrome.kill();
    process.exit(1);
  });
}
const runs = {};
try {
  for (const url of process.argv.slice(2)) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    if (process.env.LIGHTHOUSE_REPORTS) {
      // The whole report, for a closer look: LIGHTHOUSE_REPORTS=DIR
      // (a page measured more than once: en-pools.json, en-pools-2.json, ...)
      const name = new URL(url).pathname.replace(/^\/|\.html$/g, "").replace(/\//g, "-");
      const run = (runs[name] = (runs[name] || 0) + 1);
      const file = `${name}${run > 1 ? `-${run}` : ""}.json`;
      writeFileSync(`${process.env.LIGHTHOUSE_REPORTS}/${file}`, JSON.stringify(lhr));
    }
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score]));
    const metrics = Object.fromEntries(METRICS.map((m) => [m, lhr.audits[m].numericValue]));
    const lost = [];
    for (const category of CATEGORIES) {
      for (const ref of lhr.categories[category].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          lost.push(`${category}: ${ref.id} ${audit.score} ${audit.displayValue || ""}`.trim());
        }
      }
    }
    const errors = (lhr.audits["errors-in-console"].details?.items || []).map(
      (item) => `${item.source}: ${item.description}`
    );
    const warnings = lhr.runWarnings || [];
    const benchmark = Math.round(lhr.environment.benchmarkIndex);
    console.log(JSON.stringify({ url, scores, metrics, lost, errors, warnings, benchmark }));
  }
} finally {
  await chrome.kill();
}
