import type { ColdStart } from "./cold-start.ts";
import type { LcpResult } from "./lcp.ts";
import { type ProxyPhase, type ProxyRun, type Target, targetLabels, targets } from "./proxy.ts";
import type { SizeResult } from "./size.ts";

export type Added = { p50: number; p99: number };

export type Comparison = {
  upstreamLatencyMs: number;
  connections: number;
  direct: ProxyRun;
  /** The floor: a bare signing proxy that does none of the console's work. */
  proxy: ProxyRun;
  /** The rival: an Express 5 service doing the console's work (express-equal-work.ts). */
  peer: ProxyRun;
  console: ProxyRun;
  /** Latency each service adds over calling the sandbox directly. */
  added: { proxy: Added; peer: Added; console: Added };
  /** console ÷ equal-work peer: < 1 means the console adds less, spends less. */
  consoleOverPeer: {
    throughput: number;
    addedP50: number;
    addedP99: number;
    cpuPerRequest: number;
  };
  consoleP99OverDirect: number;
};

export type TargetCheck = { target: string; value: string; limit: string; pass: boolean };

/** A run where more than 1% of requests failed measures the failure path, not the step. */
export function invalidRun(comparison: Comparison): string | null {
  for (const target of targets) {
    const run = comparison[target];
    const share = run.failed / Math.max(1, run.ok + run.failed);
    if (share > 0.01) {
      const kinds = Object.entries(run.failures)
        .map(([kind, count]) => `${count}× ${kind}`)
        .join(", ");
      return `invalid: ${(share * 100).toFixed(0)}% of ${targetLabels[target]} requests failed (${kinds})`;
    }
  }
  return null;
}

export function compare(phase: ProxyPhase, connections: number): Comparison | null {
  const pick = (target: Target) =>
    phase.runs.find((run) => run.target === target && run.connections === connections);
  const direct = pick("direct");
  const proxy = pick("proxy");
  const peer = pick("peer");
  const consoleRun = pick("console");
  if (!direct || !proxy || !peer || !consoleRun) return null;
  const addedBy = (run: ProxyRun): Added => ({
    p50: run.p50Ms - direct.p50Ms,
    p99: run.p99Ms - direct.p99Ms,
  });
  const added = { proxy: addedBy(proxy), peer: addedBy(peer), console: addedBy(consoleRun) };
  return {
    upstreamLatencyMs: phase.upstreamLatencyMs,
    connections,
    direct,
    proxy,
    peer,
    console: consoleRun,
    added,
    consoleOverPeer: {
      throughput: consoleRun.rps / peer.rps,
      addedP50: added.console.p50 / added.peer.p50,
      addedP99: added.console.p99 / added.peer.p99,
      cpuPerRequest: consoleRun.serverCpuMsPerRequest / peer.serverCpuMsPerRequest,
    },
    consoleP99OverDirect: consoleRun.p99Ms / direct.p99Ms,
  };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
/** A ratio; "n/a" when it means nothing (a denominator at or below zero, e.g. noise at 150 ms). */
const x = (value: number) =>
  Number.isFinite(value) && value >= 0 ? `${value.toFixed(2)}×` : "n/a";

export function checkTargets(input: {
  comparisons: Comparison[];
  phases: ProxyPhase[];
  coldStart: ColdStart | null;
  lcp: LcpResult | null;
  size: SizeResult[] | null;
}): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at = (latency: number, connections: number) =>
    input.comparisons.find((c) => c.upstreamLatencyMs === latency && c.connections === connections);
  const invalidate = (comparison: Comparison, names: string[]) => {
    const reason = invalidRun(comparison);
    if (!reason) return false;
    for (const target of names)
      checks.push({ target, value: reason, limit: "≤ 1% failed", pass: false });
    return true;
  };
  const fast = at(0, 64);
  const fastTargets = [
    "throughput @64 ≥ 1.5× equal-work Express",
    "added latency p50 @64 ≤ 0.67× equal-work Express's",
    "added latency p99 @64 ≤ 0.67× equal-work Express's",
    "console CPU per request @64 ≤ 0.4 ms",
  ];
  if (fast && !invalidate(fast, fastTargets)) {
    checks.push({
      target: fastTargets[0] ?? "throughput",
      value: `${fast.console.rps.toFixed(0)} vs ${fast.peer.rps.toFixed(0)} req/s (${x(fast.consoleOverPeer.throughput)})`,
      limit: "≥ 1.50×",
      pass: fast.consoleOverPeer.throughput >= 1.5,
    });
    for (const p of ["p50", "p99"] as const) {
      const allowed = 0.67 * fast.added.peer[p];
      checks.push({
        target: fastTargets[p === "p50" ? 1 : 2] ?? p,
        value: `console +${ms(fast.added.console[p])} vs peer +${ms(fast.added.peer[p])}`,
        limit: `≤ ${ms(allowed)}`,
        pass: fast.added.console[p] <= allowed,
      });
    }
    checks.push({
      target: fastTargets[3] ?? "CPU",
      // The bare proxy (HTTP in and out, nothing else) is the floor any service starts from.
      value: `${fast.console.serverCpuMsPerRequest.toFixed(3)} ms (peer ${fast.peer.serverCpuMsPerRequest.toFixed(3)} ms, ${x(fast.consoleOverPeer.cpuPerRequest)}; bare proxy ${fast.proxy.serverCpuMsPerRequest.toFixed(3)} ms)`,
      limit: "≤ 0.400 ms",
      pass: fast.console.serverCpuMsPerRequest <= 0.4,
    });
  }
  const slow = at(150, 64);
  const slowTarget = "150 ms upstream: console p99 ≤ 1.10× direct p99 @64";
  if (slow && !invalidate(slow, [slowTarget])) {
    checks.push({
      target: slowTarget,
      // The bare proxy's and the peer's own ratios say how far below the target the floor is.
      value: `${ms(slow.console.p99Ms)} vs ${ms(slow.direct.p99Ms)} (${x(slow.consoleP99OverDirect)}; bare proxy ${x(slow.proxy.p99Ms / slow.direct.p99Ms)}, peer ${x(slow.peer.p99Ms / slow.direct.p99Ms)})`,
      limit: "≤ 1.10×",
      pass: slow.consoleP99OverDirect <= 1.1,
    });
  }
  const idle = input.phases[0]?.consoleRssMb.idle ?? null;
  const loaded = Math.max(...input.phases.map((phase) => phase.consoleRssMb.endOfLoad ?? 0));
  const peerLoaded = Math.max(...input.phases.map((phase) => phase.peerRssMb.endOfLoad ?? 0));
  if (idle !== null) {
    checks.push({
      target: "console RSS idle",
      value: `${idle.toFixed(1)} MB (peer ${input.phases[0]?.peerRssMb.idle?.toFixed(1) ?? "n/a"} MB)`,
      limit: "≤ 80 MB",
      pass: idle <= 80,
    });
  }
  if (input.phases.length > 0) {
    checks.push({
      target: "console RSS at the end of the load",
      value: `${loaded.toFixed(1)} MB (peer ${peerLoaded.toFixed(1)} MB)`,
      limit: "≤ 120 MB",
      pass: loaded <= 120,
    });
  }
  if (input.coldStart) {
    checks.push({
      target: "cold start (npm start → /healthz), median",
      value: `${input.coldStart.medianMs.toFixed(0)} ms`,
      limit: "≤ 1000 ms",
      pass: input.coldStart.medianMs <= 1000,
    });
  }
  if (input.lcp) {
    checks.push({
      target: "LCP, slow 4G + 4× CPU, median",
      value: `${input.lcp.medianMs} ms`,
      limit: "≤ 2000 ms",
      pass: input.lcp.medianMs <= 2000,
    });
    // Painted is not usable: the pre-rendered form is inert until the app replaces it.
    checks.push({
      target: "sign-in form usable, slow 4G + 4× CPU, median",
      value: `${input.lcp.usableMedianMs} ms`,
      limit: "≤ 3000 ms",
      pass: input.lcp.usableMedianMs <= 3000,
    });
  }
  const trips = input.lcp?.roundTrips;
  if (trips && "error" in trips) {
    checks.push({
      target: "API round trips per step",
      value: trips.error,
      limit: "measurable",
      pass: false,
    });
  } else if (trips) {
    const verify = trips.find((step) => step.step.startsWith("verify"));
    const worst = Math.max(0, ...trips.map((step) => step.chain));
    checks.push({
      target: "one API round trip per OTP verification, no waterfall",
      value: `verify: ${verify?.calls.length ?? "?"} call(s); longest chain on any step: ${worst}`,
      limit: "1 call; chain ≤ 1",
      pass: verify?.calls.length === 1 && worst <= 1,
    });
  }
  for (const result of input.size ?? []) {
    checks.push({
      target: "initial JS gzip",
      value: `${(result.totalBytes / 1000).toFixed(2)} kB`,
      limit: `≤ ${(result.limitBytes / 1000).toFixed(0)} kB`,
      pass: result.pass,
    });
  }
  return checks;
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  "))
    .join("\n");
}

