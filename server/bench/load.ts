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

/** What one load slice saw: exact per-request latencies of the expected answers. */
export type LoadSlice = {
  samples: Float64Array;
  failed: number;
  failures: Record<string, number>;
  elapsedS: number;
};

const MAX_SAMPLES_PER_SLICE = 1_000_000;

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
}): Promise<LoadSlice> {
  const samples = new Float64Array(MAX_SAMPLES_PER_SLICE);
  let ok = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (kind: string) => {
    failed++;
    failures[kind] = (failures[kind] ?? 0) + 1;
  };
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
      if (statusCode !== options.expectStatus) fail(String(statusCode));
      else if (ok < MAX_SAMPLES_PER_SLICE) samples[ok++] = responseTime;
    });
    instance.on("reqError", () => fail("error"));
  });
  const elapsedS = (performance.now() - started) / 1000;
  return { samples: samples.slice(0, ok), failed, failures, elapsedS };
}

/** Slices of one target and concurrency, measured in turns with the others, as one result. */
export function summarize(connections: number, slices: LoadSlice[]): LoadResult {
  const all = new Float64Array(slices.reduce((sum, slice) => sum + slice.samples.length, 0));
  let offset = 0;
  const failures: Record<string, number> = {};
  for (const slice of slices) {
    all.set(slice.samples, offset);
    offset += slice.samples.length;
    for (const [kind, count] of Object.entries(slice.failures)) {
      failures[kind] = (failures[kind] ?? 0) + count;
    }
  }
  const sorted = all.sort();
  const elapsedS = slices.reduce((sum, slice) => sum + slice.elapsedS, 0);
  return {
    connections,
    durationS: Number(elapsedS.toFixed(2)),
    ok: sorted.length,
    failed: slices.reduce((sum, slice) => sum + slice.failed, 0),
    failures,
    rps: sorted.length / elapsedS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs:
      sorted.length > 0
        ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length
        : Number.NaN,
  };
}

/** A mobile no persona uses (they sit at 90000000xx): Get Sender answers 308, sends no OTP. */
export function freshMobile(): string {
  return `7${Math.floor(Math.random() * 1e9)
    .toString()
    .padStart(9, "0")}`;
}
