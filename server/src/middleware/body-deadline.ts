import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { ApiProblem } from "../http/problem.ts";

/** Hono's json validator's test (hono/validator): such a body is read as the route will read it. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Into the request's body cache in the form the route asks for. Hono serves a
 * second form from the first through a WHATWG Response (`new Response(buffer).json()`:
 * a ReadableStream, WebIDL conversions) — read as an ArrayBuffer here and as
 * JSON by the validator, that was about 3 % of a flow start's CPU.
 */
function readIntoCache(c: Context): Promise<unknown> {
  const mediaType = c.req.header("content-type")?.split(";")[0]?.trim() ?? "";
  return JSON_MEDIA_TYPE.test(mediaType) ? c.req.json() : c.req.arrayBuffer();
}

/** What @hono/node-server binds as `c.env`; absent in in-process `app.request()` calls. */
type NodeBindings = { incoming?: IncomingMessage; outgoing?: ServerResponse };

/**
 * A request body must arrive within `timeoutMs` of its headers, or the
 * answer is 408 `request_timeout` and the connection is dropped. Without it
 * a client dribbling a sign-in body a byte at a time held a request (and a
 * socket) for 322 s — Node's own `requestTimeout` is 300 s and answers a bare
 * 408. A body that is already complete (nearly every one: it came with the
 * headers) costs nothing here; otherwise it is read now, into the request's
 * own cache, so the route reads it from memory.
 */
export function apiBodyDeadline(timeoutMs: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const { incoming, outgoing } = (c.env ?? {}) as NodeBindings;
    if (!incoming || incoming.complete) return next();

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timed-out">((resolve) => {
      timer = setTimeout(() => resolve("timed-out"), timeoutMs);
    });
    // A failed read (the client went away, malformed JSON) is left for the route to report as before.
    const read = readIntoCache(c).then(
      () => "read" as const,
      () => "failed" as const,
    );
    const outcome = await Promise.race([read, timedOut]);
    clearTimeout(timer);
    if (outcome === "timed-out") {
      // Answer, then close: waiting for the rest of the body is what the client wants.
      c.header("Connection", "close");
      outgoing?.once("finish", () => incoming.socket?.destroy());
      throw new ApiProblem(
        "request_timeout",
        `Request body not received within ${Math.ceil(timeoutMs / 1000)} s`,
      );
    }
    return next();
  };
}
