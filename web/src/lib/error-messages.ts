import type { I18n, MessageDescriptor } from "@lingui/core";
import { type ClientErrorCode, isApiRequestError } from "./api-error.ts";

/**
 * Every error code the API can answer with, in plain words that say what to
 * do next. The record type makes a new server code a compile error here.
 */
export const errorMessages: Record<ClientErrorCode, MessageDescriptor> = {
  bad_request: { id: "error.bad_request" },
  validation_failed: { id: "error.validation_failed" },
  unauthenticated: { id: "error.unauthenticated" },
  forbidden: { id: "error.forbidden" },
  csrf_rejected: { id: "error.csrf_rejected" },
  not_found: { id: "error.not_found" },
  conflict: { id: "error.conflict" },
  flow_busy: { id: "error.flow_busy" },
  step_not_allowed: { id: "error.step_not_allowed" },
  payload_too_large: { id: "error.payload_too_large" },
  request_timeout: { id: "error.request_timeout" },
  unsupported_media_type: { id: "error.unsupported_media_type" },
  rate_limited: { id: "error.rate_limited" },
  otp_locked: { id: "error.otp_locked" },
  upstream_timeout: { id: "error.upstream_timeout" },
  upstream_unavailable: { id: "error.upstream_unavailable" },
  upstream_auth_failed: { id: "error.upstream_auth_failed" },
  upstream_bad_response: { id: "error.upstream_bad_response" },
  upstream_unknown_state: { id: "error.upstream_unknown_state" },
  upstream_rejected: { id: "error.upstream_rejected" },
  internal: { id: "error.internal" },
  network_error: { id: "error.network_error" },
};

const unknownError: MessageDescriptor = { id: "error.unknown" };

/** "Try again in 12 minutes" / "in 40 seconds", from the server's retry hint. */
function waitMessage(seconds: number): MessageDescriptor {
  if (seconds >= 60) {
    return { id: "error.rate_limited.minutes", values: { minutes: Math.ceil(seconds / 60) } };
  }
  return { id: "error.rate_limited.seconds", values: { seconds } };
}

/** The message for any thrown value, translated; never the server's English alone. */
export function errorMessage(i18n: I18n, error: unknown): string {
  if (!isApiRequestError(error)) return i18n._(unknownError);
  const wait = error.details.retryAfterSeconds;
  if (error.code === "rate_limited" && wait !== undefined) return i18n._(waitMessage(wait));
  return i18n._(errorMessages[error.code] ?? unknownError);
}

/** Whether trying the same thing again can help (shown as a "Try again" action). */
export function isRetryable(error: unknown): boolean {
  if (!isApiRequestError(error)) return true;
  return [
    "network_error",
    "upstream_timeout",
    "upstream_unavailable",
    "upstream_bad_response",
    "flow_busy",
    "rate_limited",
    "internal",
  ].includes(error.code);
}
