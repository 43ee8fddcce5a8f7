import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app.ts";
import { createSession } from "../auth/sessions.ts";
import type { FlowView } from "../contract/flow-view.ts";
import { createLogger } from "../logger.ts";
import type { Engine } from "../store/engine.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, sessionCookieFrom, testEnv } from "./app.ts";
import type { JsonSchema } from "./fuzz.ts";
import type { PostgresServer } from "./postgres.ts";
import { listen, serveSandbox } from "./serve.ts";

export type Parameter = { name: string; in: "path" | "query"; schema: JsonSchema };
export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
};
type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: { "application/json"?: { schema: JsonSchema } } };
      }
    >
  >;
};

/**
 * The console served over real HTTP on `engine`, in front of a real sandbox:
 * an admin (sees every flow), flows parked at each kind of step, and the
 * operations read from the running app's own /api/openapi.json.
 */
export async function fuzzConsole(engine: Engine, postgres: PostgresServer | null) {
  const dir = await mkdtemp(join(tmpdir(), "eko-fuzz-"));
  const sandbox = await serveSandbox();
  const env = testEnv({
    EKO_BASE_URL: sandbox.baseUrl,
    EKO_TIMEOUT_MS: "3000",
    STATE_KEY: randomBytes(32).toString("base64"),
    ...(engine === "postgres" && postgres
      ? { DATABASE_URL: await postgres.createDatabase() }
      : { SQLITE_PATH: join(dir, "console.db") }),
  });
  const db = await openStore(env);
  const server = await listen(createApp({ env, db, logger: createLogger("silent") }).fetch);
  const origin = server.origin;

  const admin = await addAgent(db, { role: "admin" });
  const post = (path: string, body: unknown, cookie = "") =>
    fetch(`${origin}/api${path}`, {
      method: "POST",
      headers: { origin, cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const cookie = sessionCookieFrom(
    await post("/auth/sign-in", { login: admin.agent.login, password: admin.password }),
  );
  const cookieName = cookie.split("=")[0] ?? "";

  const start = async (rail: string, mobile: string) =>
    (await (await post("/flows", { rail, mobile }, cookie)).json()) as FlowView;
  /** Verifies the mobile OTP from the sandbox outbox: the Levin personas move on to Aadhaar / PAN. */
  const pastOtp = async (view: FlowView, mobile: string) => {
    const outbox = await fetch(`${sandbox.origin}/sandbox/outbox?mobile=${mobile}`);
    const [latest] = (await outbox.json()) as { otp: string }[];
    return (await (
      await post(`/flows/${view.id}/otp/verify`, { otp: latest?.otp }, cookie)
    ).json()) as FlowView;
  };
  const flowIds = [
    (await start("customer-account", "9000000001")).id, // otp
    (await start("digikhata", "9000000003")).id, // onboard
    (await pastOtp(await start("levin", "9000000004"), "9000000004")).id, // aadhaar
    (await pastOtp(await start("levin", "9000000005"), "9000000005")).id, // pan
  ];

  const doc = (await (
    await fetch(`${origin}/api/openapi.json`, { headers: { cookie } })
  ).json()) as OpenApiDocument;
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content["application/json"]?.schema,
    })),
  );

  return {
    origin,
    admin,
    cookie,
    cookieName,
    flowIds,
    operations,
    /** A session of its own per request, so a fuzzed sign-out ends only that one. */
    freshCookie: async () =>
      `${cookieName}=${await createSession(db, admin.agent.id, new Date(), env.session)}`,
    close: async () => {
      await server.close();
      await sandbox.close();
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
export type FuzzConsole = Awaited<ReturnType<typeof fuzzConsole>>;
