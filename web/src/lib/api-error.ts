import type { ClientResponse } from "hono/client";
import type { ApiError, ErrorCode } from "#contract/errors.ts";

/** Server error codes plus the one failure the browser can see on its own. */
export type ClientErrorCode = ErrorCode | "network_error";
export type ApiErrorDetails = NonNullable<ApiError["error"]["details"]>;

/**
 * A failed API call with everything the UI needs to explain it: the code
 * (translated, never the server's English message alone), field errors and
 * retry hints. `status` is 0 when the request never reached the server.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: ApiErrorDetails;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    details?: ApiErrorDetails;
    requestId?: string | null;
  }) {
    super(init.message);
    this.name = "ApiRequestError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? {};
    this.requestId = init.requestId ?? null;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

// Plain checks instead of the contract's zod schema: this module is in the
// first chunk the browser loads, and zod belongs to the lazy flow chunks.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 502 || status === 503 || status === 504) return "upstream_unavailable";
  return status >= 500 ? "internal" : "bad_request";
}

function retryAfterHeader(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const requestId = response.headers.get("x-request-id");
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const details: ApiErrorDetails = isRecord(error?.details)
    ? (error.details as ApiErrorDetails)
    : {};
  const headerRetry = retryAfterHeader(response);
  if (details.retryAfterSeconds === undefined && headerRetry !== undefined) {
    details.retryAfterSeconds = headerRetry;
  }
  return new ApiRequestError({
    status: response.status,
    code:
      typeof error?.code === "string" ? (error.code as ErrorCode) : codeForStatus(response.status),
    message: typeof error?.message === "string" ? error.message : response.statusText,
    details,
    requestId: typeof error?.requestId === "string" ? error.requestId : requestId,
  });
}

/** The body type of the 2xx answers a typed client call can give. */
export type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, infer _Format>
    ? Status extends 200 | 201 | 202
      ? Body
      : never
    : never;

/**
 * Awaits a typed client call: resolves with the success body, or throws an
 * `ApiRequestError` that keeps the server's code, fields and retry hint.
 */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(
  call: Promise<R>,
): Promise<SuccessBody<R>> {
  let response: R;
  try {
    response = await call;
  } catch (cause) {
    throw new ApiRequestError({
      status: 0,
      code: "network_error",
      message: cause instanceof Error ? cause.message : "Network error",
    });
  }
  if (!response.ok) throw await toApiRequestError(response as unknown as Response);
  if (response.status === 204) return undefined as SuccessBody<R>;
  return (await response.json()) as SuccessBody<R>;
}
