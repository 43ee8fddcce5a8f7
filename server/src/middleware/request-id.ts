import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { nodeResponseOf } from "./node-response.ts";

/** A caller's id we are willing to log: short and plain (letters, digits, `_`, `-`, `=`). */
const PLAIN_ID = /^[A-Za-z0-9_=-]{1,128}$/;

export type RequestIdVariables = {
  /** Ours, always: what the audit stores and the browser is shown. */
  requestId: string;
  /** The caller's X-Request-Id (a proxy's trace id), when plain; logged beside ours, never trusted. */
  callerRequestId?: string;
};

/**
 * Every request gets a fresh UUID, whatever X-Request-Id it carries: an id
 * the audit stores and support looks up must not be one a client chose (two
 * requests could share it, or it could point at someone else's). A plain
 * incoming id is kept as `callerRequestId` so one trace still follows a
 * request through a proxy — in the logs only. Echoed on every response,
 * error responses included.
 */
export function requestId(): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    const id = randomUUID();
    c.set("requestId", id);
    const caller = c.req.header("x-request-id");
    if (caller !== undefined && PLAIN_ID.test(caller)) c.set("callerRequestId", caller);
    const outgoing = nodeResponseOf(c);
    if (outgoing) {
      // Before the route (node-response.ts); the error handler's own X-Request-Id is the same id.
      outgoing.setHeader("X-Request-Id", id);
      await next();
      return;
    }
    await next();
    if (!c.res.headers.has("X-Request-Id")) c.res.headers.set("X-Request-Id", id);
  };
}
