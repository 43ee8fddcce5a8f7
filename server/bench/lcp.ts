import path from "node:path";
import { type CDPSession, chromium } from "@playwright/test";
import { median } from "./cold-start.ts";
import { freePort, startNode, stop, waitForHttp } from "./processes.ts";

export type LcpRun = {
  lcpMs: number;
  fcpMs: number;
  element: string;
  requests: number;
  /** Bytes on the wire (after compression), all requests of the page load. */
  transferKb: number;
};
export type LcpResult = {
  profile: typeof SLOW_4G & { cpuSlowdown: number };
  runs: LcpRun[];
  medianMs: number;
};

/** The brief's "slow 4G": ~400 ms RTT, ~400 kbit/s each way (CDP takes bytes per second). */
const SLOW_4G = { latencyMs: 400, downloadKbps: 400, uploadKbps: 400 };
const CPU_SLOWDOWN = 4;

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Collects LCP candidates from the first byte on; the last one before input is the LCP. */
const OBSERVE_LCP = `
  window.__lcp = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const element = entry.element;
      const label = element ? element.tagName.toLowerCase() + ": " + (element.textContent || "").trim().slice(0, 40) : "?";
      window.__lcp.push({ startTime: entry.startTime, label });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;
const READ_PAINTS = `(() => {
  const last = window.__lcp[window.__lcp.length - 1];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return { lcp: last ? last.startTime : -1, label: last ? last.label : "none", fcp: fcp ? fcp.startTime : -1 };
})()`;

async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: SLOW_4G.latencyMs,
    downloadThroughput: (SLOW_4G.downloadKbps * 1000) / 8,
    uploadThroughput: (SLOW_4G.uploadKbps * 1000) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
}

/** LCP of the first screen (sign-in) in a fresh profile each run, so nothing is cached. */
export async function measureLcp(origin: string, runs: number): Promise<LcpResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  try {
    const results: LcpRun[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(OBSERVE_LCP);
        const cdp = await context.newCDPSession(page);
        let requests = 0;
        let bytes = 0;
        cdp.on("Network.requestWillBeSent", () => {
          requests++;
        });
        cdp.on("Network.loadingFinished", (event) => {
          bytes += event.encodedDataLength;
        });
        await throttle(cdp);
        await page.goto(origin, { waitUntil: "load", timeout: 60_000 });
        await page.waitForLoadState("networkidle", { timeout: 60_000 });
        const paints = (await page.evaluate(READ_PAINTS)) as {
          lcp: number;
          label: string;
          fcp: number;
        };
        if (paints.lcp < 0)
          throw new Error("no largest-contentful-paint entry: did the first screen render?");
        results.push({
          lcpMs: Math.round(paints.lcp),
          fcpMs: Math.round(paints.fcp),
          element: paints.label,
          requests,
          transferKb: Number((bytes / 1000).toFixed(1)),
        });
      } finally {
        await context.close();
      }
    }
    return {
      profile: { ...SLOW_4G, cpuSlowdown: CPU_SLOWDOWN },
      runs: results,
      medianMs: median(results.map((run) => run.lcpMs)),
    };
  } finally {
    await browser.close();
  }
}

/** Starts the console as `npm start` does (sandbox mode, builds the web if stale) and measures. */
export async function runLcp(runs: number, logDir: string): Promise<LcpResult> {
  const port = await freePort();
  const child = startNode(
    "lcp-console",
    "server/scripts/start.ts",
    { PORT: String(port), SQLITE_PATH: path.join(logDir, "lcp.db"), LOG_LEVEL: "warn" },
    logDir,
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, { timeoutMs: 180_000 });
    return await measureLcp(`http://127.0.0.1:${port}/`, runs);
  } finally {
    await stop(child);
  }
}
