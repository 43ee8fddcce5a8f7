import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { FlowView } from "./contract/flow-view.ts";
import { TEST_AADHAAR } from "./sandbox/personas.ts";
import type { RequestLogEntry } from "./sandbox/request-log.ts";
import { openStore } from "./store/open-store.ts";
import {
  callApi,
  consoleEnvironment,
  faultTaken,
  queueSandboxFault,
  type RunningProcess,
  sandboxJson,
  signIn,
  startConsoleProcess,
  startSandboxProcess,
} from "./test-support/console-processes.ts";
import { CONSENT } from "./test-support/flow-harness.ts";
import { killStarted } from "./test-support/processes.ts";

/*
 * Issue #14: `kill -9` while an Eko write is in flight. The console runs as a
 * real process (node server/src/index.ts) on a SQLite file, against a
 * standalone sandbox that holds the Levin C.5 (Aadhaar OTP) answer. The
 * console is SIGKILLed while the sandbox is still working on the write, and
 * restarted on the same store: the write is on record as attempted, the flow
 * ends in status_unknown (re-check only), and Eko saw the write exactly once,
 * however often the agent tries again.
 */

const MOBILE = "9000000004"; // Aadhaar pending: OTP → the Levin Aadhaar step
const AADHAAR_PATH = `/ekoapi/v3/customer/payment/ppi-levin/sender/${MOBILE}/aadhaar/otp`;

let dir: string;
let sandbox: RunningProcess;
let consoleEnv: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "eko-crash-"));
  sandbox = await startSandboxProcess();
  consoleEnv = consoleEnvironment(sandbox, {
    // Long enough that the kill lands before the console would time the write out itself.
    EKO_TIMEOUT_MS: "2000",
    SQLITE_PATH: join(dir, "console.db"),
    STATE_KEY: randomBytes(32).toString("base64"),
  });
}, 60_000);

afterAll(async () => {
  killStarted();
  await rm(dir, { recursive: true, force: true });
});

const aadhaarWrites = async () =>
  (await sandboxJson<RequestLogEntry[]>(sandbox, "/requests")).filter(
    (entry) => entry.method === "POST" && entry.path === AADHAAR_PATH,
  );

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("SIGKILL mid-write: attempt on record, status unknown after restart, the write sent once", async () => {
  let instance = await startConsoleProcess(consoleEnv);
  const cookie = await signIn(instance, "demo", "demo-password");
  const started = await callApi(
    instance,
    "POST",
    "/flows",
    { rail: "levin", mobile: MOBILE },
    cookie,
  );
  const flowId = (started.json as FlowView).id;
  const outbox = await sandboxJson<{ otp: string }[]>(sandbox, `/outbox?mobile=${MOBILE}`);
  const verified = await callApi(
    instance,
    "POST",
    `/flows/${flowId}/otp/verify`,
    { otp: outbox[0]?.otp },
    cookie,
  );
  expect(verified.json.step.kind).toBe("aadhaar");

  // The sandbox holds the C.5 answer (it acts once the delay is over, like a slow Eko).
  await queueSandboxFault(sandbox, { mobile: MOBILE, fault: "slow", delayMs: 1_500 });
  const aadhaar = { aadhaar: TEST_AADHAAR.valid, consent: CONSENT };
  const inFlight = callApi(instance, "POST", `/flows/${flowId}/aadhaar`, aadhaar, cookie).catch(
    (error: unknown) => error,
  );
  // The write has reached the sandbox once it has taken the queued fault.
  expect(await faultTaken(sandbox)).toBe(true);
  instance.process.child.kill("SIGKILL");
  expect((await instance.process.exited).signal).toBe("SIGKILL");
  expect(await inFlight).toBeInstanceOf(Error); // the agent never got an answer
  // Eko (the sandbox) did act on it.
  for (let i = 0; i < 100 && (await aadhaarWrites()).length === 0; i++) await pause(50);
  expect(await aadhaarWrites()).toHaveLength(1);

  instance = await startConsoleProcess(consoleEnv);
  // The dead request's lock still runs for its TTL; until then the flow is busy, never re-sent.
  let view: FlowView | null = null;
  for (let i = 0; i < 300; i++) {
    const retried = await callApi(instance, "POST", `/flows/${flowId}/aadhaar`, aadhaar, cookie);
    expect(retried.status, JSON.stringify(retried.json)).toBe(409);
    expect(["flow_busy", "step_not_allowed"]).toContain(retried.json.error.code);
    const read = await callApi(instance, "GET", `/flows/${flowId}`, undefined, cookie);
    expect(read.status).toBe(200);
    view = read.json as FlowView;
    if (view.step.kind !== "aadhaar") break;
    await pause(100);
  }
  expect(view?.step).toEqual({ kind: "status_unknown", action: "aadhaar" });

  // Only the re-check is offered: the write again is refused, the re-check is a read.
  const again = await callApi(instance, "POST", `/flows/${flowId}/aadhaar`, aadhaar, cookie);
  expect(again.json.error.code).toBe("step_not_allowed");
  const recheck = await callApi(instance, "POST", `/flows/${flowId}/recheck`, undefined, cookie);
  expect(recheck.status).toBe(200);
  const writes = await aadhaarWrites();
  expect(writes).toHaveLength(1);

  // The audit: the attempt (with the client_ref_id Eko saw), then its resolution.
  const db = await openStore({ database: { kind: "sqlite", path: consoleEnv.SQLITE_PATH ?? "" } });
  try {
    const rows = await db
      .selectFrom("audit_events")
      .select(["action", "outcome", "detail"])
      .where("flow_id", "=", flowId)
      .where("action", "=", "aadhaar.submit")
      .orderBy("at")
      .execute();
    expect(rows).toEqual([
      {
        action: "aadhaar.submit",
        outcome: "attempted",
        detail: `levinAadhaar ${writes[0]?.client_ref_id}`,
      },
      {
        action: "aadhaar.submit",
        outcome: "status_unknown",
        detail: `no_answer levinAadhaar ${writes[0]?.client_ref_id}`,
      },
    ]);
  } finally {
    await db.destroy();
  }
}, 90_000);
