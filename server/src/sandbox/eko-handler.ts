import { setTimeout as sleep } from "node:timers/promises";
import type { Context } from "hono";
import type { Rail } from "../contract/rails.ts";
import { type Credentials, checkSignature } from "./auth.ts";
import type { Call, Services } from "./call.ts";
import { businessCode, type Envelope, validationFailed } from "./envelopes.ts";
import { runFault } from "./faults.ts";
import { getInfo, onboard, resendOtp, verifyMobileOtp } from "./flow-handlers.ts";
import {
  getConsentDetails,
  getConsentLanguages,
  sendAadhaarOtp,
  submitPan,
  verifyAadhaarOtp,
} from "./kyc-handlers.ts";
import { hiddenInDialect, readDialectHeader } from "./published-dialect.ts";
import { readParams, text } from "./request.ts";
import type { RequestLog, RequestLogEntry } from "./request-log.ts";
import { matchRoute, type Operation, type RouteDef } from "./routes.ts";
import {
  type Override,
  readOverrideHeaders,
  type ScenarioQueue,
  scenarioAnswer,
} from "./scenarios.ts";
import type { CustomerStore } from "./state.ts";
import { validateCall } from "./validation.ts";

export type EkoDeps = Services & {
  credentials: Credentials;
  initiatorIds: ReadonlySet<string>;
  customers: CustomerStore;
  queue: ScenarioQueue;
  log: RequestLog;
};

const handlers: Record<Operation, (call: Call, services: Services) => Envelope> = {
  "get-info": getInfo,
  onboard,
  "resend-otp": resendOtp,
  "verify-otp": verifyMobileOtp,
  "consent-languages": getConsentLanguages,
  "consent-details": getConsentDetails,
  "aadhaar-otp": sendAadhaarOtp,
  "aadhaar-verify": verifyAadhaarOtp,
  pan: submitPan,
};

/** The legacy shared paths pick the rail from service_code 80 (DigiKhata / PayPoint, §9). */
function railOf(route: RouteDef, serviceCode: string | undefined): Rail {
  if (route.rail !== "service-code") return route.rail;
  return serviceCode === "80" ? "digikhata" : "customer-account";
}

function operationOf(route: RouteDef, intentId: string | undefined): Operation {
  if (route.op !== "verify-by-intent") return route.op;
  return intentId === "20" ? "aadhaar-verify" : "verify-otp";
}

/**
 * One Eko call, in the order a gateway would check it: path (404), method
 * (405), signature (403), content type (415), then the forced fault, the
 * parameters (-1), the initiator (319), a forced scenario, and finally the
 * customer's state.
 */
export function createEkoHandler(deps: EkoDeps) {
  async function answer(c: Context, entry: RequestLogEntry): Promise<Response> {
    const match = matchRoute(c.req.method, `/${c.req.param("rest") ?? ""}`);
    const dialectHeader = deps.settings.scenarios
      ? readDialectHeader(c.req.header("x-sandbox-dialect"))
      : ({ kind: "none" } as const);
    if (dialectHeader.kind === "invalid") {
      return c.json({ error: { code: "bad_request", message: dialectHeader.message } }, 400);
    }
    const dialect = dialectHeader.kind === "set" ? dialectHeader.dialect : deps.settings.dialect;
    if (
      match.kind === "not-found" ||
      (match.kind === "found" && hiddenInDialect(match.route, dialect))
    ) {
      // §7.6: Eko's words for a path it has no mapping for.
      return c.json({ status: 1, message: "No mapping rule matched" }, 404);
    }
    if (match.kind === "wrong-method") {
      c.header("Allow", match.allow.join(", "));
      return c.json({ status: 1, message: "Method Not Allowed" }, 405);
    }

    const forbidden = checkSignature({ get: (name) => c.req.header(name) }, deps.credentials, {
      now: deps.now(),
      skewSeconds: deps.settings.skewSeconds,
    });
    if (forbidden) return c.json({ status: 1, message: forbidden }, 403);

    const read = await readParams({
      method: c.req.method,
      url: c.req.url,
      header: (name) => c.req.header(name),
      text: () => c.req.text(),
    });
    if (read.kind === "unsupported-media-type") {
      return c.json({ status: 1, message: `Unsupported Media Type: ${read.contentType}` }, 415);
    }
    const params = read.kind === "ok" ? read.params : {};
    const { route } = match;
    const customerId = match.pathCustomerId ?? text(params, "customer_id") ?? "";
    const rail = railOf(route, text(params, "service_code"));
    const op = operationOf(route, text(params, "intent_id"));
    entry.rail = rail;
    entry.customer_id = customerId.slice(0, 32) || null;
    entry.client_ref_id = text(params, "client_ref_id")?.slice(0, 40) ?? null;
    entry.dob = text(params, "dob")?.slice(0, 20) ?? null;

    let override: Override | null = null;
    if (deps.settings.scenarios) {
      const fromHeaders = readOverrideHeaders((name) => c.req.header(name));
      if (fromHeaders.kind === "invalid") {
        return c.json({ error: { code: "bad_request", message: fromHeaders.message } }, 400);
      }
      override = fromHeaders.kind === "set" ? fromHeaders : deps.queue.take(customerId);
    }
    if (override?.fault) {
      entry.override = `fault:${override.fault}`;
      const faulted = await runFault(c, override.fault, override.delayMs);
      if (faulted) return faulted;
    }

    if (read.kind === "malformed") {
      return envelope(c, entry, validationFailed({ body: read.reason }));
    }
    const invalid = validateCall({ op, route, params, customerId, now: deps.now() });
    if (Object.keys(invalid).length > 0) return envelope(c, entry, validationFailed(invalid));
    const initiatorId = text(params, "initiator_id") ?? "";
    if (!deps.initiatorIds.has(initiatorId)) return envelope(c, entry, businessCode(319));

    const record = deps.customers.get(initiatorId, rail, customerId);
    const call: Call = { op, route, rail, params, record, dialect, url: c.req.url };
    if (typeof override?.scenario === "number") {
      entry.override = [entry.override, `scenario:${override.scenario}`].filter(Boolean).join(",");
      return envelope(c, entry, scenarioAnswer(override.scenario, call, deps));
    }
    return envelope(c, entry, handlers[op](call, deps));
  }

  return async (c: Context): Promise<Response> => {
    const entry: RequestLogEntry = {
      method: c.req.method,
      path: `/${c.req.param("base")}/v3/${c.req.param("rest") ?? ""}`,
      rail: null,
      customer_id: null,
      client_ref_id: null,
      dob: null,
      response_type_id: null,
      http_status: 0,
      override: null,
      at: new Date(deps.now()).toISOString(),
    };
    const response = await answer(c, entry);
    entry.http_status = response.status;
    deps.log.add(entry);
    // settings.latencyMs: every Eko answer is held this long (benchmarks).
    if (deps.settings.latencyMs > 0) await sleep(deps.settings.latencyMs);
    return response;
  };
}

function envelope(c: Context, entry: RequestLogEntry, body: Envelope): Response {
  entry.response_type_id = body.response_type_id;
  return c.json(body, 200);
}
