import { createHmac } from "node:crypto";
import type { Hono } from "hono";
import type { SandboxSettings } from "../env.ts";
import { createSandboxApp, type SandboxOptions } from "./app.ts";
import type { SandboxRandom } from "./model.ts";

/*
 * Test helpers (imported only by *.test.ts). Requests are signed here with
 * node:crypto straight from eko-api.md §4.2 — deliberately not with
 * ../eko/sign.ts, so a bug there cannot hide behind the same bug here.
 */

export const UAT = {
  developerKey: "becbbce45f79c6f5109f848acd540567",
  accessKey: "d2fe1d99-6298-4af2-8cc5-d97dcf46df30",
  initiatorId: "9962981729",
  userCode: "20810200",
};

export const DEFAULT_SETTINGS: SandboxSettings = {
  fixedOtp: null,
  otpTtlSeconds: 300,
  maxAttempts: 3,
  lockoutSeconds: 900,
  resendIntervalSeconds: 60,
  skewSeconds: 300,
  latencyMs: 0,
  scenarios: true,
  dialect: "sandbox",
};

export function independentSecretKey(accessKey: string, timestamp: string): string {
  const hmacKey = Buffer.from(accessKey, "utf8").toString("base64");
  return createHmac("sha256", hmacKey).update(timestamp, "utf8").digest("base64");
}

export function signedHeaders(
  timestampMs: number,
  credentials: { developerKey: string; accessKey: string } = UAT,
): Record<string, string> {
  const timestamp = String(timestampMs);
  return {
    developer_key: credentials.developerKey,
    "secret-key": independentSecretKey(credentials.accessKey, timestamp),
    "secret-key-timestamp": timestamp,
  };
}

/** Deterministic randomness (mulberry32), so two sandboxes can be compared byte for byte. */
export function seededRandom(seed: number): SandboxRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min, max) => min + Math.floor(next() * (max - min)),
    bytes: (size) => Buffer.from(Array.from({ length: size }, () => Math.floor(next() * 256))),
  };
}

/** A movable clock, so tests can expire OTPs and tokens without waiting. */
export function testClock(start = Date.UTC(2026, 0, 15, 10, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

export type EkoReply = {
  status: number;
  body: Record<string, unknown> & { response_type_id?: number };
};

export type CallOptions = {
  /** Extra or replacement headers (e.g. x-sandbox-scenario). */
  headers?: Record<string, string>;
  /** POST/PUT body encoding; default JSON. */
  form?: boolean;
  /** Leave out initiator_id / user_code. */
  bare?: boolean;
};

/**
 * A sandbox app with its own state and clock, plus `eko(method, path, params)`
 * that signs like a real client: GET params in the query, writes as JSON (or
 * urlencoded with `form: true`).
 */
export function makeSandbox(overrides: Partial<SandboxOptions> = {}) {
  const clock = testClock();
  const app: Hono = createSandboxApp({ ...DEFAULT_SETTINGS, now: clock.now, ...overrides });
  const now = overrides.now ?? clock.now;

  async function eko(
    method: string,
    path: string,
    params: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<EkoReply> {
    const all = options.bare
      ? params
      : { initiator_id: UAT.initiatorId, user_code: UAT.userCode, ...params };
    const headers: Record<string, string> = { ...signedHeaders(now()), ...options.headers };
    let url = `/ekoapi/v3${path}`;
    let body: string | undefined;
    if (method === "GET") {
      url += `?${new URLSearchParams(all as Record<string, string>)}`;
    } else if (options.form) {
      headers["content-type"] ??= "application/x-www-form-urlencoded";
      body = formEncode(all);
    } else {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(all);
    }
    const response = await app.request(url, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  async function outbox(mobile: string) {
    const response = await app.request(`/outbox?mobile=${mobile}`);
    return (await response.json()) as {
      mobile: string;
      otp: string;
      purpose: string;
      rail: string;
    }[];
  }

  /** The newest OTP sent to this mobile. */
  async function latestOtp(mobile: string): Promise<string> {
    const [latest] = await outbox(mobile);
    if (!latest) throw new Error(`no OTP in the outbox for ${mobile}`);
    return latest.otp;
  }

  return { app, clock, eko, outbox, latestOtp };
}

function formEncode(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  return search.toString();
}

export const NEW_CUSTOMER = {
  name: "Asha Kumari",
  dob: "1995-08-20",
  residence_address: ["12 Park Street", "Kolkata", "West Bengal", "700016"],
};

/** The master path prefix of each rail's sender endpoints. */
export const RAIL_BASE = {
  "customer-account": "/customer/account",
  digikhata: "/customer/payment/ppi-digikhata/sender",
  levin: "/customer/payment/ppi-levin/sender",
} as const;

/** Get-info path per rail (customer-account reads /customer/profile). */
export function getInfoPath(rail: keyof typeof RAIL_BASE, mobile: string): string {
  return rail === "customer-account"
    ? `/customer/profile/${mobile}`
    : `${RAIL_BASE[rail]}/${mobile}`;
}

/** A JSON response body, for reading fields in assertions. */
export async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

export function data(reply: EkoReply): Record<string, unknown> {
  return (reply.body.data ?? {}) as Record<string, unknown>;
}
