import type { MiddlewareHandler } from "hono";
import { nodeResponseOf } from "./node-response.ts";

/**
 * Every /api answer names a person (an agent, a customer's masked mobile, a
 * profile with a balance): no browser cache, shared device or proxy may keep
 * one. Set before the route on the Node response (node-response.ts), so it
 * covers errors too; a route that sets its own Cache-Control (the consent
 * audio's `private, no-store`) keeps it — in-process as well.
 */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    const outgoing = nodeResponseOf(c);
    if (outgoing) {
      outgoing.setHeader("Cache-Control", "no-store");
      await next();
      return;
    }
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}
