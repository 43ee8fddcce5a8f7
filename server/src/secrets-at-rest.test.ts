import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { FlowView } from "./contract/flow-view.ts";
import { computeSecretKey } from "./eko/sign.ts";
import { UAT_CREDENTIALS } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createSandboxApp } from "./sandbox/app.ts";
import { TEST_AADHAAR } from "./sandbox/personas.ts";
import { DEFAULT_SETTINGS } from "./sandbox/test-support.ts";
import type { Db } from "./store/db.ts";
import { openStore } from "./store/open-store.ts";
import { loadStateKey, open } from "./store/sealed-box.ts";
import { addAgent, jsonRequest, signIn, testApp, testClock, testEnv } from "./test-support/app.ts";
import { CONSENT, NEW_CUSTOMER, PAN } from "./test-support/flow-harness.ts";

/*
 * Issue "agents, sessions, the store": after every flow has run, neither the
 * database nor the log output (at debug level, the most talkative) holds a
 * full Aadhaar number, an OTP, an otp_ref_id, a wallet token or id, or an Eko
 * key. The secrets to look for are taken from what the sandbox actually
 * answered, recorded on the wire between the console and the sandbox.
 */

const secrets = new Set<string>([
  UAT_CREDENTIALS.accessKey,
  UAT_CREDENTIALS.developerKey,
  Buffer.from(UAT_CREDENTIALS.accessKey).toString("base64"),
  TEST_AADHAAR.valid,
]);
const otps = new Set<string>();
const logLines: string[] = [];
let sandboxServer: Server;
let db: Db;
let dir: string;
let app: ReturnType<typeof testApp>["app"];
let cookie: string;
let sandboxOrigin: string;
let env: ReturnType<typeof testEnv>;

function recordSecrets(value: unknown): void {
  if (!value || typeof value !== "object") return;
  for (const [key, inner] of Object.entries(value)) {
    if (
      ["otp_ref_id", "wallet_token", "wallet_id"].includes(key) &&
      typeof inner === "string" &&
      inner
    ) {
      secrets.add(inner);
    } else recordSecrets(inner);
  }
}

