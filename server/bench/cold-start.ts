import path from "node:path";
import { freePort, startCommand, startNode, stop, waitForHttp } from "./processes.ts";

export type ColdStart = {
  /** First start on an empty SQLite file: migrations + demo seed. Also builds the web app and server bundle if stale. */
  firstStartMs: number;
  /** Restarts on that store, as after a deploy: the figure the target is about. */
  runsMs: number[];
  medianMs: number;
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** `node server/scripts/start.mjs` (what `npm start` runs) from spawn to the first 200 on /healthz. */
async function timeOneStart(name: string, sqlitePath: string, logDir: string, timeoutMs: number) {
  const port = await freePort();
  const started = performance.now();
  const child = startNode(
    name,
    startCommand(),
    { PORT: String(port), SQLITE_PATH: sqlitePath },
    logDir,
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, { timeoutMs, intervalMs: 5 });
    return performance.now() - started;
  } finally {
    await stop(child);
  }
}

export async function runColdStart(runs: number, logDir: string): Promise<ColdStart> {
  const sqlitePath = path.join(logDir, "cold-start.db");
  // The first start may build web/dist and server/dist (start.mjs does when sources are newer): allow for it.
  const firstStartMs = await timeOneStart("cold-first", sqlitePath, logDir, 180_000);
  const runsMs: number[] = [];
  for (let run = 1; run <= runs; run++) {
    runsMs.push(await timeOneStart(`cold-${run}`, sqlitePath, logDir, 15_000));
  }
  return { firstStartMs, runsMs, medianMs: median(runsMs) };
}
