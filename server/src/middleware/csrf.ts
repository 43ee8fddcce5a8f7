import type { Context, MiddlewareHandler } from "hono";
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
  const isOwn = ownOrigin(env);
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      if (!origin) throw new ApiProblem("csrf_rejected", "Origin header required");
      if (!isOwn(c, origin)) throw new ApiProblem("csrf_rejected", "Cross-origin request refused");
    }
    await next();
  };
}

/**
 * For the sandbox's state-changing endpoints (`/sandbox/scenarios`,
 * `/sandbox/reset`): a page on another site must not reset the demo or queue
 * faults. Same Origin rule as /api, except that a request with no Origin is
 * let through — browsers send Origin on every POST and DELETE, so one without
 * comes from a tool (tests, curl, Playwright's request fixture), which is
 * what these endpoints are for. A browser's `Sec-Fetch-Site: cross-site` is
 * refused even without an Origin.
 */
export function sandboxCsrfProtection(env: Pick<Env, "publicOrigin">): MiddlewareHandler {
  const isOwn = ownOrigin(env);
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const crossSite = c.req.header("sec-fetch-site") === "cross-site";
      if ((origin !== undefined && !isOwn(c, origin)) || crossSite) {
        throw new ApiProblem("csrf_rejected", "Cross-origin request refused");
      }
    }
    await next();
  };
}

/** Distinct request origins seen (Host is the client's to choose, so the cache is bounded). */
const MAX_CACHED_ORIGINS = 64;

function ownOrigin(env: Pick<Env, "publicOrigin">) {
  const publicOrigin = env.publicOrigin ? new URL(env.publicOrigin).origin : null;
  // The request's origin is `scheme://host` of its URL, normalised by the URL parser (case,
  // default port); parsed once per distinct prefix rather than a URL per request.
  const normalised = new Map<string, string>();
  const requestOrigin = (url: string) => {
    const hostStart = url.indexOf("://") + 3;
    const pathStart = url.indexOf("/", hostStart);
    const prefix = pathStart === -1 ? url : url.slice(0, pathStart);
    let origin = normalised.get(prefix);
    if (origin === undefined) {
      origin = new URL(url).origin;
      if (normalised.size >= MAX_CACHED_ORIGINS) normalised.clear();
      normalised.set(prefix, origin);
    }
    return origin;
  };
  return (c: Context, origin: string) =>
    origin === requestOrigin(c.req.url) || origin === publicOrigin;
}