beforeAll(async () => {
  const recorder = new Hono();
  recorder.use("*", async (c, next) => {
    await next();
    const text = await c.res.clone().text();
    if (text.startsWith("{")) recordSecrets(JSON.parse(text));
  });
  recorder.route("/sandbox", createSandboxApp({ ...DEFAULT_SETTINGS }));
  sandboxServer = serve({ fetch: recorder.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await once(sandboxServer, "listening");
  sandboxOrigin = `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}`;

  dir = await mkdtemp(join(tmpdir(), "eko-secrets-"));
  env = testEnv({
    EKO_BASE_URL: `${sandboxOrigin}/sandbox/ekoapi/v3`,
    SQLITE_PATH: join(dir, "console.db"),
  });
  db = await openStore(env);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  ({ app } = testApp({
    db,
    env,
    logger: createLogger("debug", sink),
    clock: testClock(new Date().toISOString()),
  }));
  const { agent, password } = await addAgent(db);
  cookie = await signIn(app, agent.login, password);
});

afterAll(async () => {
  sandboxServer.closeAllConnections();
  sandboxServer.close();
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown): Promise<FlowView> {
  const response = await app.request(`/api/flows${path}`, jsonRequest(method, body, { cookie }));
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as FlowView;
}

async function latestOtp(mobile: string, purpose: string): Promise<string> {
  const response = await fetch(`${sandboxOrigin}/sandbox/outbox?mobile=${mobile}`);
  const messages = (await response.json()) as { otp: string; purpose: string }[];
  const otp = messages.find((message) => message.purpose === purpose)?.otp;
  if (!otp) throw new Error(`no ${purpose} OTP for ${mobile}`);
  otps.add(otp);
  return otp;
}

/** Walks a flow to its end, with one wrong OTP on the first OTP step. */
async function runFlow(rail: string, mobile: string): Promise<FlowView> {
  let view = await call("POST", "", { rail, mobile });
  let wrongSent = false;
  for (let hops = 0; hops < 12; hops++) {
    const { step } = view;
    const path = `/${view.id}`;
    if (step.kind === "onboard") view = await call("POST", `${path}/onboard`, NEW_CUSTOMER);
    else if (step.kind === "otp") {
      const otp = await latestOtp(mobile, step.purpose);
      const wrong = otp === "000000" ? "111111" : "000000";
      view = await call("POST", `${path}/otp/verify`, { otp: wrongSent ? otp : wrong });
      wrongSent = true;
    } else if (step.kind === "aadhaar") {
      view = await call("POST", `${path}/aadhaar`, {
        aadhaar: TEST_AADHAAR.valid,
        consent: CONSENT,
      });
    } else if (step.kind === "pan") view = await call("POST", `${path}/pan`, { pan: PAN });
    else return view;
  }
  throw new Error("flow did not settle");
}

/** Every table as text, and every flow's sealed secrets opened with the state key. */
async function storeDump(): Promise<{ dump: string; opened: string }> {
  const tables = ["agents", "sessions", "flows", "audit_events", "consent_records", "rate_limits"];
  let dump = "";
  for (const table of tables) {
    const rows = await sql`select * from ${sql.table(table)}`.execute(db);
    dump += JSON.stringify(rows.rows);
  }
  const key = loadStateKey(env);
  const flows = await db.selectFrom("flows").select(["id", "sealed_secrets"]).execute();
  const opened = flows.map((row) => open(key, row.sealed_secrets, row.id)).join("\n");
  return { dump, opened };
}

test("Levin: while the Aadhaar OTP is pending the store holds no full Aadhaar, sealed or not", async () => {
  // A new customer of its own: the test below spends the personas' OTP-send allowance.
  const mobile = "7100000004";
  const view = await call("POST", "", { rail: "levin", mobile });
  expect(view.step.kind).toBe("onboard");
  await call("POST", `/${view.id}/onboard`, NEW_CUSTOMER);
  const verified = await call("POST", `/${view.id}/otp/verify`, {
    otp: await latestOtp(mobile, "mobile"),
  });
  expect(verified.step.kind).toBe("aadhaar");
  const pending = await call("POST", `/${view.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.valid,
    consent: CONSENT,
  });
  expect(pending.step).toMatchObject({ kind: "otp", purpose: "aadhaar" });
  const { dump, opened } = await storeDump();
  // The sealed secrets really were opened: the pending OTP's reference and the last four are there.
  expect(opened).toContain('"otpIntent":"20"');
  expect(opened).toContain(`"aadhaarLast4":"${TEST_AADHAAR.valid.slice(-4)}"`);
  for (const text of [dump, opened]) expect(text).not.toContain(TEST_AADHAAR.valid);
});

test("no secret reaches the database or the logs after every flow", async () => {
  const ends: string[] = [];
  for (const [index, rail] of ["customer-account", "digikhata", "levin"].entries()) {
    // A fresh new customer per rail: lookups and onboarding both count as OTP sends per mobile.
    for (const mobile of ["9000000001", `700000000${index}`, "9000000004", "9000000005"]) {
      ends.push(`${rail}:${(await runFlow(rail, mobile)).step.kind}`);
    }
  }
  // The walk really reached the ends that carry secrets on the wire.
  expect(ends).toContain("levin:profile");
  expect([...secrets].some((secret) => secret.startsWith("eyJ"))).toBe(true);
  expect(otps.size).toBeGreaterThan(10);

  const { dump, opened } = await storeDump();
  expect(opened).not.toContain(TEST_AADHAAR.valid);
  expect(dump).toContain("consent"); // consent records were written
  const logs = logLines.join("");
  expect(logs.length).toBeGreaterThan(1000);

  for (const [where, text] of [
    ["database", dump],
    ["logs", logs],
  ] as const) {
    for (const secret of secrets)
      expect(text, `${where} holds ${secret.slice(0, 12)}…`).not.toContain(secret);
    for (const otp of otps)
      expect(text, `${where} holds an OTP`).not.toMatch(new RegExp(`(?<![\\w-])${otp}(?![\\w-])`));
    // A signature over any timestamp would give the access key away as well.
    expect(text).not.toContain(computeSecretKey(UAT_CREDENTIALS.accessKey, "0").slice(0, 10));
  }
});
