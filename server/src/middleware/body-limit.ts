import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiProblem } from "../http/problem.ts";

/** The largest API request (onboarding with an address) is well under 2 KB. */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

export function apiBodyLimit(maxSize = API_BODY_LIMIT_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiProblem("payload_too_large", `Request body exceeds ${maxSize} bytes`);
    },
  });
}
