import type { MiddlewareHandler } from "hono";

/**
 * Every /api answer names a person (an agent, a customer's masked mobile, a
 * profile with a balance): no browser cache, shared device or proxy may keep
 * one. Set after the route (and the error handler) has answered, so it
 * covers errors and routes that set their own headers alike.
 */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
  };
}
