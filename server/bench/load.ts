import autocannon from "autocannon";

export type RequestShape = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export type LoadResult = {
  connections: number;
  durationS: number;
  /** Answers with the expected status. */
  ok: number;
  /** Wrong status, socket errors and timeouts. */
  failed: number;
  /** What the failures were: HTTP status ("429") or "error" (socket error, timeout). */
  failures: Record<string, number>;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
};

/** Nearest-rank percentile of a sorted array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const MAX_SAMPLES = 2_000_000;

/**
 * Closed-loop load: `connections` keep-alive clients, each sending its next
 * request as soon as the previous answer arrives, for `durationS` seconds
 * (autocannon stops itself; `timeout` bounds every request). `next()` builds
 * each request afresh (new mobile, new signature). Latencies are taken from
 * autocannon's per-response hrtime rather than its histogram, which rounds
 * to whole milliseconds — too coarse for loopback.
 */
export async function runLoad(options: {
  origin: string;
  connections: number;
  durationS: number;
  expectStatus: number;
  next: () => RequestShape;
}): Promise<LoadResult> {
  const samples = new Float64Array(MAX_SAMPLES);
  let ok = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (kind: string) => {
    failed++;
    failures[kind] = (failures[kind] ?? 0) + 1;
  };
  let sum = 0;
  let started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        duration: options.durationS,
        timeout: 10,
        requests: [{ setupRequest: (request) => ({ ...request, ...options.next() }) }],
      },
      (error: unknown) => (error ? reject(error) : resolve()),
    );
    instance.on("start", () => {
      started = performance.now();
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== options.expectStatus) {
        fail(String(statusCode));
        return;
      }
      if (ok < MAX_SAMPLES) samples[ok] = responseTime;
      ok++;
      sum += responseTime;
    });
    instance.on("reqError", () => fail("error"));
  });
  const elapsedS = (performance.now() - started) / 1000;
  const sorted = samples.subarray(0, Math.min(ok, MAX_SAMPLES)).sort();
  return {
    connections: options.connections,
    durationS: Number(elapsedS.toFixed(2)),
    ok,
    failed,
    failures,
    rps: ok / elapsedS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: ok > 0 ? sum / ok : Number.NaN,
  };
}

/** A mobile no persona uses (they sit at 90000000xx): Get Sender answers 308, sends no OTP. */
export function freshMobile(): string {
  return `7${Math.floor(Math.random() * 1e9)
    .toString()
    .padStart(9, "0")}`;
}
