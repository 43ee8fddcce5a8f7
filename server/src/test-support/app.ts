import { randomUUID } from "node:crypto";
import { type AppDeps, createApp } from "../app.ts";
import { type AgentRecord, createAgent, type NewAgent } from "../auth/agents.ts";
import type { ScryptParams } from "../auth/password.ts";
import { type Env, loadEnv } from "../env.ts";
import { createLogger, type Logger } from "../logger.ts";
import type { Db } from "../store/db.ts";

/** `app.request("/api/…")` resolves against http://localhost, so this is the app's own origin. */
export const TEST_ORIGIN = "http://localhost";

/** Cheap scrypt for agents made in tests; the hash string carries it, so sign-in verifies as usual. */
export const FAST_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };

export function testEnv(vars: Record<string, string> = {}): Env {
  return loadEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", EKO_ENV: "sandbox", ...vars });
}

export type TestClock = { now: () => Date; advance: (seconds: number) => void };

/** A clock tests move by hand (session idle timeout, lockouts). Starts 12:00 IST, 2 Jun 2025. */
export function testClock(start = "2025-06-02T06:30:00.000Z"): TestClock {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    advance: (seconds) => {
      at += seconds * 1000;
    },
  };
}

export function testApp(options: {
  db: Db;
  env?: Env;
  clock?: TestClock;
  logger?: Logger;
  verifyPassword?: AppDeps["verifyPassword"];
}): {
  app: ReturnType<typeof createApp>;
  clock: TestClock;
  env: Env;
} {
  const clock = options.clock ?? testClock();
  const env = options.env ?? testEnv();
  const deps: AppDeps = {
    env,
    db: options.db,
    logger: options.logger ?? createLogger("silent"),
    now: clock.now,
    ...(options.verifyPassword ? { verifyPassword: options.verifyPassword } : {}),
  };
  return { app: createApp(deps), clock, env };
}

/** An agent with a unique login and a known password. */
export async function addAgent(
  db: Db,
  overrides: Partial<NewAgent> = {},
  now?: Date,
): Promise<{ agent: AgentRecord; password: string }> {
  const password = overrides.password ?? `pw-${randomUUID()}`;
  const agent = await createAgent(
    db,
    {
      login: `agent-${randomUUID().slice(0, 8)}`,
      name: "Test Agent",
      userCode: "20810200",
      ...overrides,
      password,
    },
    { scrypt: FAST_SCRYPT, now },
  );
  return { agent, password };
}

type RequestOptions = {
  cookie?: string;
  origin?: string | null;
  headers?: Record<string, string>;
};

/** A same-origin JSON request, as the console's own pages send it. */
export function jsonRequest(
  method: string,
  body?: unknown,
  options: RequestOptions = {},
): RequestInit {
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (options.origin !== null) headers.origin = options.origin ?? TEST_ORIGIN;
  if (options.cookie) headers.cookie = options.cookie;
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}

/** `name=value` of the session cookie a response set ("" if none). */
export function sessionCookieFrom(response: Response): string {
  const setCookie = response.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}

/** Signs in through the real route; returns the cookie to send on later requests. */
export async function signIn(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  login: string,
  password: string,
): Promise<string> {
  const response = await app.request("/api/auth/sign-in", jsonRequest("POST", { login, password }));
  if (response.status !== 200) {
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  }
  return sessionCookieFrom(response);
}
