import { randomBytes } from "node:crypto";
import type { Logger } from "../logger.ts";
import { observeEkoCall, watchCircuitBreaker } from "../metrics/scope.ts";
import {
  type EkoCallName,
  type EkoCallSpec,
  type EkoPath,
  ekoCalls,
  railRefLetters,
} from "./calls.ts";
import {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  createCircuitBreaker,
} from "./circuit-breaker.ts";
import { type EkoAnswer, envelopeSchema } from "./envelope.ts";
import { EkoTransportError, transportFailure } from "./errors.ts";
import { exchange } from "./http-exchange.ts";
import { signatureHeaders } from "./sign.ts";

export type EkoClientOptions = {
  /** Read per call: in sandbox mode the URL is only known once the server listens. */
  baseUrl: () => string | null;
  developerKey: string;
  accessKey: string;
  initiatorId: string;
  timeoutMs: number;
  logger: Logger;
  /** Clock for `secret-key-timestamp` and the breaker; tests share it with the sandbox. */
  now?: () => number;
  breaker?: Omit<CircuitBreakerOptions, "now">;
};

/**
 * Who is calling, for whom: `user_code` is the signed-in agent's, never the browser's.
 * `clientRefId`: a write's reference chosen before the call (newClientRefId), so the
 * flow can record the write as in flight before it leaves; generated here otherwise.
 */
export type EkoCallContext = {
  customerId: string;
  userCode: string;
  requestId: string;
  clientRefId?: string;
};
export type EkoParams = Record<string, string | number | string[]>;
export type EkoResult = { answer: EkoAnswer; latencyMs: number };

export type EkoClient = {
  call(name: EkoCallName, context: EkoCallContext, params?: EkoParams): Promise<EkoResult>;
};

/** ≤ 20 chars (EPS FAQ), unique per call: rail letter (calls.ts) + base-36 ms + 8 random hex. */
export function newClientRefId(name: EkoCallName, now: number = Date.now()): string {
  return clientRefId(ekoCalls[name], now);
}

function clientRefId(spec: EkoCallSpec, now: number): string {
  return `${railRefLetters[spec.rail]}${now.toString(36)}${randomBytes(4).toString("hex")}`.slice(
    0,
    20,
  );
}

const AUTH_HINT =
  "Eko refused the request signature (HTTP 403). Check the server clock (secret-key-timestamp must match Eko's time), EKO_DEVELOPER_KEY / EKO_ACCESS_KEY for this environment, and the IP allow-list.";

