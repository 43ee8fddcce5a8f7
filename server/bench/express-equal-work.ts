import {
  createCipheriv,
  createSecretKey,
  type KeyObject,
  randomBytes,
  randomUUID,
} from "node:crypto";
import { Agent, request, type Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { pino } from "pino";
import { z } from "zod";
import { flowReference } from "../src/contract/flow-reference.ts";
import { startFlowSchema } from "../src/contract/flow-requests.ts";
import { signatureHeaders } from "../src/eko/sign.ts";
import { UAT_CREDENTIALS } from "../src/env.ts";
import { deriveMobileLookupSecret, mobileLookupKey } from "../src/store/mobile-lookup.ts";
import { limitStorageKey, openEqualWorkStore, type Slot, sha256Hex } from "./equal-work-store.ts";

/*
 * The equal-work peer: the console's "start a flow" step (`POST /api/flows`)
 * as a competent Express 5 team would write it, doing the same work per
 * request — Origin check; session cookie → SHA-256 → one SELECT; zod on the
 * same body schema; the mobile's keyed lookup (HMAC) and the locked-number
 * check on its latest flows; the two OTP-send limit reads, then both slots
 * reserved in one transaction (reserve, then act); the signed Eko GET (Levin
 * Get Sender, eko-api.md §10 C.1) on a keep-alive agent; the Eko envelope
 * checked with zod; the flow's secrets sealed with AES-256-GCM (flow id as
 * AAD); flow row + audit row (+ the slots given back after a 308) in one
 * transaction, on the console's own schema; one pino line per request.
 * It answers the bench's request exactly as the console does (201 and the
 * flow view). No framework cleverness the console could not also use.
 */

const SESSION_COOKIE = /(?:^|;\s*)eko_session=([^;]+)/;
const IDLE_SECONDS = 30 * 60;
const TOUCH_INTERVAL_MS = 30_000;
/** As the console's: OTP_SENDS_PER_AGENT from the environment (the bench lifts it for both). */
const OTP_SENDS_PER_AGENT = {
  limit: Number(process.env.OTP_SENDS_PER_AGENT ?? 60),
  windowSeconds: 600,
};
const OTP_SENDS_PER_MOBILE = { limit: 5, windowSeconds: 600 };
const EKO_TIMEOUT_MS = 10_000;
/** The console's default OTP lifetime (OTP_TTL_SECONDS), after which it reviews the reference. */
const OTP_REF_REVIEW_MS = 300_000;
const LEVIN_SENDER_PATH = "/customer/payment/ppi-levin/sender/";
/** The console's security headers (hono/secure-headers with its CSP), so both answers weigh the same. */
const SECURITY_HEADERS: [string, string][] = [
  [
    "content-security-policy",
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  ],
  ["cross-origin-opener-policy", "same-origin"],
  ["cross-origin-resource-policy", "same-origin"],
  ["origin-agent-cluster", "?1"],
  ["referrer-policy", "no-referrer"],
  ["x-content-type-options", "nosniff"],
  ["x-dns-prefetch-control", "off"],
  ["x-download-options", "noopen"],
  ["x-frame-options", "DENY"],
  ["x-permitted-cross-domain-policies", "none"],
  ["x-xss-protection", "0"],
  ["permissions-policy", "camera=(), microphone=(), geolocation=()"],
];

const envelopeSchema = z.object({
  response_type_id: z.coerce.number().int(),
  status: z.coerce.number().int().optional(),
  message: z.string().nullish(),
  data: z.looseObject({ otp_ref_id: z.union([z.string(), z.number()]).optional() }).optional(),
});

class Problem extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type Agentish = { id: string; userCode: string };
type Locals = { requestId: string; agent?: Agentish };

function seal(key: KeyObject, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

const maskMobile = (mobile: string) => `••••••${mobile.slice(-4)}`;

export type EqualWorkOptions = {
  /** Eko base URL, e.g. http://127.0.0.1:4010/sandbox/ekoapi/v3. */
  upstream: string;
  dbPath: string;
  stateKey: Buffer;
  logger: pino.Logger;
};

export function createEqualWorkApp(options: EqualWorkOptions) {
  const store = openEqualWorkStore(options.dbPath);
  const key = createSecretKey(options.stateKey);
  const lookupSecret = deriveMobileLookupSecret(options.stateKey);
  const logger = options.logger;
  const upstream = new URL(options.upstream);
  const basePath = upstream.pathname.replace(/\/+$/, "");
  // A free socket expires before the server's announced Keep-Alive timeout (see http-exchange.ts).
  const agent = new Agent({ keepAlive: true, timeout: 4_000 });

  function ekoGet(path: string, requestId: string): Promise<{ status: number; text: string }> {
    const headers = {
      ...signatureHeaders(UAT_CREDENTIALS),
      "content-type": "application/json",
      accept: "application/json",
      "x-request-id": requestId,
    };
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: `${basePath}${path}`,
          method: "GET",
          headers,
          agent,
          signal: AbortSignal.timeout(EKO_TIMEOUT_MS),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("end", () =>
            resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          incoming.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  function limitAllows(key: string, policy: { limit: number }, nowMs: number): boolean {
    const row = store.limit(key);
    if (!row) return true;
    const open = Date.parse(row.window_ends_at) > nowMs;
    const locked = row.locked_until !== null && Date.parse(row.locked_until) > nowMs;
    return !locked && (!open || row.count < policy.limit);
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use((req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    res.on("finish", () => {
      const line = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        latencyMs: Math.round(performance.now() - started),
        requestId,
        agentId: res.locals.agent?.id,
      };
      if (res.statusCode >= 500) logger.error(line, "request");
      else if (res.statusCode >= 400) logger.warn(line, "request");
      else logger.info(line, "request");
    });
    next();
  });

  app.use("/api", (req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      const origin = req.get("origin");
      if (!origin || origin !== `${req.protocol}://${req.get("host")}`) {
        throw new Problem(403, "csrf_rejected", "Cross-origin request refused");
      }
    }
    const sessionId = SESSION_COOKIE.exec(req.get("cookie") ?? "")?.[1];
    if (!sessionId || sessionId.length > 128) {
      throw new Problem(401, "unauthenticated", "Sign in first");
    }
    const idHash = sha256Hex(sessionId);
    const row = store.session(idHash);
    const nowMs = Date.now();
    if (!row) throw new Problem(401, "unauthenticated", "Sign in first");
    const idleMs = nowMs - Date.parse(row.last_seen_at);
    if (nowMs >= Date.parse(row.expires_at) || idleMs >= IDLE_SECONDS * 1000 || row.disabled) {
      throw new Problem(401, "unauthenticated", "Session ended; sign in again");
    }
    if (idleMs >= TOUCH_INTERVAL_MS) store.touchSession(idHash, new Date(nowMs).toISOString());
    res.locals.agent = { id: row.agent_id, userCode: row.eko_user_code };
    next();
  });

  app.post(
    "/api/flows",
    express.json({ limit: "64kb" }),
    async (req: Request, res: Response<unknown, Locals>) => {
      const parsed = startFlowSchema.safeParse(req.body);
      if (!parsed.success) throw new Problem(422, "validation_failed", "Check the form");
      const { rail, mobile } = parsed.data;
      if (rail !== "levin") throw new Problem(422, "validation_failed", "Only Levin here");
      const agent = res.locals.agent as Agentish;
      const requestId = res.locals.requestId;
      const nowMs = Date.now();
      const lookup = mobileLookupKey(mobile, lookupSecret);
      const locked = store
        .latestStepsJson(lookup)
        .map((json) => JSON.parse(json) as { kind: string; until?: string })
        .some((step) => step.kind === "locked" && Date.parse(step.until ?? "") > nowMs);
      if (locked) throw new Problem(429, "rate_limited", "This mobile is locked");
      const agentKey = limitStorageKey("otp-send:agent", agent.id);
      const mobileKey = limitStorageKey("otp-send:mobile", mobile);
      if (
        !limitAllows(agentKey, OTP_SENDS_PER_AGENT, nowMs) ||
        !limitAllows(mobileKey, OTP_SENDS_PER_MOBILE, nowMs)
      ) {
        throw new Problem(429, "rate_limited", "Too many OTPs");
      }
      const windowEnd = new Date(nowMs + OTP_SENDS_PER_AGENT.windowSeconds * 1000).toISOString();
      const slots = store.reserveAll(
        [
          { key: agentKey, limit: OTP_SENDS_PER_AGENT.limit },
          { key: mobileKey, limit: OTP_SENDS_PER_MOBILE.limit },
        ],
        windowEnd,
        new Date(nowMs).toISOString(),
      );
      if (!slots) throw new Problem(429, "rate_limited", "Too many OTPs");
      const giveBack = (problem: Problem): never => {
        store.releaseAll(slots);
        throw problem;
      };

      const query = `?initiator_id=${UAT_CREDENTIALS.initiatorId}&user_code=${encodeURIComponent(agent.userCode)}`;
      const started = performance.now();
      let answer: { status: number; text: string };
      try {
        answer = await ekoGet(`${LEVIN_SENDER_PATH}${mobile}${query}`, requestId);
      } catch {
        return giveBack(new Problem(502, "upstream_unavailable", "Cannot reach Eko"));
      }
      const latencyMs = Math.round(performance.now() - started);
      if (answer.status !== 200) giveBack(new Problem(502, "upstream_bad_response", "Eko failed"));
      const envelope = envelopeSchema.safeParse(JSON.parse(answer.text));
      if (!envelope.success)
        return giveBack(new Problem(502, "upstream_bad_response", "Bad envelope"));
      const typeId = envelope.data.response_type_id;
      const otpRef = envelope.data.data?.otp_ref_id;
      let step: Record<string, unknown>;
      let secrets: Record<string, string> = {};
      if (typeId === 308) step = { kind: "onboard" };
      else if (typeId === 2129 && otpRef !== undefined) {
        step = { kind: "otp", purpose: "mobile", attemptsLeft: 3 };
        secrets = { otpRefId: String(otpRef) };
      } else return giveBack(new Problem(502, "upstream_unknown_state", "Unexpected answer"));

      const at = new Date().toISOString();
      const flowId = randomBytes(16).toString("base64url");
      const mobileMasked = maskMobile(mobile);
      store.createFlow(
        {
          id: flowId,
          agentId: agent.id,
          rail,
          mobile,
          mobileLookup: lookup,
          stepJson: JSON.stringify(step),
          sealedSecrets: seal(key, JSON.stringify(secrets), flowId),
          // When the maintenance sweep looks at the flow's secrets again (none after a 308).
          secretsReviewAt: secrets.otpRefId
            ? new Date(nowMs + OTP_REF_REVIEW_MS).toISOString()
            : null,
          at,
        },
        {
          id: randomUUID(),
          agentId: agent.id,
          action: "flow.start",
          rail,
          flowId,
          flowReference: flowReference(flowId),
          mobileMasked,
          mobileLookup: lookup,
          responseTypeId: typeId,
          outcome: typeId === 308 ? "onboard_required" : "otp_sent",
          requestId,
          latencyMs,
        },
        // No OTP went out after a 308: its slots go back with the flow's own commit.
        typeId === 308 ? slots : ([] as Slot[]),
      );
      res.status(201).json({ id: flowId, rail, mobileMasked, step, updatedAt: at });
    },
  );

  app.use((error: unknown, _req: Request, res: Response<unknown, Locals>, _next: NextFunction) => {
    const problem =
      error instanceof Problem
        ? error
        : error instanceof SyntaxError
          ? new Problem(422, "validation_failed", "Malformed JSON")
          : new Problem(500, "internal", "Something went wrong");
    if (problem.status === 500) logger.error({ err: error }, "unhandled");
    res.status(problem.status).json({
      error: {
        code: problem.code,
        message: problem.message,
        details: { requestId: res.locals.requestId },
      },
    });
  });
  return { app, store, agent };
}

if (import.meta.main) {
  const port = Number(process.env.PEER_PORT ?? 4030);
  const upstream = process.env.PEER_UPSTREAM ?? "http://127.0.0.1:4010/sandbox/ekoapi/v3";
  const dbPath = process.env.PEER_SQLITE_PATH ?? ":memory:";
  const logger = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  const { app, store } = createEqualWorkApp({
    upstream,
    dbPath,
    stateKey: Buffer.from(
      process.env.PEER_STATE_KEY ?? randomBytes(32).toString("base64"),
      "base64",
    ),
    logger,
  });
  const sessionId = process.env.PEER_SESSION_ID;
  if (sessionId) store.seed(sessionId, UAT_CREDENTIALS.userCode, new Date());
  const server: Server = app.listen(port, "127.0.0.1", () => {
    console.log(`express equal-work peer on http://127.0.0.1:${port} → ${upstream}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
