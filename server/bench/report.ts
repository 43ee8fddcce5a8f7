import type { ColdStart } from "./cold-start.ts";
import type { LcpResult } from "./lcp.ts";
import type { ProxyPhase, ProxyRun, Target } from "./proxy.ts";
import type { SizeResult } from "./size.ts";

export type Comparison = {
  upstreamLatencyMs: number;
  connections: number;
  direct: ProxyRun;
  console: ProxyRun;
  express: ProxyRun;
  /** Latency each proxy adds over calling the sandbox directly. */
  consoleAddedMs: { p50: number; p99: number };
  expressAddedMs: { p50: number; p99: number };
  /** console ÷ express: < 1 means the console adds less. */
  addedRatio: { p50: number; p99: number };
  throughputRatio: number;
  consoleP99OverDirect: number;
};

export type TargetCheck = { target: string; value: string; limit: string; pass: boolean };

/** A run where more than 1% of requests failed measures the failure path, not the step. */
export function invalidRun(comparison: Comparison): string | null {
  for (const target of ["direct", "console", "express"] as const) {
    const run = comparison[target];
    const share = run.failed / Math.max(1, run.ok + run.failed);
    if (share > 0.01) {
      const kinds = Object.entries(run.failures)
        .map(([kind, count]) => `${count}× ${kind}`)
        .join(", ");
      return `invalid: ${(share * 100).toFixed(0)}% of ${target} requests failed (${kinds})`;
    }
  }
  return null;
}

export function compare(phase: ProxyPhase, connections: number): Comparison | null {
  const pick = (target: Target) =>
    phase.runs.find((run) => run.target === target && run.connections === connections);
  const direct = pick("direct");
  const consoleRun = pick("console");
  const express = pick("express");
  if (!direct || !consoleRun || !express) return null;
  const added = (run: ProxyRun) => ({
    p50: run.p50Ms - direct.p50Ms,
    p99: run.p99Ms - direct.p99Ms,
  });
  const consoleAddedMs = added(consoleRun);
  const expressAddedMs = added(express);
  return {
    upstreamLatencyMs: phase.upstreamLatencyMs,
    connections,
    direct,
    console: consoleRun,
    express,
    consoleAddedMs,
    expressAddedMs,
    addedRatio: {
      p50: consoleAddedMs.p50 / expressAddedMs.p50,
      p99: consoleAddedMs.p99 / expressAddedMs.p99,
    },
    throughputRatio: consoleRun.rps / express.rps,
    consoleP99OverDirect: consoleRun.p99Ms / direct.p99Ms,
  };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const x = (value: number) => `${value.toFixed(2)}×`;

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
    "added latency p50 @64 ≤ 2/3 of Express's",
    "added latency p99 @64 ≤ 2/3 of Express's",
    "throughput @64 ≥ 1.5× Express",
  ];
  if (fast && !invalidate(fast, fastTargets)) {
    for (const p of ["p50", "p99"] as const) {
      const allowed = (2 / 3) * fast.expressAddedMs[p];
      checks.push({
        target: fastTargets[p === "p50" ? 0 : 1] ?? p,
        value: `console +${ms(fast.consoleAddedMs[p])} vs Express +${ms(fast.expressAddedMs[p])}`,
        limit: `≤ ${ms(allowed)}`,
        pass: fast.consoleAddedMs[p] <= allowed,
      });
    }
    checks.push({
      target: fastTargets[2] ?? "throughput",
      value: `${fast.console.rps.toFixed(0)} vs ${fast.express.rps.toFixed(0)} req/s (${x(fast.throughputRatio)})`,
      limit: "≥ 1.50×",
      pass: fast.throughputRatio >= 1.5,
    });
  }
  const slow = at(150, 64);
  const slowTarget = "150 ms upstream: console p99 ≤ 1.05× direct p99 @64";
  if (slow && !invalidate(slow, [slowTarget])) {
    checks.push({
      target: slowTarget,
      value: `${ms(slow.console.p99Ms)} vs ${ms(slow.direct.p99Ms)} (${x(slow.consoleP99OverDirect)})`,
      limit: "≤ 1.05×",
      pass: slow.consoleP99OverDirect <= 1.05,
    });
  }
  const idle = input.phases[0]?.consoleRssMb.idle ?? null;
  const loaded = Math.max(...input.phases.map((phase) => phase.consoleRssMb.endOfLoad ?? 0));
  if (idle !== null) {
    checks.push({
      target: "console RSS idle",
      value: `${idle.toFixed(1)} MB`,
      limit: "≤ 90 MB",
      pass: idle <= 90,
    });
  }
  if (input.phases.length > 0) {
    checks.push({
      target: "console RSS at the end of the load",
      value: `${loaded.toFixed(1)} MB`,
      limit: "≤ 150 MB",
      pass: loaded <= 150,
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
    for (const target of ["direct", "console", "express"] as const) {
      const run = c[target];
      const added =
        target === "console" ? c.consoleAddedMs : target === "express" ? c.expressAddedMs : null;
      rows.push([
        `${c.upstreamLatencyMs} ms`,
        String(c.connections),
        target,
        ms(run.p50Ms),
        ms(run.p99Ms),
        run.rps.toFixed(0),
        added ? ms(added.p50) : "",
        added ? ms(added.p99) : "",
        `${run.serverCpuMsPerRequest.toFixed(3)} ms`,
        String(run.failed),
      ]);
    }
    rows.push([
      "",
      "",
      "ratios",
      `added console÷express p50 ${x(c.addedRatio.p50)}`,
      `p99 ${x(c.addedRatio.p99)}`,
      `thr console÷express ${x(c.throughputRatio)}`,
      `console p99÷direct ${x(c.consoleP99OverDirect)}`,
      "",
      `CPU console÷express ${x(c.console.serverCpuMsPerRequest / c.express.serverCpuMsPerRequest)}`,
      "",
    ]);
  }
  return table(rows);
}

export function formatTargets(checks: TargetCheck[]): string {
  return table(
    checks.map((check) => [check.pass ? "PASS" : "MISS", check.target, check.value, check.limit]),
  );
}
