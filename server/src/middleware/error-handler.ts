import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { ErrorCode } from "../contract/errors.ts";
import { ApiProblem, problemBody, requestIdOf } from "../http/problem.ts";
import type { Logger } from "../logger.ts";
import { FlowConflictError } from "../store/errors.ts";

/** Hono's own exceptions (body limit, malformed JSON, media-type gate) in our vocabulary. */
const codeForStatus: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
};

const messageForCode: Partial<Record<ErrorCode, string>> = {
  bad_request: "The request could not be read (malformed JSON?)",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Send the body as application/json",
};

function toProblem(error: Error): ApiProblem | null {
  if (error instanceof ApiProblem) return error;
  if (error instanceof FlowConflictError) return new ApiProblem("conflict", error.message);
  if (error instanceof HTTPException) {
    const code = codeForStatus[error.status] ?? (error.status >= 500 ? "internal" : "bad_request");
    if (code === "internal") return null;
    return new ApiProblem(code, messageForCode[code] ?? error.message);
  }
  return null;
}

/**
 * The one `onError`: every failure leaves as `{ error: { code, message,
 * requestId, details } }`. Anything unexpected is logged with its stack and
 * answered as a bare 500 `internal`, so no stack or SQL reaches the browser.
 */
export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    const requestId = requestIdOf(c);
    const problem = toProblem(error);
    if (!problem) {
      logger.error({ err: error, requestId, path: c.req.path }, "unhandled error");
      return respond(c, new ApiProblem("internal", "Something went wrong"), requestId);
    }
    return respond(c, problem, requestId);
  };
}

function respond(c: Context, problem: ApiProblem, requestId: string): Response {
  c.header("X-Request-Id", requestId);
  const retryAfter = problem.details?.retryAfterSeconds;
  if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
  return c.json(problemBody(problem, requestId), problem.status);
}

export const notFoundHandler: NotFoundHandler = (c) =>
  respond(
    c,
    new ApiProblem("not_found", `No route for ${c.req.method} ${c.req.path}`),
    requestIdOf(c),
  );

/**
 * `defaultHook` for OpenAPIHono: a schema failure becomes 422
 * `validation_failed` with `details.fields` (path → error key), which the
 * web puts on the matching form field. Sub-apps mounted with `.route()`
 * inherit it from the app that mounts them.
 */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError },
  _c: Context,
): undefined {
  if (result.success) return undefined;
  throw new ApiProblem("validation_failed", "Request validation failed", {
    fields: fieldErrors(result.error),
  });
}

/** Contract schemas use error keys as messages (`mobile_invalid`); zod's own messages become `required` / `invalid`. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_";
    if (fields[path]) continue;
    if (/^[a-z][a-z0-9_]*$/.test(issue.message)) fields[path] = issue.message;
    // zod reports no input by default; its message is the only sign the field was missing.
    else if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
      fields[path] = "required";
    } else fields[path] = "invalid";
  }
  return fields;
}
