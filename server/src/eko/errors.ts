/** Ways a call to Eko can fail before there is an envelope to branch on. */
export const ekoFailureCodes = [
  "upstream_timeout",
  "upstream_unavailable",
  "upstream_auth_failed",
  "upstream_bad_response",
] as const;
export type EkoFailureCode = (typeof ekoFailureCodes)[number];

export class EkoTransportError extends Error {
  override name = "EkoTransportError";
  readonly code: EkoFailureCode;
  /**
   * True when the request may have reached Eko and been acted on (timeout, or
   * the connection dropped after sending). A write in that state is neither
   * retried nor assumed failed: the flow moves to `status_unknown`.
   */
  readonly outcomeUnknown: boolean;
  readonly httpStatus: number | null;

  constructor(
    code: EkoFailureCode,
    message: string,
    options: { outcomeUnknown?: boolean; httpStatus?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    this.httpStatus = options.httpStatus ?? null;
  }
}

const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

/** Maps a rejected `fetch` (or body read) to a typed failure. */
export function transportFailure(error: unknown, timeoutMs: number): EkoTransportError {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new EkoTransportError("upstream_timeout", `Eko did not answer within ${timeoutMs} ms`, {
      outcomeUnknown: true,
      cause: error,
    });
  }
  const code = causeCode(error);
  if (code && NOT_SENT.has(code)) {
    return new EkoTransportError("upstream_unavailable", `Cannot reach Eko (${code})`, {
      cause: error,
    });
  }
  // Reset / socket closed: the request may already have been written.
  return new EkoTransportError(
    "upstream_unavailable",
    `Connection to Eko failed (${code ?? "unknown"})`,
    {
      outcomeUnknown: true,
      cause: error,
    },
  );
}
