import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type ColdStart, runColdStart } from "./cold-start.ts";
import { type LcpResult, runLcp } from "./lcp.ts";
import { describeMachine } from "./machine.ts";
import { killAll, killChildrenOnExit, ROOT } from "./processes.ts";
import { type ProxyPhase, runProxyPhase } from "./proxy.ts";
import { checkTargets, compare, formatProxyTable, formatRss, formatTargets } from "./report.ts";
import { measureCheck, type SizeResult, sizeChecks } from "./size.ts";

/**
 * `npm run bench [-- proxy|cold|lcp|size …] [--duration 6] [--warmup 2] [--rounds 3]`:
 * everything on loopback, every child killed at the end, the whole run
 * bounded by --time-limit seconds. Exit 1 when a target is missed. Results go
 * to server/bench/results (latest.json + a dated copy); `--results-dir DIR`
 * sends a short or noisy trial run elsewhere, so latest.json stays the last real run.
 */
const sections = ["proxy", "cold", "lcp", "size"] as const;
type Section = (typeof sections)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: "string", default: "6" },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    "cold-runs": { type: "string", default: "5" },
    "lcp-runs": { type: "string", default: "3" },
    "time-limit": { type: "string", default: "900" },
    "keep-logs": { type: "boolean", default: false },
    "results-dir": { type: "string" },
  },
});
const isSection = (word: string): word is Section => (sections as readonly string[]).includes(word);
const unknown = positionals.filter((word) => !isSection(word));
if (unknown.length > 0) {
  console.error(
    `bench: unknown section ${unknown.join(", ")} (choose from ${sections.join(", ")})`,
  );
  process.exit(2);
}
const chosen = new Set<Section>(
  positionals.length === 0 ? sections : positionals.filter(isSection),
);
const numberOption = (name: keyof typeof values, max: number) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`--${name} must be in (0, ${max}]`);
  return value;
};

async function main(): Promise<number> {
  killChildrenOnExit();
  const timeLimitS = numberOption("time-limit", 3_600);
  const watchdog = setTimeout(() => {
    console.error(`bench: over --time-limit ${timeLimitS} s, stopping`);
    killAll();
    process.exit(2);
  }, timeLimitS * 1000);

  const logDir = mkdtempSync(path.join(tmpdir(), "eko-bench-"));
  const machine = describeMachine();
  console.log(
    `bench on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverage1m} (logs: ${logDir})`,
  );
  if (machine.loadAverage1m > 0.5) {
    console.warn("  WARNING: the machine is busy with other work; figures will be noisy");
  }
  const settings = {
    sections: [...chosen],
    durationS: numberOption("duration", 120),
    warmupS: numberOption("warmup", 30),
    rounds: Math.round(numberOption("rounds", 20)),
    connections: [1, 64],
    coldRuns: Math.round(numberOption("cold-runs", 20)),
    lcpRuns: Math.round(numberOption("lcp-runs", 10)),
  };

  const phases: ProxyPhase[] = [];
  if (chosen.has("proxy")) {
    for (const latencyMs of [0, 150]) {
      console.log(`proxy cost, sandbox answering after ${latencyMs} ms:`);
      phases.push(await runProxyPhase(latencyMs, { ...settings, logDir }));
    }
  }
  let coldStart: ColdStart | null = null;
  if (chosen.has("cold")) {
    console.log("cold start…");
    coldStart = await runColdStart(settings.coldRuns, logDir);
  }
  let lcp: LcpResult | null = null;
  if (chosen.has("lcp")) {
    console.log("LCP on slow 4G + 4× CPU…");
    lcp = await runLcp(settings.lcpRuns, logDir);
  }
  let size: SizeResult[] | null = null;
  if (chosen.has("size")) size = await Promise.all(sizeChecks().map(measureCheck));

  const comparisons = phases.flatMap((phase) =>
    settings.connections.flatMap((connections) => compare(phase, connections) ?? []),
  );
  const targets = checkTargets({ comparisons, phases, coldStart, lcp, size });

  console.log("");
  if (comparisons.length > 0) console.log(`${formatProxyTable(comparisons)}\n`);
  if (phases.length > 0) console.log(`${formatRss(phases)}\n`);
  for (const phase of phases) {
    console.log(`console (${phase.upstreamLatencyMs} ms upstream): ${phase.consoleMode}`);
    const failed = phase.runs.filter((run) => run.failed > 0);
    for (const run of failed) {
      const kinds = Object.entries(run.failures).map(([kind, count]) => `${count}× ${kind}`);
      console.warn(
        `  WARNING ${run.target} c=${run.connections}: ${run.failed} failed (${kinds.join(", ")})`,
      );
    }
  }
  if (coldStart) {
    console.log(
      `cold start: median ${coldStart.medianMs.toFixed(0)} ms of ${coldStart.runsMs.map((v) => v.toFixed(0)).join(", ")} (first start on an empty store ${coldStart.firstStartMs.toFixed(0)} ms)`,
    );
  }
  if (lcp) {
    for (const run of lcp.runs) {
      console.log(
        `LCP ${run.lcpMs} ms (FCP ${run.fcpMs} ms) — ${run.element} — ${run.requests} requests, ${run.transferKb} kB`,
      );
      console.log(
        `  usable ${run.usableMs} ms — ${run.usableRequests} requests, ${run.usableTransferKb} kB before: ${run.usablePaths.join(" ")}`,
      );
    }
    if ("error" in lcp.roundTrips) console.log(`round trips: ${lcp.roundTrips.error}`);
    else {
      for (const step of lcp.roundTrips) {
        const calls = step.calls.map((call) => `${call.method} ${call.path}`).join(", ");
        console.log(
          `  ${step.step}: ${step.calls.length} API call(s), chain ${step.chain} — ${calls}`,
        );
      }
    }
    for (const resource of lcp.runs[0]?.resources ?? []) {
      console.log(
        `  ${String(resource.startMs).padStart(6)} → ${String(resource.doneMs).padStart(6)} ms ${String(resource.kb).padStart(7)} kB ${resource.encoding.padEnd(8)} ${resource.path}`,
      );
    }
  }
  console.log(`\n${formatTargets(targets)}`);

  const results = {
    at: new Date().toISOString(),
    machine,
    settings,
    comparisons,
    phases,
    coldStart,
    lcp,
    size,
    targets,
  };
  const dir = path.resolve(values["results-dir"] ?? path.join(ROOT, "server/bench/results"));
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(path.join(dir, "latest.json"), json);
  writeFileSync(path.join(dir, `${results.at.replace(/[:.]/g, "-")}.json`), json);
  console.log(`\nresults: ${path.relative(process.cwd(), path.join(dir, "latest.json"))}`);

  clearTimeout(watchdog);
  if (!values["keep-logs"]) rmSync(logDir, { recursive: true, force: true });
  return targets.every((check) => check.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    console.error("bench failed; child logs are kept in the eko-bench-* folder printed above");
    killAll();
    process.exit(1);
  },
);