export function createEkoClient(options: EkoClientOptions): EkoClient {
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ component: "eko" });
  const breakers = new Map<string, CircuitBreaker>();
  const breakerFor = (baseUrl: string) => {
    let breaker = breakers.get(baseUrl);
    if (!breaker) {
      breaker = createCircuitBreaker({ ...options.breaker, now });
      breakers.set(baseUrl, breaker);
      watchCircuitBreaker(baseUrl, breaker);
    }
    return breaker;
  };

  /** Per call: the index in `paths` that last answered (not 404). Per client instance = per process. */
  const answeredPath = new Map<EkoCallName, number>();

  /** The remembered path first, then the others in the table's order. */
  function pathOrder(name: EkoCallName): number[] {
    const indices = ekoCalls[name].paths.map((_path, index) => index);
    const known = answeredPath.get(name);
    return known === undefined ? indices : [known, ...indices.filter((index) => index !== known)];
  }

  function remember(name: EkoCallName, index: number): void {
    const before = answeredPath.get(name) ?? 0;
    answeredPath.set(name, index);
    if (before === index) return;
    const paths: readonly EkoPath[] = ekoCalls[name].paths;
    logger.info(
      {
        eko_call: name,
        from_family: paths[before]?.family,
        family: paths[index]?.family,
        path: paths[index]?.path,
      },
      "eko path switched",
    );
  }

  /**
   * HTTP 404 means no such route: Eko did nothing, so the same request (even a
   * write) goes to the call's next path. Any other failure is the caller's.
   */
  async function sendAlongPaths(
    name: EkoCallName,
    baseUrl: string,
    context: EkoCallContext,
    params: EkoParams,
    fresh: boolean,
  ): Promise<EkoResult> {
    // One client_ref_id for the call: a 404 means Eko saw nothing, so the next path gets the same request.
    const clientRef = context.clientRefId ?? clientRefId(ekoCalls[name], now());
    const order = pathOrder(name);
    for (const [position, index] of order.entries()) {
      const path = ekoCalls[name].paths[index] as EkoPath;
      try {
        const result = await send(name, path, baseUrl, context, params, fresh, clientRef);
        remember(name, index);
        return result;
      } catch (error) {
        const last = position === order.length - 1;
        if (!last && error instanceof EkoTransportError && error.httpStatus === 404) continue;
        throw error;
      }
    }
    throw new Error(`${name} has no paths`);
  }

  async function send(
    name: EkoCallName,
    route: EkoPath,
    baseUrl: string,
    context: EkoCallContext,
    params: EkoParams,
    fresh: boolean,
    clientRef: string,
  ): Promise<EkoResult> {
    const spec: EkoCallSpec = ekoCalls[name];
    const timestamp = now();
    const common: EkoParams = {
      initiator_id: options.initiatorId,
      user_code: context.userCode,
      ...(spec.serviceCode ? { service_code: spec.serviceCode } : {}),
      ...(route.customerIdInBody ? { customer_id: context.customerId } : {}),
    };
    const path = route.path.replace("{customer_id}", encodeURIComponent(context.customerId));
    const url = new URL(`${baseUrl.replace(/\/+$/, "")}${path}`);
    let body: string | undefined;
    if (spec.method === "GET") {
      // §5.2: GET carries every non-path parameter in the query string. Serialised once:
      // each `url.searchParams.set` re-serialises the whole query into the URL.
      const ref = spec.clientRefIdOnGet ? { client_ref_id: clientRefId(spec, timestamp) } : {};
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries({ ...common, ...ref, ...params })) {
        query.set(key, Array.isArray(value) ? JSON.stringify(value) : String(value));
      }
      url.search = query.toString();
    } else {
      body = JSON.stringify({ ...common, client_ref_id: clientRef, ...params });
    }
    const headers = {
      ...signatureHeaders(options, timestamp),
      "content-type": "application/json",
      accept: "application/json",
      "x-request-id": context.requestId,
    };

    const started = performance.now();
    const log = {
      eko_call: name,
      method: spec.method,
      path: route.path,
      rail: spec.rail,
      request_id: context.requestId,
    };
    let status: number;
    let text: string;
    try {
      ({ status, text } = await exchange(url, {
        method: spec.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(options.timeoutMs),
        fresh,
      }));
    } catch (error) {
      throw transportFailure(error, options.timeoutMs);
    }
    const latencyMs = Math.round(performance.now() - started);

    // §5.2: check the HTTP status before touching the body — 403/404/5xx are not envelopes.
    if (status === 403) {
      throw new EkoTransportError("upstream_auth_failed", AUTH_HINT, { httpStatus: status });
    }
    if (status >= 500) {
      // A 5xx says nothing about whether Eko already acted (a gateway can fail
      // after the backend did): a write is left in doubt, never assumed undone.
      throw new EkoTransportError("upstream_unavailable", `Eko answered HTTP ${status}`, {
        httpStatus: status,
        outcomeUnknown: true,
      });
    }
    if (status !== 200) {
      throw new EkoTransportError(
        "upstream_bad_response",
        `Eko answered HTTP ${status} for ${route.path}`,
        {
          httpStatus: status,
        },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const kind = /^\s*</.test(text) ? "HTML" : "malformed JSON";
      throw new EkoTransportError(
        "upstream_bad_response",
        `Eko answered ${kind} for ${route.path}`,
        // HTTP 200: Eko processed the request, we just cannot read what it did.
        { httpStatus: status, outcomeUnknown: true },
      );
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) {
      throw new EkoTransportError(
        "upstream_bad_response",
        `Eko's answer for ${route.path} is not an envelope`,
        { httpStatus: status, outcomeUnknown: true },
      );
    }
    logger.info(
      {
        ...log,
        http_status: status,
        response_type_id: parsed.data.responseTypeId,
        latency_ms: latencyMs,
      },
      "eko call",
    );
    return { answer: parsed.data, latencyMs };
  }

  return {
    async call(name, context, params = {}) {
      const baseUrl = options.baseUrl();
      if (!baseUrl) {
        throw new EkoTransportError("upstream_unavailable", "The Eko base URL is not configured");
      }
      const breaker = breakerFor(baseUrl);
      // Only reads are retried (once): a repeated write could act twice at Eko.
      const attempts = ekoCalls[name].method === "GET" ? 2 : 1;
      // A retry's failure must not hide an earlier attempt that may have reached Eko (a reset
      // after sending): a Get Customer / Sender that got through sent an OTP (abuse limits).
      let earlierInDoubt = false;
      const failWith = (error: EkoTransportError): EkoTransportError =>
        earlierInDoubt && !error.outcomeUnknown
          ? new EkoTransportError(error.code, error.message, {
              outcomeUnknown: true,
              ...(error.httpStatus === null ? {} : { httpStatus: error.httpStatus }),
              cause: error,
            })
          : error;
      for (let attempt = 1; ; attempt++) {
        if (!breaker.tryAcquire()) {
          throw failWith(
            new EkoTransportError(
              "upstream_unavailable",
              "Eko is failing; calls are paused for a moment",
            ),
          );
        }
        const started = performance.now();
        try {
          // A GET retried after a reset gets its own connection: the first try most likely
          // met a pooled socket the other side had just closed, and so may the next one.
          const result = await sendAlongPaths(name, baseUrl, context, params, attempt > 1);
          observeEkoCall(name, String(result.answer.responseTypeId), started);
          breaker.success();
          return result;
        } catch (error) {
          if (!(error instanceof EkoTransportError)) throw error;
          observeEkoCall(name, error.code, started);
          const transport =
            error.code === "upstream_timeout" || error.code === "upstream_unavailable";
          if (transport) breaker.failure();
          else breaker.success();
          logger.warn(
            {
              eko_call: name,
              paths: ekoCalls[name].paths.map((entry) => entry.path),
              request_id: context.requestId,
              code: error.code,
              reason: error.message,
              attempt,
            },
            "eko call failed",
          );
          // A timed-out GET is not retried: the agent would wait twice as long for the same outcome.
          if (attempt < attempts && error.code === "upstream_unavailable") {
            earlierInDoubt ||= error.outcomeUnknown;
            continue;
          }
          throw failWith(error);
        }
      }
    },
  };
}
