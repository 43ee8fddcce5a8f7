import type { MiddlewareHandler } from "hono";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every state-changing request must carry an Origin equal to our own (the
 * request's origin, or PUBLIC_ORIGIN behind a TLS-terminating proxy).
 * Browsers send Origin on every POST/PUT/PATCH/DELETE, same-origin fetches
 * included, so a missing one is refused too. hono/csrf is not enough here:
 * it checks only form-like content types and lets a missing Origin through.
 * The session cookie's SameSite=Strict is the second layer.
 */
export function csrfProtection(env: Pick<Env, "publicOrigin">): MiddlewareHandler {
  const publicOrigin = env.publicOrigin ? new URL(env.publicOrigin).origin : null;
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      if (!origin) throw new ApiProblem("csrf_rejected", "Origin header required");
      if (origin !== new URL(c.req.url).origin && origin !== publicOrigin) {
        throw new ApiProblem("csrf_rejected", "Cross-origin request refused");
      }
    }
    await next();
  };
}
