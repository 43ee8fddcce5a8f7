import { z } from "zod";
import type { DatabaseConfig } from "./store/db.ts";

/** The public UAT pair from eko-api.md §3; the sandbox accepts it by default. */
export const UAT_CREDENTIALS = {
  developerKey: "becbbce45f79c6f5109f848acd540567",
  accessKey: "d2fe1d99-6298-4af2-8cc5-d97dcf46df30",
  initiatorId: "9962981729",
  userCode: "20810200",
} as const;

const UAT_BASE_URL = "https://staging.eko.in/ekoapi/v3";
const PRODUCTION_BASE_URL = "https://api.eko.in/ekoicici/v3";

/**
 * `sandbox`: today's answers (real type ids, both path families).
 * `published`: Eko's published samples for Levin C.5 / C.6 (eko-api.md §10).
 */
export const sandboxDialects = ["sandbox", "published"] as const;

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const count = seconds;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  EKO_ENV: z.enum(["sandbox", "uat", "production"]).default("sandbox"),
  EKO_BASE_URL: z.url().optional(),
  EKO_DEVELOPER_KEY: z.string().min(1).optional(),
  EKO_ACCESS_KEY: z.string().min(1).optional(),
  EKO_INITIATOR_ID: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  EKO_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
  SQLITE_PATH: z.string().default("./data/console.db"),
  /** `full` fsyncs every commit; `normal` (WAL) survives a process crash, not always a power cut (store/db.ts). */
  SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  /** 32 bytes, base64: seals otp_ref_id / wallet_token in the store. Required with PostgreSQL. */
  STATE_KEY: z.string().optional(),

  /** The origin agents open (https://console.example.in); enables Secure cookies, HSTS and the CSRF check. */
  PUBLIC_ORIGIN: z.url().optional(),
  /** Behind one reverse proxy: take the client IP from the last X-Forwarded-For hop (per-IP limits). */
  TRUST_PROXY: flag.default(false),
  /** Open connections one client address may hold; 0 = no cap. Default 64, or none with TRUST_PROXY. */
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(0).optional(),
  /** How long a request body on /api may take to arrive before a 408. */
  REQUEST_BODY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Lets a scraper off this machine read /metrics with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  SESSION_IDLE_SECONDS: seconds(15 * 60),
  SESSION_ABSOLUTE_SECONDS: seconds(12 * 60 * 60),

  // What the console tells the agent about an OTP. Eko documents none of these
  // (eko-api.md §15.11); the defaults equal the sandbox's.
  OTP_TTL_SECONDS: seconds(300),
  OTP_RESEND_SECONDS: seconds(60),
  OTP_MAX_ATTEMPTS: seconds(3),

  // Abuse limits (README, Security). Defaults are the console's own choices;
  // Eko documents no OTP send limits of its own (eko-api.md §15.11).
  /** Wrong passwords for one login within the window; the last one allowed locks it. */
  SIGN_IN_FAILURES_PER_LOGIN: count(5),
  /** Wrong passwords from one client address within the window, whatever the login. */
  SIGN_IN_FAILURES_PER_IP: count(20),
  SIGN_IN_WINDOW_SECONDS: seconds(15 * 60),
  SIGN_IN_LOCK_SECONDS: seconds(15 * 60),
  /** OTPs sent to one customer mobile (lookups that send one, onboarding, resends) per window. */
  OTP_SENDS_PER_MOBILE: count(5),
  /** OTPs one agent triggers across all customers per window. */
  OTP_SENDS_PER_AGENT: count(60),
  OTP_SEND_WINDOW_SECONDS: seconds(10 * 60),
  /** Wrong OTPs entered for one customer mobile per window. */
  OTP_WRONG_PER_MOBILE: count(10),
  OTP_WRONG_WINDOW_SECONDS: seconds(30 * 60),

  SANDBOX_FIXED_OTP: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  SANDBOX_OTP_TTL_SECONDS: seconds(300),
  SANDBOX_OTP_MAX_ATTEMPTS: seconds(3),
  SANDBOX_LOCKOUT_SECONDS: seconds(15 * 60),
  SANDBOX_RESEND_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  SANDBOX_SKEW_SECONDS: seconds(5 * 60),
  SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SANDBOX_SCENARIOS: flag.default(true),
  /** `published`: Levin C.5 / C.6 in Eko's published 1388 shapes, C.4 on the master path only (sandbox README). */
  SANDBOX_DIALECT: z.enum(sandboxDialects).default("sandbox"),
  /** Port of the standalone sandbox (`npm run sandbox`); the embedded one shares PORT. */
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),

  /** Open flows older than this drop off the start page's "customers in progress" list. */
  OPEN_FLOWS_MAX_AGE_MINUTES: z.coerce.number().int().positive().default(120),
});

export type SandboxDialect = (typeof sandboxDialects)[number];

export type SandboxSettings = {
  fixedOtp: string | null;
  otpTtlSeconds: number;
  maxAttempts: number;
  lockoutSeconds: number;
  resendIntervalSeconds: number;
  skewSeconds: number;
  latencyMs: number;
  /** Honour x-sandbox-scenario / x-sandbox-fault / x-sandbox-dialect headers (tests, demos). */
  scenarios: boolean;
  /** Whose words the Levin Aadhaar answers use; x-sandbox-dialect overrides it per request. */
  dialect: SandboxDialect;
};