export function formatProxyTable(comparisons: Comparison[]): string {
  const rows = [
    [
      "upstream",
      "clients",
      "target",
      "p50",
      "p99",
      "req/s",
      "added p50",
      "added p99",
      "server CPU/req",
      "failed",
    ],
  ];
  for (const c of comparisons) {
    for (const target of targets) {
      const run = c[target];
      const added = target === "direct" ? null : c.added[target];
      rows.push([
        `${c.upstreamLatencyMs} ms`,
        String(c.connections),
        targetLabels[target],
        ms(run.p50Ms),
        ms(run.p99Ms),
        run.rps.toFixed(0),
        added ? ms(added.p50) : "",
        added ? ms(added.p99) : "",
        `${run.serverCpuMsPerRequest.toFixed(3)} ms`,
        String(run.failed),
      ]);
    }
    const ratios = c.consoleOverPeer;
    rows.push([
      "",
      "",
      "console ÷ peer",
      "",
      "",
      x(ratios.throughput),
      x(ratios.addedP50),
      x(ratios.addedP99),
      x(ratios.cpuPerRequest),
      `p99 ÷ direct ${x(c.consoleP99OverDirect)}`,
    ]);
  }
  return table(rows);
}

/** Console and peer memory per phase, and their ratio. */
export function formatRss(phases: ProxyPhase[]): string {
  const mb = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(1)} MB`);
  const ratio = (a: number | null, b: number | null) => (a && b ? x(a / b) : "n/a");
  const rows = [["upstream", "RSS", "console", "equal-work Express", "console ÷ peer"]];
  for (const phase of phases) {
    for (const key of ["idle", "endOfLoad", "peak"] as const) {
      const own = phase.consoleRssMb[key];
      const peer = phase.peerRssMb[key];
      rows.push([
        `${phase.upstreamLatencyMs} ms`,
        key === "endOfLoad" ? "end of load" : key,
        mb(own),
        mb(peer),
        ratio(own, peer),
      ]);
    }
  }
  return table(rows);
}

export function formatTargets(checks: TargetCheck[]): string {
  return table(
    checks.map((check) => [check.pass ? "PASS" : "MISS", check.target, check.value, check.limit]),
  );
}
