import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAgent } from "../src/auth/agents.ts";
import { loadEnv } from "../src/env.ts";
import { openStore } from "../src/store/open-store.ts";
import { type PostgresServer, startPostgres } from "../src/test-support/postgres.ts";
import { type AgentResult, runAgent } from "./flows-load-agent.ts";
import { auditClean, checkAudit } from "./flows-load-audit.ts";
import {
  type Child,
  freePort,
  killChildrenOnExit,
  startNode,
  stop,
  waitForHttp,
} from "./processes.ts";

/**
 * `npm run load [-- --agents 50 --duration 60 --instances 1 --postgres --think-ms N]`:
 * K agents sign in and onboard new customers on all three rails at once,
 * against real console process(es) and a standalone sandbox on loopback,
 * reading OTPs from the sandbox outbox. Reports completed flows, errors and
 * latency, then checks the audit trail against every step the agents saw.
 * Exit 1 on any error or audit mismatch.
 */
const { values } = parseArgs({
  options: {
    agents: { type: "string", default: "50" },
    duration: { type: "string", default: "60" },
    instances: { type: "string", default: "1" },
    rounds: { type: "string" },
    "think-ms": { type: "string" },
    postgres: { type: "boolean", default: false },
  },
});
const agents = Number(values.agents);
const durationS = Number(values.duration);
const instances = Number(values.instances);
// OTP sends per round, counted as reserved: a start (look-up) and an onboard per rail, plus the
// Aadhaar OTPs of Levin and DigiKhata's KYC. The per-agent limit (OTP_SENDS_PER_AGENT, 60 per
// 10 min by default; the servers inherit this process's env) is what real agents meet, so rounds
// stay under it. Calls per round: customer account 3, DigiKhata 8 (with its KYC), Levin 6.
const SENDS_PER_ROUND = 8;
const CALLS_PER_ROUND = 17;
const rounds = Number(
  values.rounds ?? Math.floor(loadEnv().abuseLimits.otp.sendsPerAgent / SENDS_PER_ROUND),
);
// By default agents pause between steps so that their rounds fill the duration, like people would.
const thinkMs = Number(
  values["think-ms"] ?? Math.round((durationS * 1000 * 0.85) / (rounds * CALLS_PER_ROUND)),
);
if (instances > 1 && !values.postgres && !process.env.DATABASE_URL) {
  throw new Error(
    "Several instances need a shared PostgreSQL: pass --postgres or set DATABASE_URL",
  );
}