export type SignInLimits = {
  failuresPerLogin: number;
  failuresPerIp: number;
  windowSeconds: number;
  lockSeconds: number;
};
export type OtpLimits = {
  sendsPerMobile: number;
  sendsPerAgent: number;
  sendWindowSeconds: number;
  wrongPerMobile: number;
  wrongWindowSeconds: number;
};

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  logLevel: string;
  eko: {
    env: "sandbox" | "uat" | "production";
    /** Null in sandbox mode until the server knows its own port. */
    baseUrl: string | null;
    developerKey: string;
    accessKey: string;
    initiatorId: string;
    timeoutMs: number;
  };
  database: DatabaseConfig;
  stateKey: string | null;
  publicOrigin: string | null;
  trustProxy: boolean;
  /** Slow-client defences (http/server-limits.ts, middleware/body-deadline.ts). */
  connections: { maxPerAddress: number; bodyTimeoutMs: number };
  /** Null: /metrics answers loopback clients only. */
  metricsToken: string | null;
  sandboxPort: number;
  session: { idleSeconds: number; absoluteSeconds: number };
  otpPolicy: { ttlSeconds: number; resendSeconds: number; maxAttempts: number };
  /** Sign-in (http/rate-limits.ts) and OTP (flows/abuse-limits.ts) limits. */
  abuseLimits: { signIn: SignInLimits; otp: OtpLimits };
  sandbox: SandboxSettings | null;
  /** The start page's open-flows list (issue #15 §2). */
  openFlows: { maxAgeMinutes: number };
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** The one reader of process.env. Fails fast, naming every problem at once. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new EnvError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const raw = parsed.data;

  if (raw.EKO_ENV === "production") {
    const missing = (["EKO_DEVELOPER_KEY", "EKO_ACCESS_KEY", "EKO_INITIATOR_ID"] as const).filter(
      (name) => !raw[name],
    );
    if (missing.length > 0) {
      throw new EnvError(
        `EKO_ENV=production needs ${missing.join(", ")}. The public UAT keys do not work in production.`,
      );
    }
  }
  if (raw.DATABASE_URL && !raw.STATE_KEY) {
    throw new EnvError(
      "DATABASE_URL is set but STATE_KEY is not: every instance on one database needs the same STATE_KEY (32 random bytes, base64).",
    );
  }

  const isSandbox = raw.EKO_ENV === "sandbox";
  return {
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    eko: {
      env: raw.EKO_ENV,
      baseUrl:
        raw.EKO_BASE_URL ??
        (raw.EKO_ENV === "uat"
          ? UAT_BASE_URL
          : raw.EKO_ENV === "production"
            ? PRODUCTION_BASE_URL
            : null),
      developerKey: raw.EKO_DEVELOPER_KEY ?? UAT_CREDENTIALS.developerKey,
      accessKey: raw.EKO_ACCESS_KEY ?? UAT_CREDENTIALS.accessKey,
      initiatorId: raw.EKO_INITIATOR_ID ?? UAT_CREDENTIALS.initiatorId,
      timeoutMs: raw.EKO_TIMEOUT_MS,
    },
    database: raw.DATABASE_URL
      ? { kind: "postgres", url: raw.DATABASE_URL }
      : { kind: "sqlite", path: raw.SQLITE_PATH, synchronous: raw.SQLITE_SYNCHRONOUS },
    stateKey: raw.STATE_KEY ?? null,
    publicOrigin: raw.PUBLIC_ORIGIN ?? null,
    trustProxy: raw.TRUST_PROXY,
    connections: {
      // Behind a proxy every connection comes from the proxy's address: capping it
      // would cap everyone; the proxy caps its own clients.
      maxPerAddress: raw.MAX_CONNECTIONS_PER_IP ?? (raw.TRUST_PROXY ? 0 : 64),
      bodyTimeoutMs: raw.REQUEST_BODY_TIMEOUT_MS,
    },
    metricsToken: raw.METRICS_TOKEN ?? null,
    sandboxPort: raw.SANDBOX_PORT,
    session: {
      idleSeconds: raw.SESSION_IDLE_SECONDS,
      absoluteSeconds: raw.SESSION_ABSOLUTE_SECONDS,
    },
    otpPolicy: {
      ttlSeconds: raw.OTP_TTL_SECONDS,
      resendSeconds: raw.OTP_RESEND_SECONDS,
      maxAttempts: raw.OTP_MAX_ATTEMPTS,
    },
    abuseLimits: {
      signIn: {
        failuresPerLogin: raw.SIGN_IN_FAILURES_PER_LOGIN,
        failuresPerIp: raw.SIGN_IN_FAILURES_PER_IP,
        windowSeconds: raw.SIGN_IN_WINDOW_SECONDS,
        lockSeconds: raw.SIGN_IN_LOCK_SECONDS,
      },
      otp: {
        sendsPerMobile: raw.OTP_SENDS_PER_MOBILE,
        sendsPerAgent: raw.OTP_SENDS_PER_AGENT,
        sendWindowSeconds: raw.OTP_SEND_WINDOW_SECONDS,
        wrongPerMobile: raw.OTP_WRONG_PER_MOBILE,
        wrongWindowSeconds: raw.OTP_WRONG_WINDOW_SECONDS,
      },
    },
    sandbox: isSandbox
      ? {
          fixedOtp: raw.SANDBOX_FIXED_OTP ?? null,
          otpTtlSeconds: raw.SANDBOX_OTP_TTL_SECONDS,
          maxAttempts: raw.SANDBOX_OTP_MAX_ATTEMPTS,
          lockoutSeconds: raw.SANDBOX_LOCKOUT_SECONDS,
          resendIntervalSeconds: raw.SANDBOX_RESEND_INTERVAL_SECONDS,
          skewSeconds: raw.SANDBOX_SKEW_SECONDS,
          latencyMs: raw.SANDBOX_LATENCY_MS,
          scenarios: raw.SANDBOX_SCENARIOS,
          dialect: raw.SANDBOX_DIALECT,
        }
      : null,
    openFlows: { maxAgeMinutes: raw.OPEN_FLOWS_MAX_AGE_MINUTES },
  };
}
