import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { afterEach, expect } from "vitest";
import { createConsoleServices } from "../app.ts";
import type { ApiError } from "../contract/errors.ts";
import type { FlowView } from "../contract/flow-view.ts";
import { createLogger } from "../logger.ts";
import type { AgentContext, AgentVariables } from "../middleware/agent-context.ts";
import { errorHandler, notFoundHandler } from "../middleware/error-handler.ts";
import { requestId } from "../middleware/request-id.ts";
import { createFlowRoutes } from "../routes/flows.ts";
import { createSandboxApp, type SandboxOptions } from "../sandbox/app.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import type { RequestLogEntry } from "../sandbox/request-log.ts";
import { DEFAULT_SETTINGS } from "../sandbox/test-support.ts";
import { openStore } from "../store/open-store.ts";
import { testEnv } from "./app.ts";

/*
 * The console's flow routes in-process (app.request) against the real
 * sandbox served over HTTP on 127.0.0.1:0, sharing one movable clock. The
 * agent is fixed by a test middleware (the session middleware is another
 * module's job); `x-test-agent` picks a different agent id.
 */

export const TEST_AGENT: AgentContext = {
  id: "agent-test",
  login: "agent-test",
  name: "Test Agent",
  role: "agent",
  ekoUserCode: "20810200",
  language: "en",
  mustChangePassword: false,
};

/** What no response body may ever contain (checked on every response). */
const FORBIDDEN_IN_RESPONSES = [
  /otp_?ref_?id/i,
  /wallet_?token/i,
  /wallet_?id/i,
  /eyJ[\w-]+\./,
  /PPW\d{6}/,
  new RegExp(TEST_AADHAAR.valid),
];

export type HarnessOptions = { env?: Record<string, string>; sandbox?: Partial<SandboxOptions> };
export type Harness = Awaited<ReturnType<ReturnType<typeof flowHarnesses>>>;

/** Call at the top of a test file; returns the per-test factory (everything is closed after each test). */
export function flowHarnesses() {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return (options: HarnessOptions = {}) => flowHarness(options, closers);
}

async function flowHarness(options: HarnessOptions, closers: (() => Promise<void>)[]) {
  let at = Date.parse("2026-03-02T05:30:00.000Z");
  const clock = {
    now: () => new Date(at),
    advance: (seconds: number) => {
      at += seconds * 1000;
    },
  };

  const sandboxApp = new Hono().route(
    "/sandbox",
    createSandboxApp({ ...DEFAULT_SETTINGS, now: () => at, ...options.sandbox }),
  );
  const server = serve({ fetch: sandboxApp.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const dir = await mkdtemp(join(tmpdir(), "eko-flows-"));
  const env = testEnv({
    EKO_BASE_URL: `${origin}/sandbox/ekoapi/v3`,
    EKO_TIMEOUT_MS: "2000",
    // The generated state.key goes next to this database, not into ./data.
    SQLITE_PATH: join(dir, "console.db"),
    ...options.env,
  });
  const db = await openStore(env);
  closers.push(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  const logger = createLogger("silent");
  /** A console process: a new app on the same store and env is a restart. */
  const consoleApp = () => {
    const app = new OpenAPIHono<{ Variables: AgentVariables }>()
      .use("*", requestId())
      .use("/api/*", async (c, next) => {
        c.set("agent", { ...TEST_AGENT, id: c.req.header("x-test-agent") ?? TEST_AGENT.id });
        await next();
      })
      .route(
        "/api/flows",
        createFlowRoutes({
          env,
          flows: createConsoleServices({ env, db, logger, now: clock.now }).flows,
        }),
      );
    app.onError(errorHandler(logger));
    app.notFound(notFoundHandler);
    return app;
  };
  let app = consoleApp();

  /** Any console call; asserts that no secret leaks into the body. */
  async function api(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await app.request(`/api/flows${path}`, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    for (const pattern of FORBIDDEN_IN_RESPONSES) expect(text).not.toMatch(pattern);
    return {
      status: response.status,
      headers: response.headers,
      json: text ? JSON.parse(text) : null,
    };
  }

  async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${origin}/sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return (response.status === 204 ? null : await response.json()) as T;
  }

  /** The newest OTP the sandbox "texted" this mobile for this rail and purpose. */
  async function latestOtp(mobile: string, rail: string, purpose: "mobile" | "aadhaar" = "mobile") {
    const messages = await sandbox<{ otp: string; rail: string; purpose: string }[]>(
      "GET",
      `/outbox?mobile=${mobile}`,
    );
    const latest = messages.find((message) => message.rail === rail && message.purpose === purpose);
    if (!latest) throw new Error(`no ${purpose} OTP for ${mobile} on ${rail}`);
    return latest.otp;
  }

  return {
    restart: () => {
      app = consoleApp();
    },
    db,
    env,
    clock,
    origin,
    api,
    latestOtp,
    /** A console call whose body is not JSON (the consent audio). */
    rawRequest: (method: string, path: string) => app.request(`/api/flows${path}`, { method }),
    requests: () => sandbox<RequestLogEntry[]>("GET", "/requests"),
    scenario: (entry: {
      mobile: string;
      scenario?: number;
      fault?: string;
      times?: number;
      delayMs?: number;
    }) => sandbox("POST", "/scenarios", entry),
    start: async (rail: string, mobile: string) => {
      const response = await api("POST", "", { rail, mobile });
      expect(response.status).toBe(201);
      return response.json as FlowView;
    },
  };
}

export const NEW_CUSTOMER = {
  name: "Asha Kumari",
  dob: "1995-08-20",
  address: { line: "12 Park Street", city: "Kolkata", state: "West Bengal", pincode: "700016" },
};
export const CONSENT = { accepted: true, language: "en", version: "aadhaar-consent-v1" };
export const PAN = "ABCPE1234F";

/**
 * Drives a flow as an agent would, reading OTPs from the sandbox outbox,
 * until it reaches a step that needs no more input. Returns the steps seen.
 */
export async function walk(h: Harness, view: FlowView, mobile: string): Promise<FlowView[]> {
  const seen = [view];
  let current = view;
  for (let hops = 0; hops < 10; hops++) {
    const step = current.step;
    const path = `/${current.id}`;
    let response: { status: number; json: FlowView | ApiError };
    if (step.kind === "onboard") response = await h.api("POST", `${path}/onboard`, NEW_CUSTOMER);
    else if (step.kind === "otp") {
      const otp = await h.latestOtp(mobile, current.rail, step.purpose);
      response = await h.api("POST", `${path}/otp/verify`, { otp });
    } else if (step.kind === "consent" && !step.text) {
      response = await h.api("POST", `${path}/consent/language`, { languageId: "1" });
    } else if (step.kind === "consent" && step.text) {
      const accept = { accepted: true, textSha256: step.text.textSha256, audioPlayed: false };
      response = await h.api("POST", `${path}/consent`, accept);
    } else if (step.kind === "aadhaar") {
      response = await h.api("POST", `${path}/aadhaar`, {
        aadhaar: TEST_AADHAAR.valid,
        ...(step.consentGiven ? {} : { consent: CONSENT }),
      });
    } else if (step.kind === "pan") response = await h.api("POST", `${path}/pan`, { pan: PAN });
    else return seen;
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    current = response.json as FlowView;
    seen.push(current);
  }
  throw new Error("flow did not settle");
}