killChildrenOnExit();
const dir = mkdtempSync(path.join(tmpdir(), "eko-load-"));
let postgres: PostgresServer | null = null;
try {
  if (values.postgres) postgres = await startPostgres();
  const storeVars: Record<string, string> = {
    STATE_KEY: process.env.STATE_KEY ?? randomBytes(32).toString("base64"),
    ...(postgres
      ? { DATABASE_URL: postgres.url }
      : process.env.DATABASE_URL
        ? { DATABASE_URL: process.env.DATABASE_URL }
        : { SQLITE_PATH: path.join(dir, "console.db") }),
  };
  const storeKind = storeVars.DATABASE_URL ? "PostgreSQL" : "SQLite";
  const database = storeVars.DATABASE_URL
    ? { kind: "postgres" as const, url: storeVars.DATABASE_URL }
    : { kind: "sqlite" as const, path: storeVars.SQLITE_PATH ?? "" };

  // Agents go straight into the store the consoles will use (as `npm run agent -- add` would).
  const runTag = String(randomInt(100)).padStart(2, "0");
  const db = await openStore({ database });
  const logins = Array.from({ length: agents }, (_, i) => `load-${runTag}-${i}`);
  const password = "load-test-password";
  const agentIds: string[] = [];
  for (const login of logins) {
    agentIds.push(
      (await createAgent(db, { login, name: login, userCode: "20810200", password })).id,
    );
  }
  await db.destroy();

  const sandboxPort = await freePort();
  const sandbox = startNode(
    "sandbox",
    "server/src/sandbox/main.ts",
    { SANDBOX_PORT: String(sandboxPort), HOST: "127.0.0.1" },
    dir,
  );
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  await waitForHttp(`${sandboxOrigin}/sandbox/outbox?mobile=9000000001`, sandbox);
  const consoles: { child: Child; origin: string }[] = [];
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    const child = startNode(
      `console-${i}`,
      "server/src/index.ts",
      {
        ...storeVars,
        EKO_ENV: "sandbox",
        EKO_BASE_URL: `${sandboxOrigin}/sandbox/ekoapi/v3`,
        HOST: "127.0.0.1",
        PORT: String(port),
        LOG_LEVEL: "info",
        // Agents sit in different shops behind a load balancer: each sends its own
        // X-Forwarded-For, so per-address limits (sign-in, connections) see 50 addresses,
        // not one loopback address for everyone.
        TRUST_PROXY: "true",
      },
      dir,
    );
    consoles.push({ child, origin: `http://127.0.0.1:${port}` });
  }
  for (const { child, origin } of consoles) await waitForHttp(`${origin}/healthz`, child);

  console.log(
    `${agents} agents × ${rounds} rounds (3 flows each), think ${thinkMs} ms, ${durationS} s, ` +
      `${instances} console instance(s), ${storeKind}`,
  );
  const started = performance.now();
  const deadline = Date.now() + durationS * 1000;
  const results: AgentResult[] = await Promise.all(
    logins.map((login, i) =>
      runAgent({
        origin: consoles[i % consoles.length]?.origin ?? "",
        sandboxOrigin,
        login,
        password,
        clientAddress: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        mobilePrefix: `6${runTag}${String(i).padStart(3, "0")}`,
        rounds,
        deadline,
        thinkMs,
      }),
    ),
  );
  const wallS = (performance.now() - started) / 1000;
  for (const { child } of consoles) await stop(child, 10_000);
  await stop(sandbox);

  const flows = results.flatMap((result) => result.flows);
  const errors = results.flatMap((result) => result.errors);
  const sorted = (values: number[]) => [...values].sort((x, y) => x - y);
  const latencies = sorted(results.flatMap((result) => result.latenciesMs));
  const signIns = sorted(results.flatMap((result) => result.signInMs));
  /** Nearest-rank percentile, in ms with one decimal. */
  const at = (list: number[], p: number) =>
    Number(
      (
        list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)] ?? Number.NaN
      ).toFixed(1),
    );
  const verifyDb = await openStore({ database });
  const audit = await checkAudit(verifyDb, flows, agentIds);
  await verifyDb.destroy();

  const completed = flows.filter((flow) => flow.completed);
  const byRail: Record<string, number> = {};
  for (const flow of completed) byRail[flow.rail] = (byRail[flow.rail] ?? 0) + 1;
  const report = {
    agents,
    instances,
    store: storeKind,
    wallSeconds: Number(wallS.toFixed(1)),
    completedFlows: completed.length,
    completedByRail: byRail,
    steps: completed.reduce((sum, flow) => sum + flow.steps.length, 0),
    requests: latencies.length,
    requestsPerSecond: Number((latencies.length / wallS).toFixed(1)),
    latencyMs: { p50: at(latencies, 50), p99: at(latencies, 99), max: at(latencies, 100) },
    signInLatencyMs: { p50: at(signIns, 50), p99: at(signIns, 99) },
    errors: errors.length,
    audit,
  };
  console.log(JSON.stringify(report, null, 2));
  for (const error of errors.slice(0, 5)) console.error(`error: ${error}`);
  const ok = errors.length === 0 && auditClean(audit);
  console.log(ok ? "OK: 0 errors, audit rows match every completed step" : "FAILED");
  process.exitCode = ok ? 0 : 1;
} finally {
  await postgres?.stop();
  // Process logs stay for a failed run.
  if (process.exitCode === 0) rmSync(dir, { recursive: true, force: true });
  else console.error(`logs: ${dir}`);
}
