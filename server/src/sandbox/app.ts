import { Hono } from "hono";
import { z } from "zod";
import { mobilePattern } from "../contract/mobile.ts";
import { type SandboxSettings, UAT_CREDENTIALS } from "../env.ts";
import type { Credentials } from "./auth.ts";
import { consentClip } from "./consent-audio.ts";
import { createEkoHandler } from "./eko-handler.ts";
import { cryptoRandom, type SandboxRandom } from "./model.ts";
import { createOtpBook } from "./otp.ts";
import { createOutbox } from "./outbox.ts";
import { createRequestLog } from "./request-log.ts";
import { createScenarioQueue, faults } from "./scenarios.ts";
import { createCustomerStore } from "./state.ts";
import { createWalletTokens } from "./wallet-token.ts";

export type SandboxOptions = SandboxSettings & {
  /** The keys requests must be signed with; default: the public UAT pair (eko-api.md §3). */
  credentials?: Credentials;
  /** Initiators Eko knows; any other gets 319. Default: the UAT initiator. */
  initiatorIds?: readonly string[];
  /** Clock (epoch ms) for signatures, OTP expiry, lockouts and wallet tokens. */
  now?: () => number;
  random?: SandboxRandom;
};

/** POST /scenarios: queue a forced answer for the next `times` Eko calls about `mobile`. */
const scenarioRequestSchema = z
  .object({
    mobile: z.string().regex(mobilePattern, { error: "must be a 10-digit mobile" }),
    /** A response_type_id, e.g. 2131. */
    scenario: z.number().int().optional(),
    fault: z.enum(faults).optional(),
    times: z.number().int().min(1).max(1_000).default(1),
    /** For fault "slow"; default 20 s. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .refine((input) => input.scenario !== undefined || input.fault !== undefined, {
    error: "give a scenario (response_type_id) or a fault",
  });

/**
 * The Eko simulator (eko-api.md §14.1). Routes are relative — the caller
 * mounts the app (the console at /sandbox):
 * - `/ekoapi/v3/*`, `/ekoicici/v3/*`: Eko's API, master and legacy paths
 * - `GET /outbox?mobile=`: the OTP SMS "sent" to that mobile, newest first
 * - `GET /requests`: recent Eko calls, newest first (no OTPs or refs)
 * - `POST /scenarios`, `GET /scenarios`, `DELETE /scenarios[?mobile=]`: forced answers by mobile
 * - `POST /reset`: forget all state (tests)
 * Every instance has its own state; nothing is shared between apps.
 */
export function createSandboxApp(options: SandboxOptions): Hono {
  const now = options.now ?? Date.now;
  const random = options.random ?? cryptoRandom;
  const settings: SandboxSettings = {
    fixedOtp: options.fixedOtp,
    otpTtlSeconds: options.otpTtlSeconds,
    maxAttempts: options.maxAttempts,
    lockoutSeconds: options.lockoutSeconds,
    resendIntervalSeconds: options.resendIntervalSeconds,
    skewSeconds: options.skewSeconds,
    latencyMs: options.latencyMs,
    scenarios: options.scenarios,
    dialect: options.dialect,
  };
  const outbox = createOutbox();
  const otps = createOtpBook({ settings, now, random, outbox });
  const customers = createCustomerStore({ now, lockoutSeconds: settings.lockoutSeconds });
  const tokens = createWalletTokens({ secret: random.bytes(32), now });
  const queue = createScenarioQueue();
  const log = createRequestLog();

  const eko = createEkoHandler({
    settings,
    now,
    random,
    otps,
    tokens,
    customers,
    queue,
    log,
    credentials: options.credentials ?? {
      developerKey: UAT_CREDENTIALS.developerKey,
      accessKey: UAT_CREDENTIALS.accessKey,
    },
    initiatorIds: new Set(options.initiatorIds ?? [UAT_CREDENTIALS.initiatorId]),
  });

  const badRequest = (message: string) => ({ error: { code: "bad_request", message } });
  const scenariosDisabled = {
    error: { code: "forbidden", message: "Scenarios are disabled (SANDBOX_SCENARIOS=false)" },
  };

  const app = new Hono();
  app.all("/:base{ekoapi|ekoicici}/v3/:rest{.*}", eko);
  // Any other version segment: Eko's words for an unmapped path (§7.6).
  app.all("/:base{ekoapi|ekoicici}/*", (c) =>
    c.json({ status: 1, message: "No mapping rule matched" }, 404),
  );

  app.get("/outbox", (c) => {
    const mobile = c.req.query("mobile") ?? "";
    if (!mobilePattern.test(mobile)) {
      return c.json(badRequest("mobile must be a 10-digit Indian mobile number"), 400);
    }
    return c.json(outbox.read(mobile), 200);
  });

  app.get("/requests", (c) => c.json(log.list(), 200));

  // B.6's audioUrl points here (sandbox/consent-audio.ts); one clip for every language.
  app.get("/audio/:name{consent-[a-z]+\\.wav}", (c) =>
    c.body(new Uint8Array(consentClip()), 200, {
      "content-type": "audio/wav",
      "cache-control": "public, max-age=3600",
    }),
  );

  app.get("/scenarios", (c) => {
    if (!settings.scenarios) return c.json(scenariosDisabled, 403);
    return c.json(queue.list(), 200);
  });

  app.post("/scenarios", async (c) => {
    if (!settings.scenarios) return c.json(scenariosDisabled, 403);
    const parsed = scenarioRequestSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json(badRequest(`${issue?.path.join(".") || "body"}: ${issue?.message}`), 400);
    }
    const { mobile, scenario, fault, times, delayMs } = parsed.data;
    const entry = {
      mobile,
      scenario: scenario ?? null,
      fault: fault ?? null,
      delayMs: delayMs ?? null,
      remaining: times,
    };
    queue.add(entry);
    return c.json({ queued: entry }, 201);
  });

  app.delete("/scenarios", (c) => {
    if (!settings.scenarios) return c.json(scenariosDisabled, 403);
    queue.clear(c.req.query("mobile"));
    return c.body(null, 204);
  });

  app.post("/reset", (c) => {
    customers.reset();
    otps.reset();
    outbox.reset();
    queue.clear();
    log.reset();
    return c.body(null, 204);
  });

  return app;
}
