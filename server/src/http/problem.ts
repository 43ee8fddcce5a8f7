import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { ApiError, ErrorCode } from "../contract/errors.ts";

export type ProblemDetails = NonNullable<ApiError["error"]["details"]>;

/** One HTTP status per error code, so the browser can narrow on `res.status`. */
export const problemStatus = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  flow_busy: 409,
  step_not_allowed: 409,
  payload_too_large: 413,
  request_timeout: 408,
  unsupported_media_type: 415,
  rate_limited: 429,
  otp_locked: 423,
  upstream_timeout: 504,
  upstream_unavailable: 503,
  upstream_auth_failed: 502,
  upstream_bad_response: 502,
  upstream_unknown_state: 502,
  upstream_rejected: 422,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;
export type ProblemStatus = (typeof problemStatus)[ErrorCode];

/** A failure the API answers with `{ error: { code, message, requestId, details } }`. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  readonly code: ErrorCode;
  readonly status: ProblemStatus;
  readonly details: ProblemDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ProblemDetails) {
    super(message);
    this.code = code;
    this.status = problemStatus[code];
    this.details = details;
  }
}

export function problemBody(problem: ApiProblem, requestId: string): ApiError {
  return {
    error: {
      code: problem.code,
      message: problem.message,
      requestId,
      ...(problem.details ? { details: problem.details } : {}),
    },
  };
}

/** The request id set by the request-id middleware, else the caller's header, else a fresh one. */
export function requestIdOf(c: Context): string {
  const fromContext = (c.var as { requestId?: unknown }).requestId;
  if (typeof fromContext === "string" && fromContext) return fromContext;
  // Never the caller's X-Request-Id: the id we answer with is ours (middleware/request-id.ts).
  return randomUUID();
}
