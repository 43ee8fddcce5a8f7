import path from "node:path";
import { type CDPSession, chromium } from "@playwright/test";
import { median } from "./cold-start.ts";
import { freePort, startCommand, startNode, stop, waitForHttp } from "./processes.ts";
import { measureRoundTrips, type StepTrips } from "./round-trips.ts";

/**
 * One request of the page load: when it was sent and when it finished (ms
 * after the first request) and its wire size.
 */
export type Resource = {
  path: string;
  kb: number;
  encoding: string;
  doneMs: number;
  startMs: number;
};

export type LcpRun = {
  lcpMs: number;
  fcpMs: number;
  element: string;
  requests: number;
  /** Bytes on the wire (after compression), all requests of the page load. */
  transferKb: number;
  resources: Resource[];
  /**
   * When the sign-in form could first be used (ms after navigation start): its
   * login field is in the page, enabled and not inside an inert element — the
   * pre-rendered copy is neither (web/src/main.tsx).
   */
  usableMs: number;
  /** The requests that had finished by then, their wire size and paths. */
  usableRequests: number;
  usableTransferKb: number;
  usablePaths: string[];
};
export type LcpResult = {
  /** API calls per step of a Levin new-customer flow (unthrottled), or why they could not be counted. */
  roundTrips: StepTrips[] | { error: string };
  profile: typeof SLOW_4G & { cpuSlowdown: number };
  runs: LcpRun[];
  medianMs: number;
  /** Median `usableMs`: the first screen usable, not only painted. */
  usableMedianMs: number;
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
/**
 * Stamps \`window.__usable\` (performance.now(), i.e. ms after navigation start)
 * at the first DOM change after which the sign-in form takes input: the login
 * field exists, is not disabled (itself or by a fieldset) and is not inert.
 */
const OBSERVE_USABLE = `
  window.__usable = -1;
  const usable = () => {
    const input = document.querySelector("input[name=login]");
    return input !== null && !input.matches(":disabled") && input.closest("[inert]") === null;
  };
  const observer = new MutationObserver(() => {
    if (!usable()) return;
    window.__usable = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
`;
const READ_PAINTS = `(() => {
  const last = window.__lcp[window.__lcp.length - 1];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    lcp: last ? last.startTime : -1,
    label: last ? last.label : "none",
    fcp: fcp ? fcp.startTime : -1,
    usable: window.__usable,
    timeOrigin: performance.timeOrigin,
  };
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

/**
 * LCP of the first screen (sign-in) in a fresh profile each run, so nothing is
 * cached, and when its form becomes usable (the live screen has replaced the
 * inert pre-render) with what had been downloaded by then; then, in the same
 * browser, the API calls per step of one flow. `origin` has no trailing slash.
 */
export async function measureLcp(origin: string, runs: number): Promise<LcpResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  try {
    const results: LcpRun[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(OBSERVE_LCP);
        await page.addInitScript(OBSERVE_USABLE);
        const pageErrors: string[] = [];
        page.on("pageerror", (error) => pageErrors.push(error.message));
        page.on("response", (response) => {
          if (response.status() >= 400)
            pageErrors.push(`HTTP ${response.status()} ${response.url()}`);
        });
        const cdp = await context.newCDPSession(page);
        const resources = new Map<string, Resource & { startS: number }>();
        let navigationStartS: number | null = null;
        // Wall clock of the first request, to place request times on the page's clock.
        let navigationStartWallMs = 0;
        cdp.on("Network.requestWillBeSent", (event) => {
          if (navigationStartS === null) {
            navigationStartS = event.timestamp;
            navigationStartWallMs = event.wallTime * 1000;
          }
          const url = new URL(event.request.url);
          resources.set(event.requestId, {
            path: url.pathname,
            kb: 0,
            encoding: "",
            doneMs: -1,
            startMs: Math.round((event.timestamp - navigationStartS) * 1000),
            startS: event.timestamp,
          });
        });
        cdp.on("Network.responseReceived", (event) => {
          const resource = resources.get(event.requestId);
          const headers = Object.entries(event.response.headers);
          const encoding = headers.find(([name]) => name.toLowerCase() === "content-encoding");
          if (resource) resource.encoding = encoding?.[1] ?? "identity";
        });
        cdp.on("Network.loadingFinished", (event) => {
          const resource = resources.get(event.requestId);
          if (!resource) return;
          resource.kb = Number((event.encodedDataLength / 1000).toFixed(1));
          resource.doneMs = Math.round(
            (event.timestamp - (navigationStartS ?? event.timestamp)) * 1000,
          );
        });
        await throttle(cdp);
        await page.goto(`${origin}/`, { waitUntil: "load", timeout: 60_000 });
        await page.waitForLoadState("networkidle", { timeout: 60_000 });
        // The first screen must be the sign-in form, not an error page that happens to paint fast.
        await page
          .getByLabel("Login")
          .waitFor({ timeout: 30_000 })
          .catch(() => {
            throw new Error(
              `the sign-in screen did not render; page errors: ${pageErrors.join("; ") || "none"}`,
            );
          });
        await page.waitForFunction("window.__usable >= 0", null, { timeout: 30_000 }).catch(() => {
          throw new Error(
            `the sign-in form never became usable; page errors: ${pageErrors.join("; ") || "none"}`,
          );
        });
        const paints = (await page.evaluate(READ_PAINTS)) as {
          lcp: number;
          label: string;
          fcp: number;
          usable: number;
          timeOrigin: number;
        };
        if (paints.lcp < 0)
          throw new Error(
            `no largest-contentful-paint entry; page errors: ${pageErrors.join("; ") || "none"}`,
          );
        const loaded = [...resources.values()].map(({ startS: _startS, ...resource }) => resource);
        // Request times count from the first request, the page's from navigation start.
        const firstRequestMs = navigationStartWallMs - paints.timeOrigin;
        const beforeUsable = loaded.filter(
          (resource) => resource.doneMs >= 0 && resource.doneMs + firstRequestMs <= paints.usable,
        );
        results.push({
          lcpMs: Math.round(paints.lcp),
          fcpMs: Math.round(paints.fcp),
          element: paints.label,
          requests: loaded.length,
          transferKb: Number(loaded.reduce((sum, resource) => sum + resource.kb, 0).toFixed(1)),
          resources: loaded,
          usableMs: Math.round(paints.usable),
          usableRequests: beforeUsable.length,
          usableTransferKb: Number(
            beforeUsable.reduce((sum, resource) => sum + resource.kb, 0).toFixed(1),
          ),
          usablePaths: beforeUsable.map((resource) => resource.path),
        });
      } finally {
        await context.close();
      }
    }
    const roundTrips = await measureRoundTrips(browser, origin).catch((error: unknown) => ({
      error: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
    }));
    return {
      roundTrips,
      profile: { ...SLOW_4G, cpuSlowdown: CPU_SLOWDOWN },
      runs: results,
      medianMs: median(results.map((run) => run.lcpMs)),
      usableMedianMs: median(results.map((run) => run.usableMs)),
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
    startCommand(),
    { PORT: String(port), SQLITE_PATH: path.join(logDir, "lcp.db"), LOG_LEVEL: "warn" },
    logDir,
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, { timeoutMs: 180_000 });
    return await measureLcp(`http://127.0.0.1:${port}`, runs);
  } finally {
    await stop(child);
  }
}
