import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { cpuLayers, printLayers } from "./cpu-layers.ts";
import { type LoadSlice, runLoad, summarize } from "./load.ts";
import { flowStart } from "./peers.ts";
import {
  type Child,
  cpuSeconds,
  freePort,
  killChildrenOnExit,
  ROOT,
  rssMb,
  startCommand,
  startNode,
  stop,
  waitForHttp,
} from "./processes.ts";
import { type ConsoleHandle, signIn, startConsole } from "./proxy.ts";

/*
 * `node server/bench/console-ab.ts [--bundle "label=server/dist/x.mjs [--node-flag …]" …] [--rounds 6] [--slice 3]
 *   [--connections 64] [--latency 0] [--profile]`
 *
 * Two (or more) builds of the console, side by side against one standalone
 * sandbox, each as `npm start` runs it (its node flags, EKO_ENV=uat, an agent
 * from the CLI), measured in interleaved slices of `POST /api/flows` (the
 * order rotates each round) so other work on a shared machine skews them
 * alike. Per build: the median over slices of CPU per request (from /proc)
 * and req/s, with min–max to show the noise, and p50/p99 pooled over its
 * slices (as the bench pools a target's turns). A change is measured by
 * bundling the code before it to another file (`git stash; npm run
 * build:server; cp server/dist/server.mjs server/dist/before.mjs; git stash pop`).
 *
 * --profile: one build, run with --cpu-prof, one load of rounds × slice
 * seconds; the profile's samples are attributed to the console's layers
 * (cpu-layers.ts).
 */
const { values } = parseArgs({
  options: {
    bundle: { type: "string", multiple: true },
    rounds: { type: "string", default: "6" },
    slice: { type: "string", default: "3" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "64" },
    latency: { type: "string", default: "0" },
    profile: { type: "boolean", default: false },
  },
});

type Build = { label: string; bundle: string; extraArgs: string[] };
const builds: Build[] = (values.bundle ?? ["current=server/dist/server.mjs"]).map((spec) => {
  const cut = spec.indexOf("=");
  const label = cut >= 0 ? spec.slice(0, cut) : spec;
  // "label=bundle --flag …": node flags after npm start's (a later V8 flag wins).
  const [bundle = spec, ...extraArgs] = (cut >= 0 ? spec.slice(cut + 1) : spec).split(" ");
  return { label, bundle, extraArgs };
});
const rounds = Number(values.rounds);
const sliceS = Number(values.slice);
const connections = Number(values.connections);
const logDir = mkdtempSync(path.join(tmpdir(), "console-ab-"));
const profileDir = path.join(logDir, "profile");

killChildrenOnExit();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const children: Child[] = [];
try {
  const sandboxPort = await freePort();
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  const sandbox = startNode(
    "sandbox",
    "server/src/sandbox/main.ts",
    {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_LATENCY_MS: values.latency,
      SANDBOX_RESEND_INTERVAL_SECONDS: "0",
    },
    logDir,
  );
  children.push(sandbox);
  await waitForHttp(`${sandboxOrigin}/sandbox/outbox?mobile=7000000000`, sandbox, {
    anyStatus: true,
  });
  const upstream = `${sandboxOrigin}/sandbox/ekoapi/v3`;
  const { nodeArgs = [] } = startCommand();
  if (values.profile) mkdirSync(profileDir, { recursive: true });
  const profileArgs = values.profile
    ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-interval=200"]
    : [];

  const consoles: {
    build: Build;
    handle: ConsoleHandle;
    next: ReturnType<typeof flowStart>;
    idleRssMb: number | null;
  }[] = [];
  for (const [index, build] of builds.entries()) {
    const command = {
      script: build.bundle,
      nodeArgs: [...nodeArgs, ...build.extraArgs, ...profileArgs],
    };
    const handle = await startConsole(upstream, `${index}`, logDir, command);
    children.push(handle.child);
    // Idle RSS as the bench takes it (proxy.ts): 1 s after /healthz answers, before any sign-in.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idleRssMb = rssMb(handle.child.pid);
    consoles.push({
      build,
      handle,
      next: flowStart(handle.origin, await signIn(handle)),
      idleRssMb,
    });
  }

  const load = async (entry: (typeof consoles)[number], durationS: number) => {
    const pid = entry.handle.child.pid;
    const before = cpuSeconds(pid);
    const slice = await runLoad({
      origin: entry.handle.origin,
      connections,
      durationS,
      expectStatus: 201,
      next: entry.next,
    });
    const cpuMs = (cpuSeconds(pid) - before) * 1000;
    const answered = slice.samples.length + slice.failed;
    const { p50Ms, p99Ms } = summarize(connections, [slice]);
    return {
      slice,
      cpuMsPerRequest: cpuMs / Math.max(1, answered),
      rps: slice.samples.length / slice.elapsedS,
      p50Ms,
      p99Ms,
      failed: slice.failed,
    };
  };

  for (const entry of consoles) await load(entry, Number(values.warmup));
  const results = consoles.map(() => ({
    cpu: [] as number[],
    rps: [] as number[],
    slices: [] as LoadSlice[],
    failed: 0,
    endRssMb: null as number | null,
  }));
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < consoles.length; turn++) {
      const index = (round + turn) % consoles.length;
      const entry = consoles[index];
      const result = results[index];
      if (!entry || !result) continue;
      const slice = await load(entry, sliceS);
      result.cpu.push(slice.cpuMsPerRequest);
      result.rps.push(slice.rps);
      result.slices.push(slice.slice);
      result.failed += slice.failed;
      result.endRssMb = rssMb(entry.handle.child.pid);
      console.log(
        `round ${round + 1} ${entry.build.label.padEnd(12)} CPU/req ${slice.cpuMsPerRequest.toFixed(3)} ms  ` +
          `req/s ${slice.rps.toFixed(0)}  p50/p99 ${slice.p50Ms.toFixed(1)}/${slice.p99Ms.toFixed(1)} ms  ` +
          `failed ${slice.failed}`,
      );
    }
  }
  for (const [index, entry] of consoles.entries()) {
    const { cpu, rps, slices, failed, endRssMb } = results[index] ?? {
      cpu: [],
      rps: [],
      slices: [],
      failed: 0,
      endRssMb: null,
    };
    // Latency pooled over the build's slices, as the bench pools a target's turns (load.ts summarize).
    const pooled = summarize(connections, slices);
    const range = (values: number[], digits: number) =>
      `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
    console.log(
      `${entry.build.label.padEnd(12)} CPU/req median ${median(cpu).toFixed(3)} ms (${range(cpu, 3)})  ` +
        `req/s median ${median(rps).toFixed(0)} (${range(rps, 0)})  ` +
        `p50/p99 ${pooled.p50Ms.toFixed(1)}/${pooled.p99Ms.toFixed(1)} ms  failed ${failed}  ` +
        `RSS idle ${entry.idleRssMb?.toFixed(1)} MB, after its last slice ${endRssMb?.toFixed(1)} MB`,
    );
  }
  console.log(`c=${connections}, ${rounds} rounds × ${sliceS} s, logs in ${logDir}`);
} finally {
  for (const child of children.reverse()) await stop(child, 10_000);
}

if (values.profile) {
  const [first] = builds;
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!first || !file) throw new Error(`no profile written in ${profileDir}`);
  printLayers(cpuLayers(path.join(profileDir, file), path.resolve(ROOT, first.bundle)));
}
