import { ServerResponse } from "node:http";
import type { Context } from "hono";

/**
 * The Node response a request is answered on, when @hono/node-server serves
 * it (`c.env.outgoing`); none in-process (`app.request`).
 *
 * Why the fixed headers go here: a header set on Hono's response after the
 * route has answered turns the adapter's plain header object into a WHATWG
 * `Headers` (built, written to, then iterated back into an object for
 * `writeHead`) — per request, ≈ 2.5 % of the console's CPU. A header set
 * here before the route runs costs one `setHeader`; `writeHead` merges the
 * route's own headers over it, so a route's header of the same name wins,
 * as `overwrite: false` makes it win in-process.
 */
export function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : undefined;
}
